import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { AppContext } from '../../context.ts';
import { notFound, unprocessable } from '../../http/problem.ts';
import { type Actor, scopeOf } from '../../identity/index.ts';
import { hostOf, parseAllowList, refusedName } from '../domain/webhook-address.ts';
import { postWebhook } from './webhooks-delivery.ts';

import { WEBHOOK_EVENTS } from './webhooks-outbox.ts';

export { WEBHOOK_EVENTS, type WebhookEvent } from './webhooks-outbox.ts';

import {
  DELIVERY_HEADER,
  EVENT_HEADER,
  LEASE_MS,
  MAX_ATTEMPTS,
  retryDelayMs,
  SIGNATURE_HEADER,
  signPayload,
  TIMEOUT_MS,
  TIMESTAMP_HEADER,
} from './webhooks-signing.ts';

export { enqueueWebhook, enqueueWebhooks } from './webhooks-outbox.ts';

export interface SubscriptionView {
  id: number;
  url: string;
  events: string[];
  description: string;
  /** The region whose cases' events it receives (null: the whole city, for subscriptions older than regions on webhooks). */
  regionCode: string | null;
  regionName: string | null;
  active: boolean;
  createdAt: string;
  /** Only in the answer to creation. */
  secret?: string;
}

export interface DeliveryView {
  id: number;
  event: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  gaveUpAt: string | null;
  nextAttemptAt: string;
}

function validUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/**
 * Webhooks belong to a region. An administrator sees and manages the subscriptions of regions in
 * their scope (a city administrator: all); elsewhere a subscription does not exist (404). The
 * subscription hears only of cases inside its region (webhooks-outbox.ts).
 */
