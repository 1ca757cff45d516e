import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { AppContext } from '../context.ts';
import { applyCaseDelta } from '../dashboard/rollups.ts';
import { forbidden, Problem, unprocessable } from '../http/problem.ts';
import type { Actor } from '../identity/actor.ts';
import { appendAction, type CaseRow, findCase, normaliseCase } from './case-history.ts';
import { type CasePlace, gridAt, placeOfGrid } from './case-places.ts';
import { attributeProblems } from './domain/attributes.ts';
import { capacitiesOf } from './domain/capacities.ts';
import { formatCaseNumber, localYear } from './domain/case-number.ts';
import type { CaseState } from './domain/state-machine.ts';
import { findAndLinkDuplicates } from './duplicates-service.ts';
import { publishCaseEvent } from './event-publishing.ts';
import { startStep } from './step-clock.ts';
import type { CaseChannel, CaseKind, CasePriority } from './tables.ts';

export interface ReporterData {
  name?: string | null;
  phone?: string | null;
  idNumber?: string | null;
  address?: string | null;
}

/** A new case from any channel (API, portal, Open311, import). */
export interface IntakeInput {
  kind: CaseKind;
  category: string;
  attributes?: Record<string, unknown>;
  title?: string;
  description: string;
  location?: { lon: number; lat: number } | null;
  address?: string | null;
  gridCode?: string | null;
  reporter?: ReporterData | null;
  anonymous?: boolean;
  channel: CaseChannel;
  priority?: CasePriority;
  /** A grid worker resolved it at once (自行处置): the case is closed on intake. */
  handledOnSpot?: { result: string } | null;
}

export interface IntakeResult {
  caseId: number;
  number: string;
  /** False when an earlier request with the same Idempotency-Key made the case. */
  created: boolean;
}

const RESIDENT_CHANNELS: readonly CaseChannel[] = ['portal', 'open311'];

function requestHash(input: IntakeInput): string {
  const stable = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>)
            .filter(([, x]) => x !== undefined)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, x]) => [k, stable(x)]),
        )
      : Array.isArray(v)
        ? v.map(stable)
        : v;
  return createHash('sha256')
    .update(JSON.stringify(stable(input)))
    .digest('hex');
}

async function categoryFor(ctx: AppContext, input: IntakeInput, actor: Actor) {
  const category = await ctx.db
    .selectFrom('case_category')
    .selectAll()
    .where('code', '=', input.category)
    .executeTakeFirst();
  if (!category || category.retired_at)
    throw unprocessable('body.category', `no active category ${input.category}`);
  if (category.kind !== input.kind)
    throw unprocessable(
      'body.category',
      `${input.category} is a ${category.kind} category, not ${input.kind}`,
    );
  if (category.parent_code === null)
    throw unprocessable('body.category', `${input.category} is a group: choose one of its categories`);
  if (actor.kind !== 'staff' && !category.open_to_residents)
    throw unprocessable('body.category', `${input.category} is not open to residents`);
  return category;
}

async function placeFor(ctx: AppContext, input: IntakeInput): Promise<CasePlace> {
  if (input.gridCode) {
    const place = await placeOfGrid(ctx.db, input.gridCode);
    if (!place) throw unprocessable('body.gridCode', `no active grid ${input.gridCode}`);
    return place;
  }
  if (input.location) {
    const code = await gridAt(ctx, input.location.lon, input.location.lat);
    if (!code) throw unprocessable('body.location', 'the point is outside the city');
    const place = await placeOfGrid(ctx.db, code);
    if (!place) throw unprocessable('body.location', 'the point is outside the city');
    return place;
  }
  throw unprocessable('body.location', 'give a point (location) or choose a grid (gridCode)');
}

/** Check everything about a new case that needs no transaction; returns what the insert needs. */
async function prepare(ctx: AppContext, actor: Actor, input: IntakeInput) {
  if (actor.kind !== 'staff' && !RESIDENT_CHANNELS.includes(input.channel))
    throw unprocessable('body.channel', 'residents report through the portal or Open311');
  const category = await categoryFor(ctx, input, actor);
  const problems = attributeProblems(category.attributes, input.attributes ?? {});
  if (problems.length)
    throw new Problem(
      422,
      'Unprocessable Content',
      problems.map((p) => `${p.field}: ${p.message}`).join('; '),
      problems,
    );
  const place = await placeFor(ctx, input);
  const identity = ctx.services.identity;
  const centre = await identity.centreFor(place.gridCode);
  if (!centre) throw unprocessable('body.location', 'no governance centre covers this place');
  const routed =
    category.responsible_unit_type === 'centre'
      ? centre
      : ((await identity.responsibleUnit(category.responsible_unit_type, place.regionPath)) ?? centre);
  if (input.handledOnSpot) {
    const caps = capacitiesOf(actor, {
      regionPath: place.regionPath,
      gridCode: place.gridCode,
      currentUnitId: null,
      currentUnitIsCentre: false,
      centreUnitId: null,
      reporterUserId: null,
      openSummonsUnitIds: [],
    });
    if (!caps.includes('grid_worker'))
      throw forbidden('only a grid worker of this grid handles a case on the spot', { allowedActions: [] });
  }
  return { category, place, centre, routed };
}

