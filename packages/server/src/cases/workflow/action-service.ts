import { sql } from 'kysely';
import type { AppContext } from '../../context.ts';
import { applyCaseDelta } from '../../dashboard/index.ts';
import { badRequest, conflict, forbidden, notFound, Problem } from '../../http/problem.ts';
import type { Actor } from '../../identity/index.ts';
import { serverNow } from '../../lib/clock.ts';
import { payloadProblems, schemaProblems } from '../domain/action-payloads.ts';
import { type CaseFacts, capacitiesOf } from '../domain/capacities.ts';
import { offeredActions } from '../domain/offered-actions.ts';
import {
  allowedActions,
  type Capacity,
  type CaseAction,
  type CaseState,
  decideByRule,
  isCaseAction,
  isCaseState,
  WORKFLOW,
} from '../domain/state-machine.ts';
import { categoryByCode } from '../intake/intake-lookups.ts';
import { afterKindAction, applyKindAction, writeKindBookkeeping } from '../kinds/writer.ts';
import { publishCaseEvent } from '../notifications/event-publishing.ts';
import { canSee, caseScopeOf } from '../policy.ts';
import { type Effect, effectOf, enteringState } from './action-effects.ts';
import { type Prepared, prepareAction } from './action-prepare.ts';
import { appendAction, type CaseRow, findCase, lockCase, normaliseCase } from './case-history.ts';

export interface ActionRequest {
  action: string;
  clientId: string;
  version?: number;
  payload?: Record<string, unknown>;
}

/** The units summoned (open) and copied to a case: they see it, and summoned staff act on it. */
export async function caseRelations(ctx: AppContext, caseId: number) {
  // summoned and copied units in one statement (done_at is null for copies)
  const rows = await ctx.db
    .selectFrom('case_summons')
    .select(['unit_id', 'done_at', sql<boolean>`true`.as('summoned')])
    .where('case_id', '=', caseId)
    .unionAll(
      ctx.db
        .selectFrom('case_copy')
        .select(['unit_id', sql<null>`null::timestamptz`.as('done_at'), sql<boolean>`false`.as('summoned')])
        .where('case_id', '=', caseId),
    )
    .execute();
  return {
    openSummonsUnitIds: rows.filter((r) => r.summoned && r.done_at === null).map((r) => Number(r.unit_id)),
    relatedUnitIds: rows.map((r) => Number(r.unit_id)),
  };
}

/** Load a case the actor may see, with their capacities on it; 404 when out of scope. */
export async function caseForActor(ctx: AppContext, actor: Actor, idOrNumber: string | number) {
  const row = await findCase(ctx.db, idOrNumber);
  if (!row) throw notFound('case');
  const rel = await caseRelations(ctx, row.id);
  if (!canSee(caseScopeOf(actor), row, rel.relatedUnitIds)) throw notFound('case');
  const currentUnit = row.current_unit_id
    ? await ctx.services.identity.unitById(row.current_unit_id)
    : undefined;
  const facts: CaseFacts = {
    regionPath: row.region_path,
    gridCode: row.grid_code,
    currentUnitId: row.current_unit_id,
    currentUnitIsCentre: currentUnit?.kind === 'centre',
    centreUnitId: row.centre_unit_id,
    reporterUserId: row.reporter_user_id,
    openSummonsUnitIds: rel.openSummonsUnitIds,
  };
  const capacities = capacitiesOf(actor, facts);
  const state: CaseState = isCaseState(row.status) ? row.status : 'reported';
  const allowed = offeredActions(
    [...allowedActions(state, capacities), ...ctx.services.caseKinds.allowedFor(row.kind, state, capacities)],
    row,
  );
  return { row, rel, currentUnit, capacities, state, allowed };
}

function actorUnitFor(
  actor: Actor,
  row: CaseRow,
  capacity: Capacity | undefined,
  openSummons: number[],
): number | null {
  if (capacity === 'centre' || capacity === 'assignee') return row.current_unit_id;
  if (capacity === 'coordinator') return row.centre_unit_id;
  if (capacity === 'summoned') return openSummons.find((u) => actor.unitIds.includes(u)) ?? null;
  return actor.unitIds[0] ?? null;
}

async function replayOf(ctx: AppContext, caseId: number, clientId: string, action: string) {
  const prior = await ctx.db
    .selectFrom('case_action_client')
    .innerJoin('case_action', 'case_action.id', 'case_action_client.action_id')
    .select(['case_action.action', 'case_action.id'])
    .where('case_action_client.case_id', '=', caseId)
    .where('case_action_client.client_id', '=', clientId)
    // the case's own history rows (case_action_case_idx), not a scan of every action by id
    .where('case_action.case_id', '=', caseId)
    .executeTakeFirst();
  if (prior && prior.action !== action)
    throw new Problem(422, 'Unprocessable Content', 'body.clientId: already used for another action', [
      { field: 'body.clientId', message: `already used for ${prior.action}` },
    ]);
  return prior ? Number(prior.id) : undefined;
}

const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === '23505';

/**
 * Take one workflow action on a case: check scope, the state table and the actor's capacity,
 * then in one transaction lock the row, check the version, write the history row and update
 * the case. A retried clientId is applied once; a failed action changes nothing.
 */
