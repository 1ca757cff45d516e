import { sql, type Transaction } from 'kysely';
import { applyCaseDeltas, moveRollupParent, type RollupCase } from '../dashboard/index.ts';
import type { DB } from '../db/schema.ts';

/** A region and its subtree moved (regions' RegionMove): paths under `fromPath` now start with `toPath`. */
interface Move {
  code: string;
  fromPath: string;
  toPath: string;
}

const ROLLUP_COLUMNS = sql.raw(
  `id, city_code, district_code, street_code, community_code, kind, category_code, card,
   ratings_satisfied, ratings_basically_satisfied, ratings_unsatisfied,
   reported_at, accepted_at, resolved_at, closed_at`,
);
type MovedCase = RollupCase & { id: number | string };

/**
 * The cases of a moved region follow it, inside the move's transaction: their region path and
 * the ancestor codes read from it (district, street, community; the grid's own code stays), and
 * their dashboard figures move from the old regions' rollups to the new ones through the same
 * delta as every change of a case (the region's own rollup rows name its new parent). Loads the moved cases' figure columns once (one row each).
 */
export async function moveCasesWithRegion(trx: Transaction<DB>, move: Move): Promise<number> {
  const under = `${move.fromPath}%`;
  const parent = move.toPath.split('/').filter(Boolean).at(-2);
  if (parent) await moveRollupParent(trx, move.code, parent);
  const newPath = sql<string>`(${move.toPath} || substr(region_path, ${move.fromPath.length + 1}))`;
  const before = await sql<MovedCase>`
    select ${ROLLUP_COLUMNS} from cases where region_path like ${under} for update`.execute(trx);
  if (before.rows.length === 0) return 0;
  const after = await sql<MovedCase>`
    update cases set
      district_code = split_part(${newPath}, '/', 2),
      street_code = nullif(split_part(${newPath}, '/', 3), ''),
      community_code = nullif(split_part(${newPath}, '/', 4), ''),
      region_path = ${newPath}
    where region_path like ${under}
    returning ${ROLLUP_COLUMNS}`.execute(trx);
  const was = new Map(before.rows.map((r) => [String(r.id), r]));
  await applyCaseDeltas(
    trx,
    after.rows.map((r) => [was.get(String(r.id)) ?? null, r] as const),
  );
  return after.rows.length;
}
