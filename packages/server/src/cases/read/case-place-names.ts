import type { AppContext } from '../../context.ts';

/** The codes of the places a case is in (a row of `cases`). */
interface Placed {
  street_code: string | null;
  community_code: string | null;
  grid_code: string | null;
}

/** Region names by code, for the places cases are in. */
export type PlaceNames = ReadonlyMap<string, string>;

/**
 * The names of the streets, communities and grids of these cases, in one query (retired places
 * keep their names: a case stays where it was reported).
 */
export async function placeNames(ctx: AppContext, rows: readonly Placed[]): Promise<PlaceNames> {
  const codes = new Set<string>();
  for (const r of rows)
    for (const c of [r.street_code, r.community_code, r.grid_code]) if (c !== null) codes.add(c);
  if (codes.size === 0) return new Map();
  const found = await ctx.db
    .selectFrom('region')
    .select(['code', 'name'])
    .where('code', 'in', [...codes])
    .execute();
  return new Map(found.map((r) => [r.code, r.name]));
}

/** The names a case summary shows next to its codes. */
export function namesOf(row: Placed, names: PlaceNames) {
  const name = (code: string | null) => (code === null ? null : (names.get(code) ?? null));
  return {
    streetName: name(row.street_code),
    communityName: name(row.community_code),
    gridName: name(row.grid_code),
  };
}
