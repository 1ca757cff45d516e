import type { Transaction } from 'kysely';
import { Type } from 'typebox';
import { type CaseKindDefinition, type KindActionInput, kindAction } from '../cases/index.ts';
import type { DB } from '../db/schema.ts';
import { conflict, forbidden } from '../http/problem.ts';
import { type Action, type Actor, can } from '../identity/index.ts';
import { hazardChanged } from './board-counters.ts';
import { decideHazard, hazardStatusOf } from './domain/hazards.ts';
import { checkActionPhotos } from './photos.ts';

/**
 * Hazards as cases of kind hazard on the engine's extension point (cases/kinds): a failed item's
 * case is routed like any case; its rectification (`hazard.rectify` → resolved), the inspector's
 * re-check (`hazard.recheck_pass` → closed, `hazard.recheck_fail` → handling with the deadline
 * extended once, `hazard.refer_enforcement` → closed as escalated) are its actions, and the
 * hazard's status is derived from the case in every action's transaction (`afterAction`).
 */

const Photo = Type.Object(
  {
    sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    takenAt: Type.String({ format: 'date-time' }),
    lon: Type.Number({ minimum: -180, maximum: 180 }),
    lat: Type.Number({ minimum: -90, maximum: 90 }),
  },
  { additionalProperties: false },
);
const Step = Type.Object(
  {
    note: Type.String({ minLength: 1, maxLength: 2000 }),
    photos: Type.Optional(Type.Array(Photo, { maxItems: 5 })),
  },
  { additionalProperties: false },
);
const Fix = Type.Object(
  {
    note: Type.String({ minLength: 1, maxLength: 2000 }),
    photos: Type.Array(Photo, { minItems: 1, maxItems: 5 }),
  },
  { additionalProperties: false },
);

type Trx = Transaction<DB>;
type StepInput = KindActionInput<{ note: string; photos?: { sha256: string }[] }>;

const OPEN_STATES = ['reported', 'accepted', 'dispatched', 'handling'] as const;
/**
 * An inspector stands in no fixed relation to a hazard's case (observer, or its reporter when
 * they found it): anyone on the case may try, and the policy (`hazard.recheck`) decides in `apply`.
 */
const ANYONE_ON_CASE = [
  'observer',
  'reporter',
  'summoned',
  'grid_worker',
  'centre',
  'assignee',
  'coordinator',
  'leader',
  'admin',
] as const;

async function hazardOf(trx: Trx, caseId: number) {
  const h = await trx
    .selectFrom('hazard')
    .selectAll()
    .where('case_id', '=', caseId)
    .forUpdate()
    .executeTakeFirst();
  if (!h) throw conflict(`case ${caseId} has no hazard`);
  return h;
}

function mayOrRefuse(actor: Actor, action: Action, regionPath: string, refusal: string) {
  if (!can(actor, action, { regionPath })) throw forbidden(refusal);
}

async function event(trx: Trx, i: StepInput, hazardId: number, action: string, extra = {}) {
  await trx
    .insertInto('hazard_event')
    .values({
      hazard_id: hazardId,
      action,
      actor_id: i.actor.userId,
      actor_name: i.actor.kind === 'staff' ? i.actor.displayName : null,
      payload: JSON.stringify({ note: i.payload.note, photos: i.payload.photos ?? [], ...extra }),
      at: i.now,
    })
    .execute();
}

/** Offered to those the policy lets re-check in the case's region (inspectors of the area). */
const mayRecheck = (actor: Actor, c: { regionPath: string | null }) =>
  c.regionPath != null && can(actor, 'hazard.recheck', { regionPath: c.regionPath });
/** Offered to those the policy lets record a fix in the case's region. */
const mayRectify = (actor: Actor, c: { regionPath: string | null }) =>
  c.regionPath != null && can(actor, 'hazard.rectify', { regionPath: c.regionPath });

/** An inspector's re-check: the policy's `hazard.recheck` in the hazard's region, then its event. */
async function recheck(i: StepInput, action: 'recheck_pass' | 'recheck_fail' | 'escalate') {
  const h = await hazardOf(i.trx, i.case.id);
  mayOrRefuse(i.actor, 'hazard.recheck', h.region_path, 'only an inspector of this area re-checks');
  await checkActionPhotos(i.trx, { caseId: i.case.id, placeId: Number(h.place_id) }, i.payload.photos ?? []);
  if (action !== 'recheck_fail') {
    await event(i.trx, i, Number(h.id), action);
    return { detail: { hazardId: Number(h.id) } };
  }
  const d = decideHazard(
    { ...h, status: 'rectified' },
    'recheck_fail',
    { rectifier: false, inspector: true },
    i.now,
  );
  if (!d.ok || !d.deadline)
    throw conflict('the deadline was extended already: refer the hazard to enforcement', {
      extensions: h.extensions,
    });
  await i.trx
    .updateTable('hazard')
    .set({ deadline_at: d.deadline, extensions: h.extensions + 1, red_card_at: null })
    .where('id', '=', h.id)
    .execute();
  await hazardChanged(i.trx, h, { ...h, red_card_at: null });
  await event(i.trx, i, Number(h.id), 'extend', { deadlineAt: d.deadline.toISOString() });
  return { detail: { hazardId: Number(h.id), deadlineAt: d.deadline.toISOString() } };
}

