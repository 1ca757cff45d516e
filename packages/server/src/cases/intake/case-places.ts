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

/**
 * The places as their grids stand now, read in the writing transaction with the grids' rows
 * share-locked: a region move (which updates those rows) either commits first, and the new cases
 * take the grids' new paths, or waits for them, and then moves them along with the rest. Also
 * catches a place another server process read before a move (its cache lives 30 s).
 */
export async function currentPlaces(db: Db, places: readonly CasePlace[]): Promise<CasePlace[]> {
  const codes = [...new Set(places.map((p) => p.gridCode))].sort();
  if (!codes.length) return [];
  const rows = await db
    .selectFrom('region')
    .select(['code', 'path'])
    .where('code', 'in', codes)
    .orderBy('code')
    .forShare()
    .execute();
  const now = new Map(rows.map((r) => [r.code, r.path]));
  return places.map((p) => {
    const path = now.get(p.gridCode);
    return path && path !== p.regionPath ? (placeOfPath(p.gridCode, path) ?? p) : p;
  });
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