export async function applyCaseAction(
  ctx: AppContext,
  actor: Actor,
  idOrNumber: string | number,
  request: ActionRequest,
  extra: Pick<Prepared, 'uploads'> = {},
  attempt = 0,
): Promise<{ caseId: number; replayed: boolean }> {
  const kindAction = isCaseAction(request.action) ? undefined : ctx.services.caseKinds.action(request.action);
  if (!isCaseAction(request.action) && !kindAction)
    throw badRequest('body.action', `unknown action ${request.action}`);
  const action = request.action;
  const rule = kindAction?.rule ?? WORKFLOW[action as CaseAction];
  const payload = request.payload ?? {};
  const problems = kindAction
    ? schemaProblems(kindAction.rule.payload, payload)
    : payloadProblems(action as CaseAction, payload);
  if (problems.length)
    throw new Problem(
      400,
      'Bad Request',
      problems.map((p) => `${p.field}: ${p.message}`).join('; '),
      problems,
    );

  const seen = await caseForActor(ctx, actor, idOrNumber);
  const { row, capacities, state } = seen;
  if (await replayOf(ctx, row.id, request.clientId, action)) return { caseId: row.id, replayed: true };
  const current = { status: row.status, version: row.version, allowedActions: seen.allowed };
  if (request.version !== undefined && request.version !== row.version)
    throw conflict(`the case has changed (version ${row.version})`, current);
  if (kindAction && kindAction.kind !== row.kind)
    throw conflict(`${action} is an action of ${kindAction.kind} cases, not of a ${row.kind}`, current);
  const previous = (row.status_before_suspend as CaseState | null) ?? null;
  const decision = decideByRule(rule, state, capacities, previous);
  if (!decision.ok) {
    if (decision.reason === 'state')
      throw conflict(`${action} is not possible while the case is ${row.status}`, current);
    throw forbidden(`you may not ${action} this case`, current);
  }
  const prepared = kindAction
    ? extra
    : {
        ...(await prepareAction(ctx, row, action as CaseAction, payload, seen.currentUnit, actor)),
        ...extra,
      };
  const capacity = rule.by.find((c) => capacities.includes(c));
  const actorUnitId = actorUnitFor(actor, row, capacity, seen.rel.openSummonsUnitIds);
  const category = await categoryByCode(ctx, row.category_code);

  let outcome:
    | { after: CaseRow; actionId: number; detail: Record<string, unknown>; related: number[] }
    | 'changed';
  try {
    outcome = await ctx.db.transaction().execute(async (trx) => {
      const locked = await lockCase(trx, row.id);
      if (!locked || locked.version !== row.version) return 'changed' as const;
      const now = serverNow(ctx);
      const limits = category?.time_limits ?? null;
      const calendar = ctx.services.calendar.current();
      const write = { trx, row: locked, payload, actor, actorUnitId, now, calendar };
      const effect: Effect = kindAction
        ? {
            set: enteringState({ ctx, row: locked, to: decision.to, limits, now }),
            ...(await applyKindAction(kindAction, write)),
          }
        : await effectOf({
            ctx,
            trx,
            actor,
            row: locked,
            action: action as CaseAction,
            payload,
            prepared,
            to: decision.to,
            limits,
            now,
            actorUnitId,
          });
      const detail = effect.detail ?? {};
      const history = await appendAction(trx, locked, {
        action,
        actor,
        actorUnitId,
        actorRole: capacity ?? null,
        fromStatus: locked.status,
        toStatus: decision.to,
        payload: { ...payload, ...detail },
        clientId: request.clientId,
        at: now,
      });
      const updated = await trx
        .updateTable('cases')
        .set({ ...effect.set, status: decision.to, version: locked.version + 1, updated_at: now })
        .where('id', '=', locked.id)
        .where('city_code', '=', locked.city_code)
        .returningAll()
        .executeTakeFirstOrThrow();
      await writeKindBookkeeping(ctx.services.caseKinds, action, history.id, write);
      const after = normaliseCase(updated);
      await afterKindAction(ctx.services.caseKinds, action, write, after);
      await applyCaseDelta(trx, locked, after);
      return { after, actionId: history.id, detail, related: effect.relatedUnitIds ?? [] };
    });
  } catch (error) {
    // the same clientId raced in from another request: that one was applied
    if (isUniqueViolation(error) && (await replayOf(ctx, row.id, request.clientId, action)))
      return { caseId: row.id, replayed: true };
    throw error;
  }
  if (outcome === 'changed') {
    if (request.version !== undefined || attempt >= 3) {
      const fresh = await caseForActor(ctx, actor, row.id);
      throw conflict('the case changed while you were acting on it', {
        status: fresh.row.status,
        version: fresh.row.version,
        allowedActions: fresh.allowed,
      });
    }
    return applyCaseAction(ctx, actor, row.id, request, extra, attempt + 1);
  }
  publishCaseEvent(ctx, 'case.action', outcome.after, {
    action,
    actionId: outcome.actionId,
    fromStatus: row.status,
    actor,
    payload: { ...payload, ...outcome.detail },
    relatedUnitIds: [...seen.rel.relatedUnitIds, ...outcome.related],
  });
  return { caseId: row.id, replayed: false };
}