/**
 * Take in a new case: validate, locate, number, route, store the reporter's personal data apart,
 * write the first history row(s), all in one transaction. The same Idempotency-Key with the same
 * input returns the case made the first time; with a different input it is refused (422).
 */
export async function intakeCase(
  ctx: AppContext,
  actor: Actor,
  input: IntakeInput,
  options: { idempotencyKey?: string | null; now?: Date } = {},
): Promise<IntakeResult> {
  const hash = requestHash(input);
  const key = options.idempotencyKey ? `${actor.userId ?? actor.kind}:${options.idempotencyKey}` : null;
  const replay = key ? await replayed(ctx, key, hash) : undefined;
  if (replay) return replay;
  const { category, place, centre, routed } = await prepare(ctx, actor, input);
  const now = options.now ?? new Date();
  const toCentre = routed.id === centre.id;
  const status: CaseState = input.handledOnSpot ? 'closed' : toCentre ? 'reported' : 'dispatched';
  const level = routed.level;
  const clock = startStep(ctx, category.time_limits, status, level, now);
  const district6 = place.districtCode.slice(0, 6);
  const year = localYear(now);

  const row = await ctx.db.transaction().execute(async (trx) => {
    const seq = await trx
      .insertInto('case_number_seq')
      .values({ district_code: district6, year, last_value: 1 })
      .onConflict((oc) =>
        oc
          .columns(['district_code', 'year'])
          .doUpdateSet({ last_value: sql`case_number_seq.last_value + 1` }),
      )
      .returning('last_value')
      .executeTakeFirstOrThrow();
    const number = formatCaseNumber(district6, year, Number(seq.last_value));
    const anonymous = input.anonymous === true || !input.reporter;
    const personId =
      input.reporter && !input.anonymous
        ? await ctx.services.identity.persons.create(trx, { ...input.reporter, regionPath: place.regionPath })
        : null;
    const inserted = await trx
      .insertInto('cases')
      .values({
        city_code: place.cityCode,
        district_code: place.districtCode,
        street_code: place.streetCode,
        community_code: place.communityCode,
        grid_code: place.gridCode,
        region_path: place.regionPath,
        number,
        kind: input.kind,
        category_code: category.code,
        attributes: JSON.stringify(input.attributes ?? {}),
        title: (input.title ?? '').trim() || `${category.name_zh}：${input.description.slice(0, 40)}`,
        description: input.description,
        lon: input.location?.lon ?? null,
        lat: input.location?.lat ?? null,
        address: input.address ?? null,
        channel: input.channel,
        priority: input.priority ?? 'normal',
        status,
        level,
        current_unit_id: routed.id,
        centre_unit_id: centre.id,
        reporter_person_id: personId,
        reporter_user_id: actor.userId,
        anonymous,
        ...clock,
        reported_at: now,
        accepted_at: toCentre && !input.handledOnSpot ? null : now,
        resolved_at: input.handledOnSpot ? now : null,
        closed_at: input.handledOnSpot ? now : null,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const created = normaliseCase(inserted);
    await trx
      .insertInto('case_number')
      .values({ number, case_id: created.id, district_code: place.districtCode, reported_at: now })
      .execute();
    if (key)
      await trx
        .insertInto('case_idempotency')
        .values({ key, request_hash: hash, case_id: created.id })
        .execute();
    const routing = {
      unitId: routed.id,
      unitName: routed.name,
      centreUnitId: centre.id,
      byCategory: !toCentre,
    };
    await appendAction(trx, created, {
      action: 'report',
      actor,
      actorUnitId: actor.unitIds[0] ?? null,
      actorRole: actor.kind === 'staff' ? 'reporter' : actor.kind,
      fromStatus: null,
      toStatus: input.handledOnSpot ? (toCentre ? 'reported' : 'dispatched') : status,
      payload: { channel: input.channel, routing },
      at: now,
    });
    if (input.handledOnSpot) {
      await appendAction(trx, created, {
        action: 'handle_on_spot',
        actor,
        actorRole: 'grid_worker',
        fromStatus: toCentre ? 'reported' : 'dispatched',
        toStatus: 'closed',
        payload: { result: input.handledOnSpot.result },
        at: now,
      });
    }
    await findAndLinkDuplicates(trx, ctx, created);
    await applyCaseDelta(trx, null, created);
    return created;
  });
  publishCaseEvent(ctx, 'case.created', row, {
    action: 'report',
    actionId: null,
    fromStatus: null,
    actor,
    payload: {},
  });
  return { caseId: row.id, number: row.number, created: true };
}

async function replayed(ctx: AppContext, key: string, hash: string): Promise<IntakeResult | undefined> {
  const prior = await ctx.db
    .selectFrom('case_idempotency')
    .selectAll()
    .where('key', '=', key)
    .executeTakeFirst();
  if (!prior) return undefined;
  if (prior.request_hash !== hash)
    throw unprocessable('header.idempotency-key', 'this key was used for a different case');
  const row = (await findCase(ctx.db, Number(prior.case_id))) as CaseRow;
  return { caseId: row.id, number: row.number, created: false };
}
