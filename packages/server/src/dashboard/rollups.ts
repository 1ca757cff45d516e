import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import {
  ALL,
  FIGURES,
  ROLLUP_TIME_ZONE,
  type RollupCase,
  rollupDeltaOfChanges,
} from './domain/rollup-contribution.ts';

/** The app's database or a transaction on it. */
type RollupDb = Db;

/**
 * Keep the rollups exact in the transaction that changes a case: call with the case row as it
 * was (null for a new case) and as it is now. One multi-row upsert; nothing when no figure moves.
 */
export async function applyCaseDelta(
  trx: RollupDb,
  before: RollupCase | null,
  after: RollupCase | null,
): Promise<void> {
  await applyCaseDeltas(trx, [[before, after]]);
}

/**
 * As applyCaseDelta for several cases changed in one transaction (e.g. an intake batch): one
 * upsert for all of them, equal keys summed.
 */
export async function applyCaseDeltas(
  trx: RollupDb,
  changes: readonly (readonly [RollupCase | null, RollupCase | null])[],
): Promise<void> {
  const deltas = rollupDeltaOfChanges(changes);
  if (deltas.length === 0) return;
  const rows = deltas.map(({ values, ...key }) => ({ ...key, ...values }));
  const set = Object.fromEntries(
    FIGURES.map((f) => [f, sql`case_rollup_daily.${sql.ref(f)} + excluded.${sql.ref(f)}`]),
  );
  await trx
    .insertInto('case_rollup_daily')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['city_code', 'region_code', 'day', 'kind', 'category_code']).doUpdateSet(set),
    )
    .execute();
}

/**
 * A region moved under another parent: its own rollup rows name the new parent (the rows of its
 * descendants keep theirs; codes never change). The figures moved with the cases' deltas.
 */
export async function moveRollupParent(trx: RollupDb, regionCode: string, parentCode: string): Promise<void> {
  await trx
    .updateTable('case_rollup_daily')
    .set({ parent_code: parentCode })
    .where('region_code', '=', regionCode)
    .where('parent_code', '<>', parentCode)
    .execute();
}

/** Figures of a group of cases in SQL, in the same terms as caseFigures(). */
export const FIGURE_SQL = `
  count(*)::int as received,
  count(accepted_at)::int as accepted,
  count(resolved_at)::int as resolved,
  count(closed_at)::int as closed,
  (count(*) filter (where closed_at is not null and card <> 'red'))::int as closed_on_time,
  (count(*) filter (where card = 'red'))::int as overdue,
  (count(*) filter (where card = 'red' and closed_at is null))::int as overdue_open,
  coalesce(sum(ratings_satisfied), 0)::int as satisfied,
  coalesce(sum(ratings_basically_satisfied), 0)::int as basically_satisfied,
  coalesce(sum(ratings_unsatisfied), 0)::int as unsatisfied,
  coalesce(sum(greatest(0, floor(extract(epoch from (closed_at - reported_at)) / 60))), 0)::bigint as closed_minutes`;

const SUMS = FIGURES.map((f) => `sum(${f})::${f === 'closed_minutes' ? 'bigint' : 'int'}`).join(', ');
/** Level, its region and parent columns, and which cases reach it. */
const LEVEL_SQL: [string, string, string, string][] = [
  ['city', 'city_code', 'null::text', 'true'],
  ['district', 'district_code', 'city_code', 'true'],
  ['street', 'street_code', 'district_code', 'street_code is not null'],
  ['community', 'community_code', 'street_code', 'street_code is not null and community_code is not null'],
];
const COLUMNS = `city_code, level, region_code, parent_code, day, kind, category_code, ${FIGURES.join(', ')}`;

/** The statements that recompute every rollup row from the cases table (one scan of cases). */
export function rebuildStatements(): string[] {
  return [
    'truncate case_rollup_daily',
    `create temp table rollup_source on commit drop as
       select city_code, district_code, street_code, community_code,
              (reported_at at time zone '${ROLLUP_TIME_ZONE}')::date as day, kind, category_code, ${FIGURE_SQL}
       from cases group by 1, 2, 3, 4, 5, 6, 7`,
    ...LEVEL_SQL.flatMap(([level, region, parent, where]) => [
      `insert into case_rollup_daily (${COLUMNS})
         select city_code, '${level}', ${region}, ${parent}, day, kind, category_code, ${SUMS}
         from rollup_source where ${where} group by city_code, ${region}, ${parent}, day, kind, category_code`,
      `insert into case_rollup_daily (${COLUMNS})
         select city_code, '${level}', ${region}, ${parent}, day, '${ALL}', '${ALL}', ${SUMS}
         from rollup_source where ${where} group by city_code, ${region}, ${parent}, day`,
    ]),
  ];
}

/** Recompute the rollups from the case history, in one transaction. Returns the rows written. */
export async function rebuildRollups(db: RollupDb, options: { postgres?: boolean } = {}): Promise<number> {
  return db.transaction().execute(async (trx) => {
    if (options.postgres) await sql`set local work_mem = '256MB'`.execute(trx);
    for (const statement of rebuildStatements()) await sql.raw(statement).execute(trx);
    const r = await sql<{ n: number }>`select count(*)::int as n from case_rollup_daily`.execute(trx);
    return r.rows[0]?.n ?? 0;
  });
}
