import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type RegionMove, rewritePathPrefix } from '../regions/index.ts';
import { rebuildFiguresIn } from './figures-rebuild.ts';

/**
 * A region moved (regions' RegionMove, in the move's own transaction): what the disputes module
 * keeps of region paths follows it — each dispute's path and its ancestor codes (the inbox and
 * the ledger read the city and district by code), the mediation organisations' areas, the grids'
 * and streets' screening reports — and the figures, whose rows sum by ancestors, are rebuilt from
 * the disputes (a city administrator's rare change; the case rollups do the same on a move).
 */
export async function moveDisputes(trx: Transaction<DB>, move: RegionMove) {
  await rewritePathPrefix(trx, 'dispute', 'region_path', move);
  await sql`update dispute set city_code = split_part(region_path, '/', 1),
      district_code = split_part(region_path, '/', 2), street_code = split_part(region_path, '/', 3),
      community_code = split_part(region_path, '/', 4)
    where region_path like ${`${move.toPath}%`}`.execute(trx);
  await rewritePathPrefix(trx, 'mediation_org', 'region_path', move);
  await rewritePathPrefix(trx, 'screening_report', 'region_path', move);
  await sql`update screening_report set street_code = split_part(region_path, '/', 3)
    where region_path like ${`${move.toPath}%`}`.execute(trx);
  await rewritePathPrefix(trx, 'street_screening_report', 'region_path', move);
  const moved = await sql<{ n: number }>`select count(*)::int as n from dispute
    where region_path like ${`${move.toPath}%`}`.execute(trx);
  if (Number(moved.rows[0]?.n) > 0) await rebuildFiguresIn(trx);
}
