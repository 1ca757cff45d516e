import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { AppContext } from '../context.ts';
import { countCapped } from '../db/count-capped.ts';
import { conflict, notFound } from '../http/problem.ts';
import type { Actor } from '../identity/index.ts';
import { can } from '../identity/index.ts';
import { serverNow } from '../lib/clock.ts';
import { addToBoard } from './board-counters.ts';
import { recheckAction } from './domain/hazards.ts';
import { type PhotoUpload, storePhotos, withFreshPhotos } from './photos.ts';
import { inScope, regionIn, staff } from './scope.ts';
import { hazardSummary } from './service-place-page.ts';

export interface HazardList {
  region?: string;
  status?: 'open' | 'rectified' | 'closed' | 'escalated';
  overdue?: boolean;
  campaignId?: number;
  limit: number;
  offset: number;
}

/**
 * The hazard ledger (台账) of the actor's scope: those still to be dealt with first, the oldest
 * deadline first, then the closed ones (the order of the index of migration 0456).
 */
export async function listHazards(ctx: AppContext, actor: Actor, f: HazardList) {
  staff(actor);
  const region = f.region ? await regionIn(ctx, actor, 'place.read', f.region, 'query.region') : null;
  const now = serverNow(ctx);
  let q = ctx.db.selectFrom('hazard').where(inScope(actor, 'place.read', 'hazard.region_path'));
  if (region) q = q.where('region_path', 'like', `${region.path}%`);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.overdue) q = q.where('status', '=', 'open').where('deadline_at', '<', now);
  if (f.campaignId) q = q.where('campaign_id', '=', f.campaignId);
  const [rows, counted] = await Promise.all([
    q
      .selectAll()
      .orderBy(sql`(status = 'closed')`)
      .orderBy('deadline_at')
      .orderBy('id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    countCapped(ctx.db, q),
  ]);
  return { items: rows.map((h) => hazardSummary(h, now)), ...counted };
}

export async function getHazard(ctx: AppContext, actor: Actor, id: number) {
  staff(actor);
  const h = await ctx.db.selectFrom('hazard').selectAll().where('id', '=', id).executeTakeFirst();
  if (!h || !can(actor, 'place.read', { regionPath: h.region_path })) throw notFound(`hazard ${id}`);
  const [events, place] = await Promise.all([
    ctx.db.selectFrom('hazard_event').selectAll().where('hazard_id', '=', id).orderBy('id').execute(),
    ctx.db
      .selectFrom('place')
      .select(['name', 'place_type'])
      .where('id', '=', h.place_id)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    ...hazardSummary(h, serverNow(ctx)),
    placeName: place.name,
    placeType: place.place_type,
    evidence: h.evidence,
    rectifiedAt: h.rectified_at ? new Date(h.rectified_at).toISOString() : null,
    closedAt: h.closed_at ? new Date(h.closed_at).toISOString() : null,
    version: h.version,
    events: events.map((e) => ({
      action: e.action,
      actorName: e.actor_name,
      payload: e.payload,
      at: new Date(e.at).toISOString(),
    })),
  };
}

/**
 * Rectify (evidence of the fix) or re-check (pass closes; fail extends once, then escalates to
 * enforcement): actions of the hazard's case (kind hazard, see hazard-kind.ts), so the case's
 * table decides (409 state, 403 capacity) and the hazard's status follows the case in the same
 * transaction.
 */
export async function actOnHazard(
  ctx: AppContext,
  actor: Actor,
  id: number,
  step: 'rectify' | { recheck: 'pass' | 'fail' },
  input: { note: string; photos?: PhotoUpload[]; version?: number },
) {
  staff(actor);
  const h = await ctx.db.selectFrom('hazard').selectAll().where('id', '=', id).executeTakeFirst();
  if (!h || !can(actor, 'place.read', { regionPath: h.region_path })) throw notFound(`hazard ${id}`);
  if (input.version !== undefined && input.version !== h.version)
    throw conflict(`the hazard changed meanwhile (version ${h.version})`, {
      version: h.version,
      status: h.status,
    });
  if (h.case_id == null) throw conflict('the hazard has no case yet', { status: h.status });
  const action = step === 'rectify' ? 'hazard.rectify' : recheckAction(step.recheck, h);
  const photos = await storePhotos(ctx, input.photos ?? [], 'body.photos');
  await withFreshPhotos(photos, () =>
    ctx.services.cases.act(ctx, actor, Number(h.case_id), {
      action,
      clientId: randomUUID(),
      payload: { note: input.note, ...(photos.length || step === 'rectify' ? { photos } : {}) },
    }),
  );
  return getHazard(ctx, actor, id);
}

/** Hand a red card to every open hazard past its deadline (once), with a note on its case. */
export async function sweepHazards(ctx: AppContext): Promise<number> {
  const now = serverNow(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const carded = await trx
      .updateTable('hazard')
      .set({ red_card_at: now })
      .where('status', '=', 'open')
      .where('deadline_at', '<', now)
      .where('red_card_at', 'is', null)
      .returning(['id', 'case_id', 'deadline_at', 'campaign_id', 'region_path'])
      .execute();
    if (carded.length === 0) return 0;
    await addToBoard(
      trx,
      carded
        .filter((h) => h.campaign_id != null)
        .map((h) => ({ campaignId: Number(h.campaign_id), regionPath: h.region_path, overdue: 1 })),
    );
    await trx
      .insertInto('hazard_event')
      .values(
        carded.map((h) => ({
          hazard_id: h.id,
          action: 'red_card',
          actor_id: null,
          actor_name: null,
          payload: JSON.stringify({ deadlineAt: new Date(h.deadline_at).toISOString() }),
          at: now,
        })),
      )
      .execute();
    for (const h of carded)
      if (h.case_id != null)
        await ctx.services.cases.recordAction(trx, Number(h.case_id), {
          action: 'hazard_red_card',
          payload: {},
          at: now,
        });
    return carded.length;
  });
}
