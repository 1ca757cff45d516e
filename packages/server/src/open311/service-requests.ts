import { sql } from 'kysely';
import { CLOSED_STATES } from '../cases/index.ts';
import type { AppContext } from '../context.ts';
import { formatW3 } from './domain/datetime.ts';
import { type HistoryRow, publicUpdates } from './domain/public-updates.ts';
import type { RequestsQuery } from './domain/requests-query.ts';
import { type Lang, serviceNotice } from './domain/services.ts';
import { publicStatus } from './domain/status.ts';
import { casePhotos, handlerResults, photoUrl } from './service-media.ts';

/**
 * Reads of service requests for GET requests: the cases of request categories open to residents,
 * with what the spec lists and nothing personal (no reporter, no staff).
 */
function baseQuery(ctx: AppContext) {
  return (
    ctx.db
      .selectFrom('cases as c')
      .innerJoin('case_category as cat', 'cat.code', 'c.category_code')
      .leftJoin('unit as u', 'u.id', 'c.current_unit_id')
      .leftJoin('open311_request as o', 'o.case_id', 'c.id')
      .select([
        'c.id',
        'c.number',
        'c.status',
        'c.category_code',
        'c.address',
        'c.grid_code',
        'c.lat',
        'c.lon',
        'c.step',
        'c.due_at',
        'c.reported_at',
        'c.updated_at',
        'c.closed_at',
        'cat.name_zh',
        'cat.name_en',
        'cat.time_limits',
        'u.name as unit_name',
        'o.media_url',
      ])
      // disputes, tips and the like are never public: the case AND its category must be a request
      .where('c.kind', '=', 'request')
      .where('cat.kind', '=', 'request')
      .where('cat.open_to_residents', '=', true)
  );
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

async function latestNotes(ctx: AppContext, caseIds: number[]): Promise<Map<number, string>> {
  if (caseIds.length === 0) return new Map();
  const rows = await ctx.db
    .selectFrom('case_action')
    .select(['id', 'case_id', 'action', 'from_status', 'to_status', 'payload', 'at'])
    .where('case_id', 'in', caseIds)
    .orderBy('case_id')
    .orderBy('seq')
    .execute();
  const notes = new Map<number, string>();
  for (const r of rows) {
    const [update] = publicUpdates([{ ...r, at: toDate(r.at) } as HistoryRow]);
    if (update) {
      if (update.text) notes.set(r.case_id, update.text);
      else notes.delete(r.case_id);
    }
  }
  return notes;
}

/** A timestamp column as a Date (the cases tables' column types nest ColumnType in Generated). */
export const toDate = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));

interface Extras {
  notes: Map<number, string>;
  results: Awaited<ReturnType<typeof handlerResults>>;
  firstPhoto: Map<number, string>;
}

function toRequest(r: Row, lang: Lang, { notes, results, firstPhoto }: Extras) {
  const closed = publicStatus(r.status) === 'closed';
  const handled = results.get(r.id);
  return {
    service_request_id: r.number,
    status: publicStatus(r.status),
    // the handling unit's result once there is one, else the latest public words
    status_notes: handled?.result ?? notes.get(r.id) ?? null,
    service_name: lang === 'zh' ? r.name_zh : r.name_en,
    service_code: r.category_code,
    // the portal's public privacy: a resident's own words are theirs (the portal shows them only
    // to the reporter); Open311 output is public, so never the description
    description: null,
    agency_responsible: handled?.unitName ?? r.unit_name ?? null,
    service_notice: serviceNotice(r.time_limits ?? {}, lang),
    requested_datetime: formatW3(toDate(r.reported_at)),
    updated_datetime: formatW3(toDate(closed && r.closed_at ? r.closed_at : r.updated_at)),
    expected_datetime: !closed && r.step === 'handle' && r.due_at ? formatW3(toDate(r.due_at)) : null,
    address: r.address ?? null,
    address_id: r.grid_code ?? null,
    zipcode: null,
    lat: r.lat,
    long: r.lon,
    media_url: r.media_url ?? firstPhoto.get(r.id) ?? null,
  };
}

export type ServiceRequest = ReturnType<typeof toRequest>;

/** GET requests / requests/{id}: newest first, at most one page. */
export async function findRequests(
  ctx: AppContext,
  query: RequestsQuery,
  lang: Lang,
): Promise<ServiceRequest[]> {
  let q = baseQuery(ctx);
  if (query.kind === 'ids') {
    q = q.where('c.number', 'in', query.ids);
  } else {
    q = q.where(sql`c.reported_at`, '>=', query.start).where(sql`c.reported_at`, '<=', query.end);
    if (query.serviceCodes) q = q.where('c.category_code', 'in', query.serviceCodes);
    if (query.statuses?.length === 1)
      q =
        query.statuses[0] === 'closed'
          ? q.where('c.status', 'in', [...CLOSED_STATES])
          : q.where('c.status', 'not in', [...CLOSED_STATES]);
    q = q.offset((query.page - 1) * query.pageSize).limit(query.pageSize);
  }
  const rows = await q.orderBy('c.reported_at', 'desc').orderBy('c.id', 'desc').execute();
  const ids = rows.map((r) => r.id);
  const [notes, results, photos] = await Promise.all([
    latestNotes(ctx, ids),
    handlerResults(ctx, ids),
    casePhotos(ctx, ids),
  ]);
  const firstPhoto = new Map<number, string>();
  for (const r of rows) {
    // the first public photo (a handler's): a resident's own is shown only to its reporter
    const first = photos.get(r.id)?.find((p) => p.by === 'staff');
    if (first) firstPhoto.set(r.id, photoUrl(ctx, r.number, first.sha256));
  }
  return rows.map((r) => toRequest(r, lang, { notes, results, firstPhoto }));
}

/** GET tokens/{token}: the request a submission token stands for. */
export async function findToken(ctx: AppContext, token: string) {
  return ctx.db
    .selectFrom('open311_request')
    .select(['token', 'case_number as service_request_id'])
    .where('token', '=', token)
    .executeTakeFirst();
}

/** The case a service_request_id names, when it is one of the public service requests. */
export async function findPublicCase(ctx: AppContext, number: string) {
  return baseQuery(ctx).where('c.number', '=', number).select('c.city_code').executeTakeFirst();
}
