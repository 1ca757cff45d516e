import type { AppContext } from '../context.ts';
import { conflict, forbidden, notFound } from '../http/problem.ts';
import type { Actor } from '../identity/index.ts';
import { can } from '../identity/index.ts';
import { serverNow } from '../lib/clock.ts';
import { decideHazard, type HazardAction } from './domain/hazards.ts';
import { type PhotoUpload, storePhotos } from './photos.ts';
import { inScope, regionIn, staff } from './scope.ts';
import { hazardSummary } from './service-places.ts';

export interface HazardList {
  region?: string;
  status?: 'open' | 'rectified' | 'closed' | 'escalated';
  overdue?: boolean;
  campaignId?: number;
  limit: number;
  offset: number;
}

/** The hazard ledger (台账) of the actor's scope, the oldest deadline first. */
export async function listHazards(ctx: AppContext, actor: Actor, f: HazardList) {
  staff(actor);
  const region = f.region ? await regionIn(ctx, actor, 'place.read', f.region, 'query.region') : null;
  const now = serverNow(ctx);
  let q = ctx.db.selectFrom('hazard').where(inScope(actor, 'place.read', 'hazard.region_path'));
  if (region) q = q.where('region_path', 'like', `${region.path}%`);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.overdue) q = q.where('status', '=', 'open').where('deadline_at', '<', now);
  if (f.campaignId) q = q.where('campaign_id', '=', f.campaignId);
  const [rows, total] = await Promise.all([
    q.selectAll().orderBy('deadline_at').orderBy('id').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map((h) => hazardSummary(h, now)), total: Number(total.n) };
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
 * enforcement). The hazard, its event and the note on its case are one transaction.
 */
export async function actOnHazard(
  ctx: AppContext,
  actor: Actor,
  id: number,
  action: HazardAction,
  input: { note: string; photos?: PhotoUpload[]; version?: number },
) {
  staff(actor);
  const seen = await ctx.db.selectFrom('hazard').selectAll().where('id', '=', id).executeTakeFirst();
  if (!seen || !can(actor, 'place.read', { regionPath: seen.region_path })) throw notFound(`hazard ${id}`);
  const may = {
    rectifier: can(actor, 'hazard.rectify', { regionPath: seen.region_path }),
    inspector: can(actor, 'hazard.recheck', { regionPath: seen.region_path }),
  };
  const now = serverNow(ctx);
  const check = decideHazard(seen, action, may, now);
  if (!check.ok && check.reason === 'state')
    throw conflict(`the hazard is ${seen.status}: ${action} is not possible`, { status: seen.status });
  if (!check.ok)
    throw forbidden(
      action === 'rectify' ? 'you may not record this fix' : 'only an inspector of this area re-checks',
    );
  const photos = await storePhotos(ctx, input.photos ?? [], 'body.photos');
  await ctx.db.transaction().execute(async (trx) => {
    const h = await trx
      .selectFrom('hazard')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (input.version !== undefined && input.version !== h.version)
      throw conflict(`the hazard changed meanwhile (version ${h.version})`, {
        version: h.version,
        status: h.status,
      });
    const d = decideHazard(h, action, may, now);
    if (!d.ok) throw conflict(`the hazard is ${h.status}: ${action} is not possible`, { status: h.status });
    const payload = {
      note: input.note,
      photos,
      ...(d.deadline ? { deadlineAt: d.deadline.toISOString() } : {}),
    };
    await trx
      .updateTable('hazard')
      .set({
        status: d.to,
        version: h.version + 1,
        ...(action === 'rectify'
          ? { rectified_at: now, evidence: JSON.stringify({ note: input.note, photos }) }
          : {}),
        ...(d.to === 'closed' || d.to === 'escalated' ? { closed_at: now } : {}),
        ...(d.deadline ? { deadline_at: d.deadline, extensions: h.extensions + 1, red_card_at: null } : {}),
      })
      .where('id', '=', id)
      .execute();
    const event = action === 'recheck_fail' ? (d.to === 'escalated' ? 'escalate' : 'extend') : action;
    await trx
      .insertInto('hazard_event')
      .values({
        hazard_id: id,
        action: event,
        actor_id: actor.userId,
        actor_name: actor.displayName,
        payload: JSON.stringify(payload),
        at: now,
      })
      .execute();
    if (h.case_id != null)
      await ctx.services.cases.recordAction(trx, Number(h.case_id), {
        action: `hazard_${event}`,
        actor,
        payload,
        at: now,
      });
  });
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
      .returning(['id', 'case_id', 'deadline_at'])
      .execute();
    if (carded.length === 0) return 0;
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
