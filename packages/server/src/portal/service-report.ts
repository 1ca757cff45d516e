import { randomUUID } from 'node:crypto';
import type { StoredFile } from '../cases/index.ts';
import { applyCaseAction, intakeCase } from '../cases/index.ts';
import type { AppContext } from '../context.ts';
import { conflict, unprocessable } from '../http/problem.ts';
import { allocateTrackerId, hashSecret, newSecret, residentActor } from '../identity/index.ts';
import { communityGridFor, toDate } from '../open311/index.ts';
import { boxAround, distanceMetres } from './domain/distance.ts';
import { portalCase, roleOf } from './service-view.ts';

export interface PortalReport {
  category: string;
  description: string;
  attributes?: Record<string, unknown>;
  location?: { lon: number; lat: number };
  address?: string;
  anonymous: boolean;
  contact?: { name?: string; phone?: string };
}

export const trackPath = (number: string, secret: string) => `/portal/#/track/${number}/${secret}`;

async function newTracker(
  ctx: AppContext,
  id: number | null,
  caseId: number,
  number: string,
  role: 'reporter' | 'follower',
) {
  const secret = newSecret();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('portal_tracker')
      .values({
        ...(id ? { id } : {}),
        case_id: caseId,
        case_number: number,
        role,
        secret_hash: hashSecret(secret),
      })
      .execute();
  });
  return { number, secret, trackPath: trackPath(number, secret) };
}

/**
 * A resident's report: taken in by the cases module (channel portal) as the report's own
 * reporter; contact details are kept as masked personal data only when not anonymous.
 */
export async function report(ctx: AppContext, input: PortalReport) {
  const category = await ctx.db
    .selectFrom('case_category')
    .select(['code', 'kind', 'open_to_residents', 'retired_at'])
    .where('code', '=', input.category)
    .executeTakeFirst();
  if (category?.kind !== 'request' || !category.open_to_residents || category.retired_at)
    throw unprocessable('body.category', 'choose one of the categories offered to residents');
  const contact = input.anonymous ? null : input.contact;
  const reporter =
    contact && (contact.name || contact.phone)
      ? { name: contact.name ?? null, phone: contact.phone ?? null }
      : null;
  let gridCode: string | null = null;
  if (!input.location) {
    gridCode = input.address ? await communityGridFor(ctx, input.address) : null;
    if (!gridCode)
      throw unprocessable(
        'body.address',
        'name the community (社区) in the address, or put a point on the map',
      );
  }
  const trackerId = await allocateTrackerId(ctx.db);
  const made = await intakeCase(ctx, residentActor(trackerId), {
    kind: 'request',
    category: input.category,
    attributes: input.attributes ?? {},
    description: input.description,
    location: input.location ?? null,
    gridCode,
    address: input.address ?? null,
    reporter,
    anonymous: reporter === null,
    channel: 'portal',
  });
  return newTracker(ctx, trackerId, made.caseId, made.number, 'reporter');
}

/** The reporter's case and tracker, or 422: checked before an upload is even read. */
export async function requireReporter(ctx: AppContext, number: string, secret: string | undefined) {
  const c = await portalCase(ctx, number);
  const { role, trackerId } = await roleOf(ctx, c.id, secret);
  if (role !== 'reporter' || trackerId === null)
    throw unprocessable('header.x-portal-secret', 'only the reporter adds photos');
  return { caseId: c.id, trackerId };
}

/** Photos the reporter adds to their case (already checked and stored by the cases module's store). */
export async function addPhotos(
  ctx: AppContext,
  number: string,
  secret: string | undefined,
  uploads: StoredFile[],
) {
  const { caseId, trackerId } = await requireReporter(ctx, number, secret);
  await applyCaseAction(
    ctx,
    residentActor(trackerId),
    caseId,
    {
      action: 'attach',
      clientId: `portal-photo:${uploads.map((u) => u.sha256.slice(0, 16)).join(',')}`,
      payload: { sha256: uploads.map((u) => u.sha256) },
    },
    { uploads },
  );
}

/** Rate (satisfied / basically satisfied / unsatisfied) or reopen: the reporter only, through the workflow. */
export async function reporterAction(
  ctx: AppContext,
  number: string,
  secret: string | undefined,
  action: 'rate' | 'reopen',
  payload: Record<string, unknown>,
) {
  const c = await portalCase(ctx, number);
  const { role, trackerId } = await roleOf(ctx, c.id, secret);
  if (role !== 'reporter' || trackerId === null)
    throw unprocessable('header.x-portal-secret', `only the reporter may ${action} this case`);
  if (action === 'rate' && c.rating !== null) throw conflict('this case has been rated already');
  await applyCaseAction(ctx, residentActor(trackerId), c.id, {
    action,
    clientId: `portal:${randomUUID()}`,
    payload,
  });
}

/** Follow an open problem instead of reporting it again: a tracking link of one's own. */
export async function follow(ctx: AppContext, number: string) {
  const c = await portalCase(ctx, number);
  if (['closed', 'rejected', 'withdrawn', 'merged'].includes(c.status))
    throw conflict('this problem is no longer open');
  return newTracker(ctx, null, c.id, c.number, 'follower');
}

/** Open problems of a category near a point (the category's duplicate radius, at least 300 m), nearest first. */
export async function nearby(ctx: AppContext, categoryCode: string, point: { lon: number; lat: number }) {
  const category = await ctx.db
    .selectFrom('case_category')
    .select(['duplicate_radius_m', 'name_zh', 'name_en'])
    .where('code', '=', categoryCode)
    .where('open_to_residents', '=', true)
    .executeTakeFirst();
  if (!category) throw unprocessable('query.category', 'choose one of the categories offered to residents');
  const radius = Math.max(300, Number(category.duplicate_radius_m));
  const box = boxAround(point, radius);
  const rows = await ctx.db
    .selectFrom('cases as c')
    .leftJoin('portal_tracker as t', (j) => j.onRef('t.case_id', '=', 'c.id').on('t.role', '=', 'follower'))
    .select(['c.number', 'c.status', 'c.lon', 'c.lat', 'c.address', 'c.reported_at'])
    .select((eb) => eb.fn.count<number>('t.id').as('followers'))
    .where('c.category_code', '=', categoryCode)
    .where('c.closed_at', 'is', null)
    .where('c.status', 'not in', ['closed', 'rejected', 'withdrawn', 'merged'])
    .where('c.lon', '>=', box.minLon)
    .where('c.lon', '<=', box.maxLon)
    .where('c.lat', '>=', box.minLat)
    .where('c.lat', '<=', box.maxLat)
    .groupBy(['c.number', 'c.status', 'c.lon', 'c.lat', 'c.address', 'c.reported_at'])
    .limit(200)
    .execute();
  return rows
    .map((r) => ({
      number: r.number,
      status: r.status,
      address: r.address,
      reportedAt: toDate(r.reported_at).toISOString(),
      distanceM: Math.round(distanceMetres(point, { lon: Number(r.lon), lat: Number(r.lat) })),
      followers: Number(r.followers),
    }))
    .filter((r) => r.distanceM <= radius)
    .sort((a, b) => a.distanceM - b.distanceM)
    .slice(0, 20);
}