export function createWebhooksService(ctx: AppContext) {
  const allow = parseAllowList(ctx.config.webhookAllowList ?? []);
  const view = (r: {
    id: number;
    url: string;
    events: string[];
    description: string;
    region_code: string | null;
    region_name: string | null;
    disabled_at: Date | null;
    created_at: Date;
  }): SubscriptionView => ({
    id: Number(r.id),
    url: r.url,
    events: r.events,
    description: r.description,
    regionCode: r.region_code,
    regionName: r.region_name,
    active: r.disabled_at === null,
    createdAt: new Date(r.created_at).toISOString(),
  });

  /** Subscriptions in the actor's scope (optionally only those in the region at `path`). */
  function inScope(actor: Actor, path?: string) {
    const scope = scopeOf(actor, 'webhook.manage');
    return ctx.db
      .selectFrom('webhook_subscription as s')
      .leftJoin('region as r', 'r.code', 's.region_code')
      .select([
        's.id',
        's.url',
        's.events',
        's.description',
        's.region_code',
        'r.name as region_name',
        's.disabled_at',
        's.created_at',
      ])
      .where((eb) =>
        eb.or([
          ...scope.regionPaths.map((p) => eb('r.path', 'like', `${p}%`)),
          ...(scope.citywide ? [eb('s.region_code', 'is', null)] : []),
          eb.val(false),
        ]),
      )
      .$if(path !== undefined, (q) => q.where('r.path', 'like', `${path}%`));
  }

  /** The region a subscription is made for: the one asked (inside the actor's scope) or the actor's only one. */
  async function regionFor(actor: Actor, code: string | undefined) {
    const scope = scopeOf(actor, 'webhook.manage');
    const wanted =
      code ??
      (scope.regionPaths.length === 1 ? scope.regionPaths[0]?.split('/').filter(Boolean).pop() : undefined);
    if (wanted === undefined)
      throw unprocessable('body.regionCode', 'you administer several regions: say which one');
    const region = await ctx.db
      .selectFrom('region')
      .select(['code', 'name', 'path'])
      .where('code', '=', wanted)
      .where('retired_at', 'is', null)
      .executeTakeFirst();
    if (!region || !scope.regionPaths.some((p) => region.path.startsWith(p)))
      throw unprocessable('body.regionCode', `no region ${wanted}`);
    return region;
  }

  async function deliverOne(row: {
    id: number;
    event: string;
    payload: unknown;
    attempts: number;
    url: string;
    secret: string;
  }) {
    const body = JSON.stringify(row.payload);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const { status, error } = await postWebhook(
      row.url,
      {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: signPayload(row.secret, timestamp, body),
        [TIMESTAMP_HEADER]: timestamp,
        [EVENT_HEADER]: row.event,
        [DELIVERY_HEADER]: String(row.id),
      },
      body,
      allow,
      TIMEOUT_MS,
    );
    const attempts = row.attempts + 1;
    const now = new Date();
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('webhook_outbox')
        .set(
          error === null
            ? { attempts, last_status: status, last_error: null, delivered_at: now }
            : attempts >= MAX_ATTEMPTS
              ? { attempts, last_status: status, last_error: error, gave_up_at: now }
              : {
                  attempts,
                  last_status: status,
                  last_error: error,
                  next_attempt_at: new Date(now.getTime() + retryDelayMs(attempts)),
                },
        )
        .where('id', '=', row.id)
        .execute();
    });
    return error === null;
  }

  return {
    async create(
      actor: Actor,
      input: { url: string; events: string[]; description?: string; secret?: string; regionCode?: string },
    ) {
      if (!validUrl(input.url)) throw unprocessable('body.url', 'must be an http(s) URL without credentials');
      const refused = refusedName(hostOf(new URL(input.url)), allow);
      if (refused)
        throw unprocessable('body.url', `${refused}: not allowed unless WEBHOOK_ALLOW_LIST names it`);
      const unknown = input.events.find(
        (e) => e !== '*' && !(WEBHOOK_EVENTS as readonly string[]).includes(e),
      );
      if (unknown !== undefined) throw unprocessable('body.events', `unknown event ${unknown}`);
      const region = await regionFor(actor, input.regionCode);
      const secret = input.secret ?? randomBytes(24).toString('base64url');
      const row = await ctx.db.transaction().execute((trx) =>
        trx
          .insertInto('webhook_subscription')
          .values({
            url: input.url,
            events: [...new Set(input.events)],
            description: input.description ?? '',
            secret,
            region_code: region.code,
            created_by: actor.userId,
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return { ...view({ ...row, region_name: region.name }), secret };
    },
    /** The subscriptions in the actor's scope; with `regionCode`, only those inside that region. */
    async list(actor: Actor, regionCode?: string): Promise<SubscriptionView[]> {
      let path: string | undefined;
      if (regionCode !== undefined) {
        const r = await ctx.db
          .selectFrom('region')
          .select('path')
          .where('code', '=', regionCode)
          .executeTakeFirst();
        if (!r) return [];
        path = r.path;
      }
      const rows = await inScope(actor, path).orderBy('s.id').execute();
      return rows.map(view);
    },
    async disable(actor: Actor, id: number): Promise<void> {
      const found = await inScope(actor).where('s.id', '=', id).executeTakeFirst();
      if (!found) throw notFound(`webhook ${id}`);
      const r = await ctx.db
        .transaction()
        .execute((trx) =>
          trx
            .updateTable('webhook_subscription')
            .set({ disabled_at: new Date() })
            .where('id', '=', id)
            .where('disabled_at', 'is', null)
            .executeTakeFirst(),
        );
      if (Number(r.numUpdatedRows) === 0) throw notFound(`webhook ${id}`);
    },
    async deliveries(actor: Actor, id: number, limit: number): Promise<DeliveryView[]> {
      const exists = await inScope(actor).where('s.id', '=', id).executeTakeFirst();
      if (!exists) throw notFound(`webhook ${id}`);
      const rows = await ctx.db
        .selectFrom('webhook_outbox')
        .selectAll()
        .where('subscription_id', '=', id)
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        id: Number(r.id),
        event: r.event,
        attempts: r.attempts,
        lastStatus: r.last_status,
        lastError: r.last_error,
        deliveredAt: iso(r.delivered_at),
        gaveUpAt: iso(r.gave_up_at),
        nextAttemptAt: new Date(r.next_attempt_at).toISOString(),
      }));
    },
    /**
     * Deliver what is due at `now`: claim rows (lease, skip locked: safe with several
     * processes), post them outside any transaction, record the outcome.
     */
    async deliverDue(now = new Date(), limit = 50): Promise<{ delivered: number; failed: number }> {
      const claimed = await ctx.db.transaction().execute(async (trx) => {
        const r = await sql<{
          id: number;
          event: string;
          payload: unknown;
          attempts: number;
          url: string;
          secret: string;
        }>`
          with due as (
            select o.id from webhook_outbox o
            where o.next_attempt_at <= ${now} and o.delivered_at is null and o.gave_up_at is null
            order by o.next_attempt_at limit ${limit}
            for update skip locked
          )
          update webhook_outbox o set next_attempt_at = ${new Date(now.getTime() + LEASE_MS)}
          from due, webhook_subscription s
          where o.id = due.id and s.id = o.subscription_id
          returning o.id, o.event, o.payload, o.attempts, s.url, s.secret
        `.execute(trx);
        return r.rows;
      });
      let delivered = 0;
      for (const row of claimed) if (await deliverOne({ ...row, id: Number(row.id) })) delivered++;
      return { delivered, failed: claimed.length - delivered };
    },
  };
}

export type WebhooksService = ReturnType<typeof createWebhooksService>;
