import type { AppContext } from '../context.ts';
import { serverNow } from '../lib/clock.ts';
import { placesChanged } from './board-counters.ts';
import { seedChecklists } from './service-checklists.ts';

const HEPING = '120101000000';

/** The first child of a region at a level, by code (the demo users' corner of 和平区). */
async function first(ctx: AppContext, parent: string) {
  return ctx.db
    .selectFrom('region')
    .select(['code', 'path', 'min_lon', 'min_lat', 'max_lon', 'max_lat'])
    .where('parent_code', '=', parent)
    .where('retired_at', 'is', null)
    .orderBy('code')
    .executeTakeFirst();
}

/** A point inside the grid (its bounding box's centre when that lies inside, else none). */
async function pointIn(ctx: AppContext, g: NonNullable<Awaited<ReturnType<typeof first>>>) {
  if (g.min_lon == null || g.max_lon == null || g.min_lat == null || g.max_lat == null) return null;
  const lon = (g.min_lon + g.max_lon) / 2;
  const lat = (g.min_lat + g.max_lat) / 2;
  return (await ctx.services.regions.locator.locate(lon, lat)) === g.code ? { lon, lat } : null;
}

const PLACES: [key: string, name: string, type: string, tier: string][] = [
  ['HP-SV-0001', '和平路小餐馆', 'restaurant', 'medium'],
  ['HP-SV-0002', '便民小超市', 'shop', 'low'],
  ['HP-SV-0003', '服装加工小作坊', 'workshop', 'high'],
  ['HP-RH-0001', '出租房屋 3-2-301', 'rental', 'low'],
  ['HP-CS-0001', '和平区某住宅项目工地', 'construction_site', 'high'],
];

/** The demo city's checklists, a few places in the demo grid and a risk source. */
export async function seedInspections(ctx: AppContext) {
  await seedChecklists(ctx);
  const street = await first(ctx, HEPING);
  const community = street && (await first(ctx, street.code));
  const grid = community && (await first(ctx, community.code));
  if (!grid) return;
  const exists = await ctx.db
    .selectFrom('place')
    .select('id')
    .where('key', '=', 'HP-SV-0001')
    .executeTakeFirst();
  if (exists) return;
  const at = await pointIn(ctx, grid);
  const now = serverNow(ctx);
  await ctx.db.transaction().execute((trx) =>
    trx
      .insertInto('place')
      .values(
        PLACES.map(([key, name, type, tier]) => ({
          key,
          name,
          place_type: type,
          size_class: 'small' as const,
          area_m2: 60,
          address: `天津市和平区 ${name}`,
          lon: at?.lon ?? null,
          lat: at?.lat ?? null,
          grid_code: grid.code,
          region_path: grid.path,
          district_code: HEPING,
          safety_grid_code: null,
          responsible_person_id: null,
          licences: JSON.stringify([{ kind: '营业执照', number: `91120101MA${key.replace(/-/g, '')}` }]),
          risk_tier: tier as 'low',
          next_due_at: now,
          created_at: now,
          updated_at: now,
        })),
      )
      .returning(['id', 'place_type', 'region_path', 'retired_at'])
      .execute()
      .then((rows) =>
        placesChanged(
          trx,
          [],
          rows.map((r) => ({ ...r, id: Number(r.id) })),
        ),
      ),
  );
  if (at) {
    const source = await ctx.db
      .insertInto('risk_source')
      .values({
        name: '液化石油气瓶储存点',
        kind: 'gas',
        place_id: null,
        region_path: grid.path,
        grid_code: grid.code,
        lon: at.lon,
        lat: at.lat,
        tier: 'orange',
        plan: JSON.stringify({ checker: '社区安全员', what: '气瓶数量、存放、通风与报警器', everyDays: 7 }),
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ctx.db
      .insertInto('risk_source_tier_log')
      .values({
        risk_source_id: source.id,
        from_tier: null,
        to_tier: 'orange',
        reason: 'registered',
        actor_id: null,
        at: now,
      })
      .execute();
  }
}
