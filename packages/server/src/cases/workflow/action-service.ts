import type { AppContext } from '../../context.ts';
import { applyCaseDelta } from '../../dashboard/index.ts';
import { badRequest, conflict, forbidden, Problem } from '../../http/problem.ts';
import type { Actor } from '../../identity/index.ts';
import { serverNow } from '../../lib/clock.ts';
import { payloadProblems, schemaProblems } from '../domain/action-payloads.ts';
import type { ActionFacts } from '../domain/reducer-types.ts';
import {
  type Capacity,
  type CaseAction,
  type CaseState,
  decideByRule,
  isCaseAction,
  WORKFLOW,
} from '../domain/state-machine.ts';
import { reduceAction } from '../domain/workflow-reducer.ts';
import { categoryByCode } from '../intake/intake-lookups.ts';
import { afterKindAction, applyKindAction, type KindWrite, writeKindBookkeeping } from '../kinds/writer.ts';
import { publishCaseEvent } from '../notifications/event-publishing.ts';
import { type Prepared, prepareAction } from './action-prepare.ts';
import { executeWrites, writeCaseAndHistory } from './action-writer.ts';
import { caseForActor } from './case-access.ts';
import type { CaseRow } from './case-history.ts';

export { caseForActor } from './case-access.ts';

export interface ActionRequest {
  action: string;
  clientId: string;
  version?: number;
  payload?: Record<string, unknown>;
}

/** What an action left: the case row as written (absent when a retried clientId was answered). */
export interface ActionResult {
  caseId: number;
  replayed: boolean;
  after?: CaseRow;
}

function actorUnitFor(actor: Actor, row: CaseRow, capacity: Capacity | undefined, openSummons: number[]) {
  if (capacity === 'centre' || capacity === 'assignee') return row.current_unit_id;
  if (capacity === 'coordinator') return row.centre_unit_id;
  if (capacity === 'summoned') return openSummons.find((u) => actor.unitIds.includes(u)) ?? null;
  return actor.unitIds[0] ?? null;
}

function replayed(prior: { action: string; id: number } | undefined, action: string) {
  if (prior && prior.action !== action)
    throw new Problem(422, 'Unprocessable Content', 'body.clientId: already used for another action', [
      { field: 'body.clientId', message: `already used for ${prior.action}` },
    ]);
  return prior !== undefined;
}

const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === '23505';
/** Thrown inside the transaction to roll back when the case changed since it was read. */
const CHANGED = Symbol('changed');

/**
 * Take one workflow action on a case: read the case with its facts once (scope, capacities, a
 * retried clientId), check the state table, resolve what the action names, let the pure reducer
 * (cases/domain/workflow-reducer.ts) decide the next state and rows, and write them in one
 * transaction that holds only while the case is at the version read. A retried clientId is
 * applied once; a failed action changes nothing.
 */
export async function applyCaseAction(
  ctx: AppContext,
  actor: Actor,
  idOrNumber: string | number,
  request: ActionRequest,
  extra: Pick<Prepared, 'uploads'> = {},
  attempt = 0,
): Promise<ActionResult> {
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

  const seen = await caseForActor(ctx, actor, idOrNumber, request.clientId);
  const { row, capacities, state } = seen;
  if (replayed(seen.facts.prior, action)) return { caseId: row.id, replayed: true };
  const current = { status: row.status, version: row.version, allowedActions: seen.allowed };
  if (request.version !== undefined && request.version !== row.version)
    throw conflict(`the case has changed (version ${row.version})`, current);
  if (kindAction && kindAction.kind !== row.kind)
    throw conflict(`${action} is an action of ${kindAction.kind} cases, not of a ${row.kind}`, current);
  const decision = decideByRule(
    rule,
    state,
    capacities,
    (row.status_before_suspend as CaseState | null) ?? null,
  );
  if (!decision.ok) {
    if (decision.reason === 'state')
      throw conflict(`${action} is not possible while the case is ${row.status}`, current);
    throw forbidden(`you may not ${action} this case`, current);
  }
  const prepared: Prepared = kindAction
    ? extra
    : {
        ...(await prepareAction(ctx, row, action as CaseAction, payload, seen.currentUnit, actor)),
        ...extra,
      };
  const capacity = rule.by.find((c) => capacities.includes(c));
  const actorUnitId = actorUnitFor(actor, row, capacity, seen.rel.openSummonsUnitIds);
  const category = await categoryByCode(ctx, row.category_code);
  const now = serverNow(ctx);
  const calendar = ctx.services.calendar.current();
  const facts: ActionFacts = {
    now,
    clock: { limits: category?.time_limits ?? null, calendar },
    actor,
    actorUnitId,
    summonses: seen.facts.summonses,
    attachments: seen.facts.attachments,
    targetUnit: prepared.targetUnit,
    targetUnits: prepared.targetUnits,
    targetCase: prepared.targetCaseId
      ? { id: prepared.targetCaseId, number: prepared.targetCaseNumber ?? '' }
      : undefined,
    uploads: prepared.uploads,
  };
  const command = { action, payload, to: decision.to };
  // the core rules are checked before anything is written (a refusal costs no transaction)
  const core = kindAction ? undefined : reduceAction(row, command, facts);
  const who = { actor, actorUnitId, actorRole: capacity ?? null, clientId: request.clientId };

  let outcome:
    | { after: CaseRow; actionId: number; payload: Record<string, unknown>; related: number[] }
    | typeof CHANGED;
  try {
    outcome = await ctx.db
      .transaction()
      .execute(async (trx) => {
        const write: KindWrite = { trx, row, payload, actor, actorUnitId, now, calendar };
        // a kind's own tables first: what its `apply` returns goes into the history row
        const kindEffect = kindAction ? await applyKindAction(kindAction, write) : {};
        const reduced = core ?? reduceAction(row, command, facts, kindEffect.detail ?? {});
        const written = await writeCaseAndHistory(trx, row, reduced, who);
        if (!written) throw CHANGED;
        await executeWrites(trx, row, reduced.writes);
        await writeKindBookkeeping(ctx.services.caseKinds, action, written.actionId, write);
        await afterKindAction(ctx.services.caseKinds, action, write, written.after);
        await applyCaseDelta(trx, row, written.after);
        return {
          ...written,
          payload: reduced.history.payload,
          related: [...reduced.relatedUnitIds, ...(kindEffect.relatedUnitIds ?? [])],
        };
      })
      .catch((e: unknown) => {
        if (e === CHANGED) return CHANGED;
        throw e;
      });
  } catch (error) {
    // the same clientId raced in from another request: that one was applied
    if (isUniqueViolation(error)) {
      const again = await caseForActor(ctx, actor, row.id, request.clientId);
      if (replayed(again.facts.prior, action)) return { caseId: row.id, replayed: true };
    }
    throw error;
  }
  if (outcome === CHANGED) {
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
    payload: outcome.payload,
    relatedUnitIds: [...seen.rel.relatedUnitIds, ...outcome.related],
  });
  return { caseId: row.id, replayed: false, after: outcome.after };
}
