import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

const BULK_TABLES = [
  'cases',
  'case_action',
  'case_number',
  'case_summons',
  'case_link',
  'case_kind_figure',
  // the disputes and inspections generators' (gen/contracts.ts)
  'dispute',
  'dispute_party',
  'person',
  'mediation_session',
  'place',
  'inspection',
  'hazard',
  'hazard_event',
];

export interface DroppedIndex {
  name: string;
  definition: string;
}

/**
 * Drop the secondary indexes of the case tables (keys and unique constraints stay) so a bulk
 * load writes only the heap; `restoreIndexes` builds them again, sorted, in one pass each.
 */
export async function dropSecondaryIndexes(db: Db): Promise<DroppedIndex[]> {
  const r = await sql<DroppedIndex>`
    select i.relname as name, pg_get_indexdef(i.oid) as definition
    from pg_index x
    join pg_class i on i.oid = x.indexrelid
    join pg_class t on t.oid = x.indrelid
    join pg_namespace n on n.oid = t.relnamespace and n.nspname = current_schema()
    where t.relname in (${sql.join(BULK_TABLES)})
      and not x.indisprimary and not x.indisunique`.execute(db);
  for (const index of r.rows) await sql`drop index if exists ${sql.id(index.name)}`.execute(db);
  return r.rows;
}

export async function restoreIndexes(db: Db, indexes: DroppedIndex[]): Promise<void> {
  await sql`set maintenance_work_mem = '512MB'`.execute(db).catch(() => undefined);
  // a partitioned table's index reads "ON ONLY parent"; built again it must cover the partitions
  for (const index of indexes) await sql.raw(index.definition.replace(' ON ONLY ', ' ON ')).execute(db);
}
