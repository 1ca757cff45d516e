import { sql } from 'kysely';
import type { Db } from '../../src/db/database.ts';

/**
 * Tables a refused request may still write, on purpose: the audit trail of refusals, login
 * throttling, and the session's last-seen time.
 */
export const MAY_CHANGE_ON_REFUSAL = new Set(['audit_log', 'audit_head', 'login_throttle', 'user_session']);

/**
 * A cheap fingerprint of every table: its row count and the newest row version (`xmin`), so
 * any committed insert, update or delete shows. Partitions are read through their parents.
 */
export async function fingerprint(db: Db): Promise<Map<string, string>> {
  const tables = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind in ('r', 'p') and not c.relispartition
    order by 1`.execute(db);
  const names = tables.rows.map((r) => r.name).filter((n) => !MAY_CHANGE_ON_REFUSAL.has(n));
  const parts = names.map(
    (n) =>
      `select '${n}' as name, count(*) || ':' || coalesce(max(xmin::text::bigint), 0) as mark from "${n}"`,
  );
  const rows = await sql<{ name: string; mark: string }>`${sql.raw(parts.join(' union all '))}`.execute(db);
  return new Map(rows.rows.map((r) => [r.name, String(r.mark)]));
}

/** The tables whose fingerprint differs. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after.keys()].filter((k) => before.get(k) !== after.get(k));
}
