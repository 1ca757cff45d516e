import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { AppContext } from '../context.ts';
import { conflict, forbidden, unauthorized, unprocessable } from '../http/problem.ts';
import { type Actor, passwordHasher, scopeOf } from '../identity/index.ts';
import { serverNow } from '../lib/clock.ts';
import { blockers, checklist, type SetupCounts, type SetupStep } from './domain/checklist.ts';

export interface CityProfile {
  code: string | null;
  name: string | null;
  /** Where maps open: [lon, lat], from the profile or the middle of the city's boundary. */
  centre: [number, number] | null;
  zoom: number;
  portalTitle: string | null;
  portalIntro: string | null;
  /** Tiles under the boundaries (null: boundaries and labels alone). */
  baseMap: BaseMap | null;
  live: boolean;
  liveAt: string | null;
  /** The server seeds the demo city (DEMO on). */
  demo: boolean;
  /** Show the "demo, not live" banner: until an administrator takes the city live. */
  demoBanner: boolean;
}

export interface BaseMap {
  url: string;
  crs: 'wgs84' | 'gcj02';
  attribution?: string;
}

export interface ProfileChanges {
  name?: string;
  centre?: [number, number] | null;
  zoom?: number | null;
  portalTitle?: string | null;
  portalIntro?: string | null;
  baseMap?: BaseMap | null;
}

/** Only an administrator whose scope is the whole city sets the city up. */
export function assertCityAdmin(actor: Actor): void {
  if (actor.kind !== 'staff') throw unauthorized('sign in as the city administrator');
  if (!scopeOf(actor, 'region.manage').citywide)
    throw forbidden('only a city-wide administrator sets up the city');
}

