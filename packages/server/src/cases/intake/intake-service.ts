import { createHash } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import { forbidden, Problem, unprocessable } from '../../http/problem.ts';
import type { Actor } from '../../identity/index.ts';
import { serverNow } from '../../lib/clock.ts';
import { attributeProblems } from '../domain/attributes.ts';
import { capacitiesOf } from '../domain/capacities.ts';
import { localYear } from '../domain/case-number.ts';
import type { CaseState } from '../domain/state-machine.ts';
import { publishCaseEvent } from '../notifications/event-publishing.ts';
import { routeNewCase } from '../routing.ts';
import type { CaseChannel } from '../tables.ts';
import { startStep } from '../time/step-clock.ts';
import { type CaseRow, findCase } from '../workflow/case-history.ts';
import { type CasePlace, gridAt } from './case-places.ts';
import { intakeBatcher } from './intake-batcher.ts';
import { categoryByCode, placeOf, routedUnit, syncRouting } from './intake-lookups.ts';
import type { IntakeInput, IntakeResult } from './intake-types.ts';
import type { IntakeJob, IntakeOutcome } from './intake-write.ts';

export type { IntakeInput, IntakeResult, ReporterData } from './intake-types.ts';

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

async function categoryFor(ctx: AppContext, input: IntakeInput, actor: Actor, version: number) {
  const category = await categoryByCode(ctx, input.category, version);
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
    const place = await placeOf(ctx, input.gridCode);
    if (!place) throw unprocessable('body.gridCode', `no active grid ${input.gridCode}`);
    return place;
  }
  if (input.location) {
    const code = await gridAt(ctx, input.location.lon, input.location.lat);
    if (!code) throw unprocessable('body.location', 'the point is outside the city');
    const place = await placeOf(ctx, code);
    if (!place) throw unprocessable('body.location', 'the point is outside the city');
    return place;
  }
  throw unprocessable('body.location', 'give a point (location) or choose a grid (gridCode)');
}

/** Check everything about a new case that needs no transaction; returns what the insert needs. */
async function prepare(ctx: AppContext, actor: Actor, input: IntakeInput) {
  if (actor.kind !== 'staff' && !RESIDENT_CHANNELS.includes(input.channel))
    throw unprocessable('body.channel', 'residents report through the portal or Open311');
  // one routing version for the category and the routing table: a change anywhere applies from the next report
  const version = await syncRouting(ctx);
  const category = await categoryFor(ctx, input, actor, version);
  const problems = attributeProblems(category.attributes, input.attributes ?? {});
  if (problems.length)
    throw new Problem(
      422,
      'Unprocessable Content',
      problems.map((p) => `${p.field}: ${p.message}`).join('; '),
      problems,
    );
  const place = await placeFor(ctx, input);
  const nearest = await routedUnit(ctx, 'centre', place);
  if (!nearest) throw unprocessable('body.location', 'no governance centre covers this place');
  // routing as data: category × level → unit type, with its fallbacks (cases/routing.ts)
  const first = (await routeNewCase(ctx, category, place, version)) ?? nearest;
  // nobody to act at a unit: the nearest staffed centre of its level or above takes the case
  const { staffedOrCentre } = ctx.services.identity;
  const centre = await staffedOrCentre(nearest);
  const routed = first.id === nearest.id ? centre : await staffedOrCentre(first);
  const unstaffed = routed.id !== first.id ? first : undefined;
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
  return { category, place, centre, routed, unstaffed };
}

/**
 * A new case checked, located and routed (no transaction; reads only): what `writeIntakes`
 * writes. Intake's first half, also used by kinds that open their cases inside their own
 * transaction (cases/kinds/intake.ts).
 */
export async function intakeJob(
  ctx: AppContext,
  actor: Actor,
  input: IntakeInput,
  options: { idempotencyKey?: string | null; now?: Date } = {},
): Promise<IntakeJob> {
  const hash = requestHash(input);
  const key = options.idempotencyKey ? `${actor.userId ?? actor.kind}:${options.idempotencyKey}` : null;
  const { category, place, centre, routed, unstaffed } = await prepare(ctx, actor, input);
  const now = options.now ?? serverNow(ctx);
  const toCentre = routed.id === centre.id;
  const status: CaseState = input.handledOnSpot ? 'closed' : toCentre ? 'reported' : 'dispatched';
  const level = routed.level;
  const clock = startStep(ctx, category.time_limits, status, level, now);
  return {
    actor,
    input,
    category,
    place,
    centre,
    routed,
    ...(unstaffed ? { unstaffed } : {}),
    key,
    hash,
    now,
    status,
    level,
    clock,
    year: localYear(now),
  };
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
  let job: IntakeJob;
  try {
    job = await intakeJob(ctx, actor, input, options);
  } catch (error) {
    // a retry of a request that made its case before the reference data changed gets that case
    const replay = key ? await replayed(ctx, key, hash) : undefined;
    if (replay) return replay;
    throw error;
  }
  let outcome: IntakeOutcome;
  try {
    outcome = await intakeBatcher(ctx).submit(job);
  } catch (error) {
    // the same Idempotency-Key raced in from another server process: that one made the case
    const again =
      key && (error as { code?: string }).code === '23505' ? await replayed(ctx, key, hash) : undefined;
    if (again) return again;
    throw error;
  }
  if ('refused' in outcome) throw outcome.refused;
  if ('replayOf' in outcome) {
    const prior = (await findCase(ctx.db, outcome.replayOf)) as CaseRow;
    return { caseId: prior.id, number: prior.number, created: false };
  }
  const row = outcome.row;
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
