import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/database.ts';

/** Where a case is: its grid and the chain of region codes above it (denormalised on the case). */
export interface CasePlace {
  cityCode: string;
  districtCode: string;
  streetCode: string | null;
  communityCode: string | null;
  gridCode: string;
  regionPath: string;
}

/** The place of every active grid, by code (one query: what intake locates reports to). */
export async function allGridPlaces(ctx: AppContext): Promise<Map<string, CasePlace>> {
  const rows = await ctx.db
    .selectFrom('region')
    .select(['code', 'path'])
    .where('level', '=', 'grid')
    .where('retired_at', 'is', null)
    .execute();
  const places = new Map<string, CasePlace>();
  for (const r of rows) {
    const place = placeOfPath(r.code, r.path);
    if (place) places.set(r.code, place);
  }
  return places;
}

function placeOfPath(code: string, path: string): CasePlace | undefined {
  const [city, district, street, community] = path.split('/').filter(Boolean);
  if (!city || !district) return undefined;
  return {
    cityCode: city,
    districtCode: district,
    streetCode: street ?? null,
    communityCode: community ?? null,
    gridCode: code,
    regionPath: path,
  };
}

/** The place of an active grid, or undefined when there is no such grid. */
export async function placeOfGrid(db: Db, gridCode: string): Promise<CasePlace | undefined> {
  const grid = await db
    .selectFrom('region')
    .select(['code', 'path', 'level'])
    .where('code', '=', gridCode)
    .where('retired_at', 'is', null)
    .executeTakeFirst();
  if (grid?.level !== 'grid') return undefined;
  return placeOfPath(grid.code, grid.path);
}

/** The code of the grid containing a point (the regions module's in-memory index), or null outside the city. */
export function gridAt(ctx: AppContext, lon: number, lat: number): Promise<string | null> {
  return ctx.services.regions.locator.locate(lon, lat);
}
