import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/** The time-partitioned tables (migration 0300) and the column they are partitioned by. */
const PARTITIONED = ['cases', 'case_action'] as const;

/**
 * Make sure the yearly partitions exist up to `throughYear` (created ahead of time, before any
 * row of that year lands in the default partition, which would block creating them).
 * Safe to run at every start and from several servers at once.
 */
export async function ensureYearlyPartitions(db: Db, throughYear: number): Promise<string[]> {
  const created: string[] = [];
  for (const table of PARTITIONED) {
    const existing = await sql<{ name: string }>`
      select c.relname as name from pg_inherits i
      join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
      where p.relname = ${table}`.execute(db);
    const have = new Set(existing.rows.map((r) => r.name));
    const years = [...have]
      .map((n) => /_p(\d{4})$/.exec(n)?.[1])
      .filter(Boolean)
      .map(Number);
    const from = years.length ? Math.max(...years) + 1 : throughYear;
    for (let year = from; year <= throughYear; year++) {
      const name = `${table}_p${year}`;
      await sql
        .raw(`create table if not exists ${name} partition of ${table}
          for values from ('${year}-01-01') to ('${year + 1}-01-01')`)
        .execute(db)
        .then(() => created.push(name))
        .catch(() => undefined); // another server made it, or the default partition already holds that year
    }
  }
  return created;
}