export const hazardKind: CaseKindDefinition = {
  kind: 'hazard',
  module: 'inspections',
  tables: ['hazard', 'hazard_event'],
  actions: {
    'hazard.rectify': kindAction({
      payload: Fix,
      from: OPEN_STATES,
      to: 'resolved',
      by: ['grid_worker', 'centre', 'assignee'],
      may: mayRectify,
      async apply(i) {
        const h = await hazardOf(i.trx, i.case.id);
        mayOrRefuse(i.actor, 'hazard.rectify', h.region_path, 'you may not record this fix');
        await checkActionPhotos(i.trx, { caseId: i.case.id, placeId: Number(h.place_id) }, i.payload.photos);
        await i.trx
          .updateTable('hazard')
          .set({
            rectified_at: i.now,
            evidence: JSON.stringify({ note: i.payload.note, photos: i.payload.photos }),
          })
          .where('id', '=', h.id)
          .execute();
        await event(i.trx, i, Number(h.id), 'rectify');
        return { detail: { hazardId: Number(h.id) } };
      },
      figures: () => ({ rectified: 1 }),
    }),
    'hazard.recheck_pass': kindAction({
      payload: Step,
      from: [...OPEN_STATES, 'resolved'],
      to: 'closed',
      by: ANYONE_ON_CASE,
      may: mayRecheck,
      apply: (i) => recheck(i, 'recheck_pass'),
      figures: () => ({ fixed: 1 }),
    }),
    'hazard.recheck_fail': kindAction({
      payload: Step,
      from: ['resolved'],
      to: 'handling',
      by: ANYONE_ON_CASE,
      may: mayRecheck,
      apply: (i) => recheck(i, 'recheck_fail'),
      figures: () => ({ recheck_failed: 1 }),
    }),
    'hazard.refer_enforcement': kindAction({
      payload: Step,
      from: [...OPEN_STATES, 'resolved'],
      to: 'closed',
      by: ANYONE_ON_CASE,
      may: mayRecheck,
      apply: (i) => recheck(i, 'escalate'),
      figures: () => ({ escalated: 1 }),
    }),
  },
  async afterAction({ trx, case: c, action, now }) {
    if (action === 'verify_pass' || action === 'verify_fail')
      throw conflict('a hazard is verified by an inspector’s re-check (hazard.recheck_pass / recheck_fail)');
    const h = await trx
      .selectFrom('hazard')
      .select(['id', 'status', 'version', 'campaign_id', 'region_path', 'red_card_at'])
      .where('case_id', '=', c.id)
      .executeTakeFirst();
    if (!h) return;
    const status = hazardStatusOf(c.status, action, h.status);
    const finished = status === 'closed' || status === 'escalated';
    await trx
      .updateTable('hazard')
      .set({
        status,
        ...(finished ? (h.status === status ? {} : { closed_at: now }) : { closed_at: null }),
        version: h.version + 1,
      })
      .where('id', '=', h.id)
      .execute();
    if (status !== h.status) await hazardChanged(trx, h, { ...h, status });
  },
  async detail(db, c) {
    const h = await db
      .selectFrom('hazard')
      .innerJoin('place', 'place.id', 'hazard.place_id')
      .select([
        'hazard.id',
        'hazard.place_id',
        'place.name as place_name',
        'hazard.item_code',
        'hazard.item_text',
        'hazard.severity',
        'hazard.status',
        'hazard.deadline_at',
        'hazard.red_card_at',
        'hazard.extensions',
        'hazard.recurrence',
        'hazard.inspection_id',
      ])
      .where('hazard.case_id', '=', c.id)
      .executeTakeFirst();
    if (!h) return {};
    return {
      hazardId: Number(h.id),
      placeId: Number(h.place_id),
      placeName: h.place_name,
      inspectionId: Number(h.inspection_id),
      itemCode: h.item_code,
      itemText: h.item_text,
      severity: h.severity,
      status: h.status,
      deadlineAt: new Date(h.deadline_at).toISOString(),
      redCard: h.red_card_at != null,
      extensions: h.extensions,
      recurrence: h.recurrence,
    };
  },
};
