import { isClosedState } from '../cases/index.ts';
import type { AppContext } from '../context.ts';
import { notFound } from '../http/problem.ts';
import { trackerBySecret } from '../identity/index.ts';
import {
  casePhotos,
  type HistoryRow,
  handlerResults,
  photoKey,
  publicUpdates,
  toDate,
} from '../open311/index.ts';

/** Words that belong to the reporter: shown to them, not to followers. */
const REPORTER_WORDS = new Set(['rate', 'reopen', 'withdraw']);

/** A case residents may see through the portal: a request in a category open to residents. */
export async function portalCase(ctx: AppContext, number: string) {
  const row = await ctx.db
    .selectFrom('cases as c')
    .innerJoin('case_category as cat', 'cat.code', 'c.category_code')
    .leftJoin('unit as u', 'u.id', 'c.current_unit_id')
    .select([
      'c.id',
      'c.number',
      'c.status',
      'c.category_code',
      'c.description',
      'c.address',
      'c.lat',
      'c.lon',
      'c.region_path',
      'c.grid_code',
      'c.reported_at',
      'c.updated_at',
      'c.closed_at',
      'c.rating',
      'cat.name_zh',
      'cat.name_en',
      'u.name as unit_name',
    ])
    .where('c.number', '=', number)
    .where('c.kind', '=', 'request')
    .where('cat.open_to_residents', '=', true)
    .executeTakeFirst();
  if (!row) throw notFound('case');
  return row;
}

/** Who holds the secret: the reporter, a follower, or nobody (public view). 404 for a wrong secret. */
export async function roleOf(ctx: AppContext, caseId: number, secret: string | undefined) {
  if (!secret) return { role: null, trackerId: null } as const;
  const tracker = await trackerBySecret(ctx.db, secret);
  if (!tracker || Number(tracker.case_id) !== caseId) throw notFound('case');
  return { role: tracker.role, trackerId: Number(tracker.id) } as const;
}

async function placeNames(ctx: AppContext, path: string | null) {
  const codes = (path ?? '').split('/').filter(Boolean).slice(1, 4);
  if (!codes.length) return [];
  const rows = await ctx.db
    .selectFrom('region')
    .select(['code', 'name'])
    .where('code', 'in', codes)
    .execute();
  return codes.map((c) => rows.find((r) => r.code === c)?.name).filter((n): n is string => Boolean(n));
}

/**
 * The public page of a case: its category, place (district, street, community), status and the
 * public timeline; no staff names, no personal data. The reporter also sees their own words.
 */
export async function caseView(ctx: AppContext, number: string, secret: string | undefined) {
  const c = await portalCase(ctx, number);
  const { role } = await roleOf(ctx, c.id, secret);
  const [history, followers, place, photos, results] = await Promise.all([
    ctx.db
      .selectFrom('case_action')
      .select(['id', 'action', 'from_status', 'to_status', 'payload', 'at'])
      .where('case_id', '=', c.id)
      .orderBy('seq')
      .execute(),
    ctx.db
      .selectFrom('portal_tracker')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('case_id', '=', c.id)
      .where('role', '=', 'follower')
      .executeTakeFirstOrThrow(),
    placeNames(ctx, c.region_path),
    casePhotos(ctx, [c.id]),
    handlerResults(ctx, [c.id]),
  ]);
  const timeline = publicUpdates(history.map((h) => ({ ...h, at: toDate(h.at) }) as HistoryRow)).map((u) => ({
    action: u.action,
    status: u.status,
    at: u.at.toISOString(),
    text: role !== 'reporter' && REPORTER_WORDS.has(u.action) ? null : u.text,
  }));
  const closed = isClosedState(c.status);
  return {
    number: c.number,
    category: { code: c.category_code, nameZh: c.name_zh, nameEn: c.name_en },
    status: c.status,
    open: !closed,
    place,
    address: c.address,
    gridCode: c.grid_code,
    // the unit that handled it (its result), else the unit holding it now
    unit: results.get(c.id)?.unitName ?? c.unit_name ?? null,
    // the handler's photos for everyone; the resident's own only for its reporter (keyed URLs)
    photos: (photos.get(c.id) ?? [])
      .filter((p) => p.by === 'staff' || role === 'reporter')
      .map((p) => ({
        url: `/api/v1/portal/cases/${c.number}/photos/${p.sha256}${
          p.by === 'resident' ? `?key=${photoKey(ctx, c.number, p.sha256)}` : ''
        }`,
        by: p.by,
        at: p.at.toISOString(),
      })),
    location: c.lat !== null && c.lon !== null ? { lat: c.lat, lon: c.lon } : null,
    reportedAt: toDate(c.reported_at).toISOString(),
    updatedAt: toDate(c.updated_at).toISOString(),
    closedAt: c.closed_at ? toDate(c.closed_at).toISOString() : null,
    followers: Number(followers.n),
    viewer: role,
    description: role === 'reporter' ? c.description : null,
    rating: role === 'reporter' ? c.rating : null,
    canRate: role === 'reporter' && c.status === 'closed' && c.rating === null,
    canReopen: role === 'reporter' && c.status === 'closed',
    timeline,
  };
}

export type CaseView = Awaited<ReturnType<typeof caseView>>;
