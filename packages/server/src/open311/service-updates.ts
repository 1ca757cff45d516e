import { sql } from 'kysely';
import type { CaseAction } from '../cases/index.ts';
import { applyCaseAction } from '../cases/index.ts';
import type { AppContext } from '../context.ts';
import { Problem } from '../http/problem.ts';
import { residentActor } from '../identity/index.ts';
import { formatW3, parseW3 } from './domain/datetime.ts';
import { invalidArgument, missingArgument, notFound311, Open311Error } from './domain/errors.ts';
import { PUBLIC_TEXT_FIELD } from './domain/public-updates.ts';
import { actionForIncoming, FMS_STATUSES, type FmsStatus, updateStatus } from './domain/status.ts';
import { findPublicCase, toDate } from './service-requests.ts';
import { apiClient } from './service-submit.ts';

export const MAX_UPDATES = 1000;

/** Rows of history a resident may see (see public-updates.ts), as SQL: state changes and replies. */
const PUBLIC_ACTIONS_WITHOUT_CHANGE = ['rate', 'reopen', 'dispatch', 'escalate'];

/** GET servicerequestupdates: the public updates of service requests within the window, oldest first. */
export async function findUpdates(ctx: AppContext, start: Date, end: Date) {
  const rows = await ctx.db
    .selectFrom('case_action as a')
    .innerJoin('cases as c', 'c.id', 'a.case_id')
    .innerJoin('case_category as cat', 'cat.code', 'c.category_code')
    .select(['a.id', 'a.action', 'a.from_status', 'a.to_status', 'a.payload', 'a.at', 'c.number'])
    .where(sql`a.at`, '>=', start)
    .where(sql`a.at`, '<=', end)
    .where('a.from_status', 'is not', null)
    .where((eb) =>
      eb.or([
        eb('a.from_status', '!=', eb.ref('a.to_status')),
        eb('a.action', 'in', PUBLIC_ACTIONS_WITHOUT_CHANGE),
      ]),
    )
    .where('c.kind', '=', 'request')
    .where('cat.open_to_residents', '=', true)
    .orderBy('a.at')
    .orderBy('a.id')
    .limit(MAX_UPDATES)
    .execute();
  return rows.map((r) => {
    const field = PUBLIC_TEXT_FIELD[r.action];
    const text = field ? (r.payload as Record<string, unknown>)[field] : undefined;
    return {
      update_id: String(r.id),
      service_request_id: r.number,
      status: updateStatus(r.action, r.from_status, r.to_status),
      updated_datetime: formatW3(toDate(r.at)),
      description: typeof text === 'string' ? text : '',
      media_url: null,
    };
  });
}

const text = (body: Record<string, unknown>, name: string): string | null => {
  const v = body[name];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
};

function payloadFor(action: CaseAction, description: string | null): Record<string, unknown> {
  const words = description ?? '';
  switch (action) {
    case 'reopen':
      return { reason: words || 'reopened by the reporter' };
    case 'reject':
      return { reason: words || 'no further action' };
    case 'resolve':
      return { result: words || 'fixed' };
    case 'close':
      return { conclusion: words || 'closed' };
    case 'note':
      if (!words) throw missingArgument('description (this status does not change the request)');
      return { text: words };
    default:
      return words ? { comment: words } : {};
  }
}

/**
 * POST servicerequestupdates: an update from a client, applied through the cases workflow. The
 * client that submitted a request speaks for its reporter (reopen, comment); any other client
 * acts as its API token's user. A retried update_id is applied once.
 */
export async function receiveUpdate(ctx: AppContext, body: Record<string, unknown>) {
  const client = await apiClient(ctx, body.api_key);
  const number = text(body, 'service_request_id');
  if (!number) throw missingArgument('service_request_id');
  const updateId = text(body, 'update_id');
  if (!updateId) throw missingArgument('update_id');
  if (updateId.length > 100) throw invalidArgument('update_id', 'at most 100 characters');
  const rawStatus = text(body, 'status')?.toUpperCase() ?? null;
  if (rawStatus !== null && !(FMS_STATUSES as readonly string[]).includes(rawStatus))
    throw invalidArgument('status', `must be one of ${FMS_STATUSES.join(', ')}`);
  const when = text(body, 'updated_datetime');
  if (when !== null && !(parseW3(when) instanceof Date))
    throw invalidArgument('updated_datetime', 'must be a W3C date-time');
  const description = text(body, 'description');
  if (description && description.length > 4000)
    throw invalidArgument('description', 'at most 4000 characters');
  const found = await findPublicCase(ctx, number);
  if (!found) throw notFound311(`service_request_id ${number}`);

  const submitted = await ctx.db
    .selectFrom('open311_request as o')
    .innerJoin('portal_tracker as t', (j) =>
      j.onRef('t.case_id', '=', 'o.case_id').on('t.role', '=', 'reporter'),
    )
    .select('t.id')
    .where('o.case_id', '=', found.id)
    .where('o.api_token_id', '=', client.tokenId)
    .executeTakeFirst();
  const actor = submitted ? residentActor(Number(submitted.id)) : client.actor;
  const clientId = `open311:${client.tokenId}:${updateId}`;
  const applied = () =>
    ctx.db
      .selectFrom('case_action_client')
      .select('action_id')
      .where('case_id', '=', found.id)
      .where('client_id', '=', clientId)
      .executeTakeFirst();
  // A retried update answers what the first one did, whatever the case's state is now.
  const earlier = await applied();
  if (earlier) return { update_id: String(earlier.action_id) };
  const action = actionForIncoming(rawStatus as FmsStatus | null, found.status);
  try {
    await applyCaseAction(ctx, actor, found.id, {
      action,
      clientId,
      payload: payloadFor(action, description),
    });
  } catch (e) {
    if (!(e instanceof Problem)) throw e;
    if (e.status === 404) throw notFound311(`service_request_id ${number}`);
    throw new Open311Error(e.status === 403 ? 403 : 400, `${action}: ${e.message}`);
  }
  const done = await applied();
  if (!done) throw new Open311Error(400, 'the update was not recorded');
  return { update_id: String(done.action_id) };
}
