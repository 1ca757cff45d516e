import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type RegionMove, rewritePathPrefix } from '../regions/index.ts';
import { applyFiguresOf, type DisputeRow, normalise } from './rows.ts';

const PAGE = 2000;

/** A dispute as it is after the move: its path under the new parent and the ancestor codes read from it. */
function moved(r: DisputeRow, move: RegionMove): DisputeRow {
  const region_path = move.toPath + r.region_path.slice(move.fromPath.length);
  const [city_code, district_code, street_code, community_code] = region_path.split('/') as string[];
  return {
    ...r,
    region_path,
    city_code: city_code as string,
    district_code: district_code as string,
    street_code: street_code as string,
    community_code: community_code as string,
  };
}

/**
 * A region moved (regions' RegionMove, in the move's own transaction): what the disputes module
 * keeps of region paths follows it — each dispute's path and its ancestor codes (the inbox and
 * the ledger read the city and district by code), the mediation organisations' areas, the grids'
 * and streets' screening reports. The figures move through the same delta as every dispute's
 * change (`applyFiguresOf`: the moved disputes' contributions leave the old ancestors' rows and
 * join the new ones), and the moved region's own rows name its new parent — as the case rollups
 * do on a move (cases/region-move.ts).
 */
export async function moveDisputes(trx: Transaction<DB>, move: RegionMove) {
  for (let after = -1; ; ) {
    const page = await trx
      .selectFrom('dispute')
      .selectAll()
      .where('region_path', 'like', `${move.fromPath}%`)
      .where('case_id', '>', after)
      .orderBy('case_id')
      .limit(PAGE)
      .execute();
    if (page.length === 0) break;
    await applyFiguresOf(
      trx,
      page.map((r) => {
        const before = normalise(r);
        return [before, moved(before, move)] as const;
      }),
    );
    after = Number(page[page.length - 1]?.case_id);
  }
  await rewritePathPrefix(trx, 'dispute', 'region_path', move);
  await sql`update dispute set city_code = split_part(region_path, '/', 1),
      district_code = split_part(region_path, '/', 2), street_code = split_part(region_path, '/', 3),
      community_code = split_part(region_path, '/', 4)
    where region_path like ${`${move.toPath}%`}`.execute(trx);
  // a street's (or district's) own figure rows are keyed by its code: only their parent changes
  const parent = move.toPath.split('/').filter(Boolean).at(-2) ?? null;
  await sql`update dispute_figure_rollup set parent_code = ${parent} where region_code = ${move.code}`.execute(
    trx,
  );
  await rewritePathPrefix(trx, 'mediation_org', 'region_path', move);
  await rewritePathPrefix(trx, 'screening_report', 'region_path', move);
  await sql`update screening_report set street_code = split_part(region_path, '/', 3)
    where region_path like ${`${move.toPath}%`}`.execute(trx);
  await rewritePathPrefix(trx, 'street_screening_report', 'region_path', move);
}