export function createSetupService(ctx: AppContext) {
  const { db } = ctx;

  async function profile(): Promise<CityProfile> {
    const row = await db.selectFrom('city_profile').selectAll().executeTakeFirst();
    const root = await db
      .selectFrom('region')
      .select(['code', 'name', 'min_lon', 'min_lat', 'max_lon', 'max_lat'])
      .where('parent_code', 'is', null)
      .where('retired_at', 'is', null)
      .orderBy('code')
      .executeTakeFirst();
    const middle: [number, number] | null =
      root?.min_lon != null && root.max_lon != null && root.min_lat != null && root.max_lat != null
        ? [(root.min_lon + root.max_lon) / 2, (root.min_lat + root.max_lat) / 2]
        : null;
    const live = row?.live_at != null;
    return {
      code: row?.code ?? root?.code ?? null,
      name: row?.name ?? root?.name ?? null,
      centre: row?.centre_lon != null && row.centre_lat != null ? [row.centre_lon, row.centre_lat] : middle,
      zoom: row?.zoom ?? 9,
      portalTitle: row?.portal_title ?? null,
      portalIntro: row?.portal_intro ?? null,
      baseMap: baseMapOf(row?.base_map),
      live,
      liveAt: row?.live_at ? row.live_at.toISOString() : null,
      demo: ctx.config.demo,
      demoBanner: !live,
    };
  }

  async function updateProfile(actor: Actor, changes: ProfileChanges, ip?: string): Promise<CityProfile> {
    assertCityAdmin(actor);
    if (changes.baseMap && !['{z}', '{x}', '{y}'].every((p) => changes.baseMap?.url.includes(p)))
      throw unprocessable(
        'body.baseMap.url',
        'needs {z}, {x} and {y} (WMTS: TILEMATRIX={z}&TILEROW={y}&TILECOL={x})',
      );
    const current = await profile();
    if (!current.code) throw conflict('there is no city yet: run `npm run setup` first');
    await db.transaction().execute(async (trx) => {
      const values = {
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.centre !== undefined
          ? { centre_lon: changes.centre?.[0] ?? null, centre_lat: changes.centre?.[1] ?? null }
          : {}),
        ...(changes.zoom !== undefined ? { zoom: changes.zoom } : {}),
        ...(changes.portalTitle !== undefined ? { portal_title: changes.portalTitle } : {}),
        ...(changes.portalIntro !== undefined ? { portal_intro: changes.portalIntro } : {}),
        ...(changes.baseMap !== undefined
          ? { base_map: changes.baseMap ? JSON.stringify(changes.baseMap) : null }
          : {}),
        updated_at: serverNow(ctx),
      };
      await trx
        .insertInto('city_profile')
        .values({ id: 1, code: current.code as string, name: current.name as string, ...values })
        .onConflict((oc) => oc.column('id').doUpdateSet(values))
        .execute();
      await ctx.services.identity.audit.record(trx, {
        actor,
        action: 'city.profile.update',
        objectType: 'city',
        objectId: current.code,
        ip,
        detail: { ...changes },
      });
    });
    return profile();
  }

  async function counts(): Promise<SetupCounts> {
    const p = await profile();
    const year = serverNow(ctx).getFullYear();
    const one = async <T>(query: Promise<T>) => query;
    const [
      levels,
      withoutBoundary,
      noGrids,
      centres,
      noCentre,
      users,
      admins,
      categories,
      unrouted,
      holidays,
    ] = await Promise.all([
      db
        .selectFrom('region')
        .select(['level', db.fn.countAll<number>().as('n')])
        .where('retired_at', 'is', null)
        .groupBy('level')
        .execute(),
      one(
        sql<{
          n: number;
        }>`select count(*)::int as n from region where retired_at is null and level <> 'grid' and boundary is null`.execute(
          db,
        ),
      ),
      one(
        sql<{
          n: number;
        }>`select count(*)::int as n from region c where c.level = 'community' and c.retired_at is null
          and not exists (select 1 from region g where g.parent_code = c.code and g.retired_at is null)`.execute(
          db,
        ),
      ),
      one(
        sql<{
          n: number;
        }>`select count(*)::int as n from unit where kind = 'centre' and retired_at is null`.execute(db),
      ),
      one(
        sql<{
          n: number;
        }>`select count(*)::int as n from region r where r.level in ('district', 'street', 'community') and r.retired_at is null
          and not exists (select 1 from unit u where u.region_code = r.code and u.kind = 'centre' and u.retired_at is null)`.execute(
          db,
        ),
      ),
      one(sql<{ n: number }>`select count(*)::int as n from app_user where disabled_at is null`.execute(db)),
      one(
        sql<{
          n: number;
        }>`select count(distinct user_id)::int as n from user_post where role = 'admin' and retired_at is null`.execute(
          db,
        ),
      ),
      one(
        sql<{ n: number }>`select count(*)::int as n from case_category where retired_at is null`.execute(db),
      ),
      one(
        sql<{
          code: string;
        }>`select code from case_category c where retired_at is null and responsible_unit_type <> 'centre'
          and not exists (select 1 from case_category k where k.parent_code = c.code)
          and not exists (select 1 from unit u where u.department_type = c.responsible_unit_type and u.retired_at is null)
          order by code`.execute(db),
      ),
      one(
        sql<{
          n: number;
        }>`select count(*)::int as n from holiday where day >= ${`${year}-01-01`}::date and day < ${`${year + 1}-01-01`}::date`.execute(
          db,
        ),
      ),
    ]);
    return {
      city: p.code && p.name ? { code: p.code, name: p.name } : null,
      regionsByLevel: Object.fromEntries(levels.map((l) => [l.level, Number(l.n)])),
      withoutBoundary: Number(withoutBoundary.rows[0]?.n ?? 0),
      communitiesWithoutGrids: Number(noGrids.rows[0]?.n ?? 0),
      centres: Number(centres.rows[0]?.n ?? 0),
      regionsWithoutCentre: Number(noCentre.rows[0]?.n ?? 0),
      users: Number(users.rows[0]?.n ?? 0),
      admins: Number(admins.rows[0]?.n ?? 0),
      categories: Number(categories.rows[0]?.n ?? 0),
      unroutedCategories: unrouted.rows.map((r) => r.code),
      holidaysThisYear: Number(holidays.rows[0]?.n ?? 0),
      year,
      portalText: Boolean(p.portalTitle && p.portalIntro),
      live: p.live,
    };
  }

  async function status(
    actor: Actor,
  ): Promise<{ city: CityProfile; steps: SetupStep[]; canGoLive: boolean }> {
    assertCityAdmin(actor);
    const steps = checklist(await counts());
    return { city: await profile(), steps, canGoLive: blockers(steps).length === 0 };
  }

  async function goLive(actor: Actor, ip?: string): Promise<CityProfile> {
    assertCityAdmin(actor);
    const steps = checklist(await counts());
    const open = blockers(steps);
    if (open.length)
      throw conflict(
        `not ready to go live: ${open.map((s) => `${s.key} (${s.missing.join('; ')})`).join(', ')}`,
        {
          blockers: open.map((s) => ({ step: s.key, missing: s.missing })),
        },
      );
    const p = await profile();
    await db.transaction().execute(async (trx) => {
      const now = serverNow(ctx);
      const values = { live_at: now, live_by: actor.userId, updated_at: now };
      await trx
        .insertInto('city_profile')
        .values({ id: 1, code: p.code as string, name: p.name as string, ...values })
        .onConflict((oc) => oc.column('id').doUpdateSet(values))
        .execute();
      await ctx.services.identity.audit.record(trx, {
        actor,
        action: 'city.go_live',
        objectType: 'city',
        objectId: p.code,
        ip,
      });
    });
    return profile();
  }

  return {
    profile,
    updateProfile,
    status,
    goLive,
    initialiseCity: (input: CityInit) => initialiseCity(ctx, input),
  };
}

