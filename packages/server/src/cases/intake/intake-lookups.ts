import type { Selectable } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { Unit } from '../../identity/index.ts';
import { LookupCache } from '../../lib/lookup-cache.ts';
import type { CaseCategoryTable } from '../tables.ts';
import { allGridPlaces, type CasePlace, placeOfGrid } from './case-places.ts';
import { routingVersion } from './routing-version.ts';

/** Reference data intake reads for every report, kept for a few seconds per server process (units: identity's directory). */
const TTL_MS = 30_000;

interface Lookups {
  categories: LookupCache<Selectable<CaseCategoryTable> | undefined>;
  /** Every active grid's place, read in one query. */
  grids: LookupCache<Map<string, CasePlace>>;
  /** Grids the snapshot doesn't know yet (made since it was read). */
  places: LookupCache<CasePlace | undefined>;
  /** The routing table (cases/routing.ts), whole, under its version. */
  routing: LookupCache<unknown>;
  /** The routing version the cached table and categories were read at. */
  version: number;
}
const all = new WeakMap<AppContext, Lookups>();

function lookupsOf(ctx: AppContext): Lookups {
  let l = all.get(ctx);
  if (!l) {
    l = {
      categories: new LookupCache(TTL_MS),
      grids: new LookupCache(TTL_MS, 1),
      places: new LookupCache(TTL_MS),
      routing: new LookupCache(TTL_MS, 1),
      version: 0,
    };
    all.set(ctx, l);
  }
  return l;
}

/** A category as read at a routing version (intake passes the one it synced; actions take the last read). */
export const categoryByCode = (ctx: AppContext, code: string, version?: number) => {
  const l = lookupsOf(ctx);
  return l.categories.get(`${version ?? l.version}:${code}`, () =>
    ctx.db.selectFrom('case_category').selectAll().where('code', '=', code).executeTakeFirst(),
  );
};

/** An administrator changed a category or a routing rule: read them afresh (the next intake routes by the change). */
export const forgetCategories = (ctx: AppContext) => {
  lookupsOf(ctx).categories.clear();
  lookupsOf(ctx).routing.clear();
};

/**
 * The routing table as `load` reads it, kept with the categories (forgotten with them) while the
 * routing version (routing-version.ts) stays: a change through any process is read afresh.
 */
export async function cachedRouting<T>(
  ctx: AppContext,
  load: () => Promise<T>,
  version?: number,
): Promise<T> {
  const v = version ?? (await syncRouting(ctx));
  return lookupsOf(ctx).routing.get(String(v), load) as Promise<T>;
}

/**
 * Read the routing version and forget the categories and table read at an older one; returns
 * the version. Intake calls it before reading its category, then routes at the same version, so
 * a category changed through another process is read afresh by the very next report.
 */
export async function syncRouting(ctx: AppContext): Promise<number> {
  const version = await routingVersion(ctx);
  const l = lookupsOf(ctx);
  if (version !== l.version) {
    l.categories.clear();
    l.routing.clear();
    l.version = version;
  }
  return version;
}

/** Regions moved: read grids' places and their routed units afresh. */
export const forgetPlaces = (ctx: AppContext) => {
  lookupsOf(ctx).grids.clear();
  lookupsOf(ctx).places.clear();
  ctx.services.identity.units.forgetDirectory();
};

export async function placeOf(ctx: AppContext, gridCode: string): Promise<CasePlace | undefined> {
  const l = lookupsOf(ctx);
  const grids = await l.grids.get('all', () => allGridPlaces(ctx));
  return grids.get(gridCode) ?? l.places.get(gridCode, () => placeOfGrid(ctx.db, gridCode));
}

/** The first responsible unit of a type ('centre' or a department type) for a place. */
export const routedUnit = (ctx: AppContext, type: string, place: CasePlace): Promise<Unit | undefined> =>
  ctx.services.identity.responsibleUnit(type, place.regionPath);
