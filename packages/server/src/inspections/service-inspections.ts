import { writeKindCases } from '../cases/index.ts';
import type { AppContext } from '../context.ts';
import { forbidden, notFound, Problem, unprocessable } from '../http/problem.ts';
import type { Actor } from '../identity/index.ts';
import { can } from '../identity/index.ts';
import { cityDay, serverNow } from '../lib/clock.ts';
import { addToBoard } from './board-counters.ts';
import { type Answer, answerProblems, type ChecklistItem } from './domain/checklist.ts';
import { deadlineFor, isRecurrence } from './domain/hazards.ts';
import { checklistTypeOf, isPlaceType, nextDue, raisedTier } from './domain/places.ts';
import { prepareHazardCase } from './hazard-cases.ts';
import { type PhotoUpload, recordPlacePhotos, storePhotos } from './photos.ts';
import { staff } from './scope.ts';
import { placeFor } from './service-places.ts';

export interface VisitInput {
  placeId: number;
  templateId: number;
  campaignId?: number | null;
  location?: { lon: number; lat: number } | null;
  personMet?: { name: string; phone?: string | null; role?: string | null } | null;
  answers: (Omit<Answer, 'photos'> & { photos?: PhotoUpload[] })[];
}

/** A campaign the visit counts for: it covers the place's type and region, and is running. */
async function campaignFor(
  ctx: AppContext,
  id: number,
  place: { place_type: string; region_path: string },
  now: Date,
) {
  const c = await ctx.db.selectFrom('campaign').selectAll().where('id', '=', id).executeTakeFirst();
  if (!c) throw unprocessable('body.campaignId', `no campaign ${id}`);
  if (!place.region_path.startsWith(c.region_path) || !c.place_types.includes(place.place_type))
    throw unprocessable('body.campaignId', 'the campaign does not cover this place');
  const day = cityDay(now);
  if (day < c.starts_on || day > c.ends_on)
    throw unprocessable('body.campaignId', 'the campaign is not running');
  return c;
}

/**
 * Record a visit: every item of the checklist version answered, photos stored with their time
 * and place, and for every failed item a hazard with its deadline (a recurrence when the same
 * item failed at the place within the window, which raises the place's risk tier). The place's
 * next visit is scheduled by its tier. One transaction, with the hazards' cases (kind hazard).
 */