export type SetupService = ReturnType<typeof createSetupService>;

export interface CityInit {
  code: string;
  name: string;
  adminUsername: string;
  adminDisplayName: string;
}

/** A one-time password: 16 characters from an alphabet without look-alikes, always letters and digits. */
export function oneTimePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return `${chars.slice(0, 8).join('')}-${chars.slice(8).join('')}7a`;
}

/**
 * Name the city (creating its root region when the tree is empty) and create the first
 * city-wide administrator with a one-time password. Refused once any administrator exists.
 */
async function initialiseCity(
  ctx: AppContext,
  input: CityInit,
): Promise<{ password: string; userId: number }> {
  if (!/^\d{6}(\d{6})?$/.test(input.code)) throw unprocessable('city-code', 'a 6- or 12-digit division code');
  const code = input.code.padEnd(12, '0');
  if (!input.name.trim()) throw unprocessable('city-name', 'must not be empty');
  if (!/^[A-Za-z0-9_.-]{3,40}$/.test(input.adminUsername))
    throw unprocessable('admin', '3–40 letters, digits, _ . or -');
  const password = oneTimePassword();
  const hash = await passwordHasher.hash(password);
  const userId = await ctx.db.transaction().execute(async (trx) => {
    const admin = await trx
      .selectFrom('user_post')
      .select('id')
      .where('role', '=', 'admin')
      .where('retired_at', 'is', null)
      .executeTakeFirst();
    if (admin)
      throw conflict(
        'an administrator exists already: the city is initialised (log in, or reset their password)',
      );
    const roots = await trx
      .selectFrom('region')
      .select(['code', 'name'])
      .where('parent_code', 'is', null)
      .execute();
    const other = roots.find((r) => r.code !== code);
    if (other)
      throw conflict(
        `the database already holds another city, ${other.name} (${other.code}); start from an empty one`,
      );
    if (roots.length === 0)
      await trx
        .insertInto('region')
        .values({ code, parent_code: null, level: 'city', name: input.name, path: `${code}/`, depth: 0 })
        .execute();
    else await trx.updateTable('region').set({ name: input.name }).where('code', '=', code).execute();
    await trx
      .insertInto('city_profile')
      .values({ id: 1, code, name: input.name, updated_at: serverNow(ctx) })
      .onConflict((oc) => oc.column('id').doUpdateSet({ code, name: input.name, updated_at: serverNow(ctx) }))
      .execute();
    const user = await trx
      .insertInto('app_user')
      .values({
        username: input.adminUsername,
        display_name: input.adminDisplayName,
        password_hash: hash,
        must_change_password: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('user_post')
      .values({ user_id: user.id, role: 'admin', unit_id: null, region_code: code, region_path: `${code}/` })
      .execute();
    await ctx.services.identity.audit.record(trx, {
      actorName: 'setup',
      action: 'city.initialise',
      objectType: 'city',
      objectId: code,
      detail: { name: input.name, admin: input.adminUsername },
    });
    return Number(user.id);
  });
  ctx.services.identity.auth.forgetCredentials();
  return { password, userId };
}

/** The stored base map (jsonb: an object on PostgreSQL, text on some drivers), or null. */
function baseMapOf(raw: unknown): BaseMap | null {
  const v = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw;
  if (!v || typeof v !== 'object') return null;
  const { url, crs, attribution } = v as Partial<BaseMap>;
  if (typeof url !== 'string' || (crs !== 'wgs84' && crs !== 'gcj02')) return null;
  return { url, crs, ...(typeof attribution === 'string' && attribution ? { attribution } : {}) };
}
