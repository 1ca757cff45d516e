import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** Events a subscription may ask for ('*' is all of them). */
export const WEBHOOK_EVENTS = [
  'case.created',
  'case.action',
  'case.yellow_card',
  'case.red_card',
  'case.supervised',
  'case.supervision_replied',
  'case.key_marked',
  'case.linked',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** One event about one case, ready to queue: `payload` is the JSON body every receiver gets. */
export interface CaseHook {
  event: string;
  caseId: number;
  payload: string;
}

/**
 * Queue case events, inside the caller's transaction, for every live subscription that wants
 * them AND whose region holds the case (its path read now: regions move). Every event the
 * platform sends goes through here, so no subscription ever hears of a case outside its region:
 * an event's `data.links` (case.linked: links are made city-wide) keeps, per subscription, only
 * the linked cases inside that subscription's region.
 */
export async function enqueueCaseHooks(trx: Kysely<DB>, hooks: readonly CaseHook[]): Promise<void> {
  if (hooks.length === 0) return;
  const values = hooks.map((h) => sql`(${h.event}::text, ${h.caseId}::bigint, ${h.payload}::jsonb)`);
  await sql`
    insert into webhook_outbox (subscription_id, event, payload)
    select s.id, p.event,
      case when s.region_code is null or jsonb_typeof(p.payload #> '{data,links}') is distinct from 'array'
        then p.payload
        else jsonb_set(p.payload, '{data,links}', coalesce((
          select jsonb_agg(l.link order by l.n)
          from jsonb_array_elements(p.payload #> '{data,links}') with ordinality as l (link, n)
          where exists (
            select 1 from cases lc
            where lc.id = (l.link ->> 'caseId')::bigint and starts_with(lc.region_path, r.path))
        ), '[]'::jsonb))
      end
    from (values ${sql.join(values)}) as p (event, case_id, payload)
    join webhook_subscription s
      on s.disabled_at is null and (p.event = any(s.events) or '*' = any(s.events))
    left join region r on r.code = s.region_code
    where s.region_code is null
       or exists (select 1 from cases c where c.id = p.case_id and starts_with(c.region_path, r.path))
  `.execute(trx);
}

/** The payload of an event that happened `at`. */
export function hookPayload(event: string, at: Date, data: Record<string, unknown>): string {
  return JSON.stringify({ event, at: at.toISOString(), data });
}

/** Queue an event (that happened `at`) about one case for every live subscription that wants it and holds the case; inside the caller's transaction. */
export async function enqueueWebhook(
  trx: Transaction<DB>,
  event: WebhookEvent,
  data: { caseId: number } & Record<string, unknown>,
  at: Date,
): Promise<void> {
  await enqueueCaseHooks(trx, [
    { event, caseId: Number(data.caseId), payload: hookPayload(event, at, data) },
  ]);
}

/** As enqueueWebhook, for many events of one type in one statement. */
export async function enqueueWebhooks(
  trx: Transaction<DB>,
  event: WebhookEvent,
  data: ({ caseId: number } & Record<string, unknown>)[],
  at: Date,
): Promise<void> {
  await enqueueCaseHooks(
    trx,
    data.map((d) => ({ event, caseId: Number(d.caseId), payload: hookPayload(event, at, d) })),
  );
}