export async function recordVisit(ctx: AppContext, actor: Actor, input: VisitInput) {
  staff(actor);
  const place = await placeFor(ctx, actor, input.placeId);
  if (!can(actor, 'inspection.perform', { regionPath: place.region_path }))
    throw forbidden('you may not inspect places here');
  if (place.retired_at) throw unprocessable('body.placeId', 'the place is retired');
  const template = await ctx.db
    .selectFrom('checklist_template')
    .selectAll()
    .where('id', '=', input.templateId)
    .executeTakeFirst();
  if (!template) throw unprocessable('body.templateId', `no checklist ${input.templateId}`);
  const type = place.place_type;
  if (!isPlaceType(type) || template.place_type !== checklistTypeOf(type))
    throw unprocessable(
      'body.templateId',
      `checklist ${template.id} is for ${template.place_type}, not ${type}`,
    );
  const now = serverNow(ctx);
  const campaign = input.campaignId ? await campaignFor(ctx, input.campaignId, place, now) : null;
  if (campaign?.template_id != null && campaign.template_id !== template.id)
    throw unprocessable(
      'body.templateId',
      `the campaign uses checklist ${campaign.template_id}, not ${template.id}`,
    );
  const items = template.items as ChecklistItem[];
  const problems = answerProblems(items, input.answers as Answer[]);
  if (problems.length)
    throw new Problem(
      422,
      'Unprocessable Content',
      problems.map((p) => `${p.field}: ${p.message}`).join('; '),
      problems,
    );
  const answers: Answer[] = [];
  for (const [i, a] of input.answers.entries()) {
    const photos = await storePhotos(ctx, a.photos ?? [], `body.answers.${i}.photos`);
    answers.push({ ...a, photos });
  }
  const failed = answers.filter((a) => a.outcome === 'fail');
  const byCode = new Map(items.map((i) => [i.code, i]));
  // each failed item's case (kind hazard) is checked and routed first, then written with the visit
  const cases = await Promise.all(
    failed.map((a) => prepareHazardCase(ctx, actor, place, byCode.get(a.itemCode) as ChecklistItem, now)),
  );
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const personMet = input.personMet
      ? await ctx.services.identity.persons.create(trx, {
          name: input.personMet.name,
          phone: input.personMet.phone ?? null,
          regionPath: place.region_path,
        })
      : null;
    // the place counts as visited on the campaign's board at its first visit of the campaign
    const firstOfCampaign =
      campaign != null &&
      !(await trx
        .selectFrom('inspection')
        .select('id')
        .where('campaign_id', '=', campaign.id)
        .where('place_id', '=', place.id)
        .limit(1)
        .executeTakeFirst());
    const visit = await trx
      .insertInto('inspection')
      .values({
        place_id: place.id,
        template_id: template.id,
        campaign_id: campaign?.id ?? null,
        inspector_id: actor.userId ?? 0,
        inspector_name: actor.displayName,
        person_met_id: personMet,
        region_path: place.region_path,
        grid_code: place.grid_code,
        lon: input.location?.lon ?? null,
        lat: input.location?.lat ?? null,
        at: now,
        failed: failed.length,
        answers: JSON.stringify(answers),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordPlacePhotos(
      trx,
      place.id,
      answers.flatMap((a) => a.photos ?? []),
    );
    const previous = failed.length
      ? await trx
          .selectFrom('hazard')
          .select(['item_code', (eb) => eb.fn.max('found_at').as('last')])
          .where('place_id', '=', place.id)
          .where(
            'item_code',
            'in',
            failed.map((a) => a.itemCode),
          )
          .groupBy('item_code')
          .execute()
      : [];
    const lastFound = new Map(previous.map((p) => [p.item_code, p.last ? new Date(p.last as Date) : null]));
    const hazards = failed.map((a) => {
      const item = byCode.get(a.itemCode) as ChecklistItem;
      return {
        place_id: place.id,
        inspection_id: visit.id,
        campaign_id: campaign?.id ?? null,
        item_code: item.code,
        item_text: item.textZh,
        severity: item.severity,
        category: item.category,
        region_path: place.region_path,
        grid_code: place.grid_code,
        status: 'open' as const,
        found_at: now,
        deadline_at: deadlineFor(item.severity, now),
        recurrence: isRecurrence(lastFound.get(item.code) ?? null, now),
      };
    });
    const opened = await writeKindCases(trx, ctx, cases);
    const made = hazards.length
      ? await trx
          .insertInto('hazard')
          .values(
            hazards.map((h, i) => {
              const c = opened.results[i] as { caseId: number; number: string };
              return { ...h, case_id: c.caseId, case_number: c.number };
            }),
          )
          .returning(['id', 'recurrence', 'item_code'])
          .execute()
      : [];
    if (made.length)
      await trx
        .insertInto('hazard_event')
        .values(
          made.map((h) => ({
            hazard_id: h.id,
            action: 'open',
            actor_id: actor.userId,
            actor_name: actor.displayName,
            payload: JSON.stringify({ inspectionId: Number(visit.id), recurrence: h.recurrence }),
            at: now,
          })),
        )
        .execute();
    if (campaign)
      await addToBoard(trx, [
        {
          campaignId: Number(campaign.id),
          regionPath: place.region_path,
          visited: firstOfCampaign ? 1 : 0,
          found: made.length,
        },
      ]);
    const recurrences = made.filter((h) => h.recurrence).length;
    const tier = recurrences > 0 ? raisedTier(place.risk_tier) : place.risk_tier;
    await trx
      .updateTable('place')
      .set({
        last_inspected_at: now,
        next_due_at: nextDue(tier, now),
        risk_tier: tier,
        recurrences: place.recurrences + recurrences,
        version: place.version + 1,
        updated_at: now,
      })
      .where('id', '=', place.id)
      .execute();
    return { id: Number(visit.id), published: opened.published };
  });
  outcome.published();
  return getVisit(ctx, actor, outcome.id);
}

export async function getVisit(ctx: AppContext, actor: Actor, id: number) {
  staff(actor);
  const v = await ctx.db.selectFrom('inspection').selectAll().where('id', '=', id).executeTakeFirst();
  if (!v || !can(actor, 'place.read', { regionPath: v.region_path })) throw notFound(`inspection ${id}`);
  const hazards = await ctx.db
    .selectFrom('hazard')
    .select(['id', 'item_code', 'severity', 'status', 'deadline_at', 'recurrence', 'case_number'])
    .where('inspection_id', '=', id)
    .orderBy('id')
    .execute();
  const met =
    v.person_met_id == null
      ? null
      : ((await ctx.services.identity.persons.masked([Number(v.person_met_id)])).get(
          Number(v.person_met_id),
        ) ?? null);
  return {
    id: Number(v.id),
    placeId: Number(v.place_id),
    templateId: Number(v.template_id),
    campaignId: v.campaign_id == null ? null : Number(v.campaign_id),
    inspectorName: v.inspector_name,
    personMet: met,
    at: new Date(v.at).toISOString(),
    location: v.lon == null || v.lat == null ? null : { lon: v.lon, lat: v.lat },
    failed: v.failed,
    answers: v.answers,
    hazards: hazards.map((h) => ({
      id: Number(h.id),
      itemCode: h.item_code,
      severity: h.severity,
      status: h.status,
      deadlineAt: new Date(h.deadline_at).toISOString(),
      recurrence: h.recurrence,
      caseNumber: h.case_number,
    })),
  };
}
