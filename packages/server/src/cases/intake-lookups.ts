import type { Selectable } from 'kysely';
import type { AppContext } from '../context.ts';
import type { Unit } from '../identity/service-units.ts';
import { LookupCache } from '../lib/lookup-cache.ts';
import { type CasePlace, placeOfGrid } from './case-places.ts';
import type { CaseCategoryTable } from './tables.ts';

/** Reference data intake reads for every report, kept for a few seconds per server process. */
const TTL_MS = 30_000;

interface Lookups {
  categories: LookupCache<Selectable<CaseCategoryTable> | undefined>;
  places: LookupCache<CasePlace | undefined>;
  units: LookupCache<Unit | undefined>;
}
const all = new WeakMap<AppContext, Lookups>();

function lookupsOf(ctx: AppContext): Lookups {
  let l = all.get(ctx);
  if (!l) {
    l = {
      categories: new LookupCache(TTL_MS),
      places: new LookupCache(TTL_MS),
      units: new LookupCache(TTL_MS),
    };
    all.set(ctx, l);
  }
  return l;
}

export const categoryByCode = (ctx: AppContext, code: string) =>
  lookupsOf(ctx).categories.get(code, () =>
    ctx.db.selectFrom('case_category').selectAll().where('code', '=', code).executeTakeFirst(),
  );

/** An administrator changed a category: read it afresh. */
export const forgetCategories = (ctx: AppContext) => lookupsOf(ctx).categories.clear();

/** Regions moved: read grids' places and their routed units afresh. */
export const forgetPlaces = (ctx: AppContext) => {
  lookupsOf(ctx).places.clear();
  lookupsOf(ctx).units.clear();
};

export const placeOf = (ctx: AppContext, gridCode: string) =>
  lookupsOf(ctx).places.get(gridCode, () => placeOfGrid(ctx.db, gridCode));

/** The first responsible unit of a type ('centre' or a department type) for a grid. */
export const routedUnit = (ctx: AppContext, type: string, place: CasePlace) =>
  lookupsOf(ctx).units.get(`${type}:${place.gridCode}`, () =>
    type === 'centre'
      ? ctx.services.identity.centreFor(place.gridCode)
      : ctx.services.identity.responsibleUnit(type, place.regionPath),
  );
