import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { KindActionInput, KindEffect } from '../cases/index.ts';
import type { AppContext } from '../context.ts';
import type { DB } from '../db/schema.ts';
import { conflict, forbidden, Problem, unprocessable } from '../http/problem.ts';
import type { Actor } from '../identity/index.ts';
import { mediationRoles } from './domain/access.ts';
import { ACTION_PAYLOADS, type Payload, payloadProblems } from './domain/action-payloads.ts';
import { decide, failTarget, type MediationAction, type MediationState } from './domain/mediation-machine.ts';
import { addDays, LIMITS } from './domain/time-limits.ts';
import { type DisputeRow, lockDispute, saveDispute } from './rows.ts';
import { agreementStep } from './service-agreement.ts';
import { disputeFor } from './service-read.ts';
import { conflictedMediators } from './service-registry.ts';
import type { Step } from './step-types.ts';

async function checkAssignment(s: Step, orgId: number, mediatorIds: number[], field: string) {
  const org = await s.trx.selectFrom('mediation_org').selectAll().where('id', '=', orgId).executeTakeFirst();
  if (!org || org.retired_at || !s.row.region_path.startsWith(org.region_path))
    throw unprocessable(`${field}.orgId`, 'no mediation organisation with this id covers the dispute’s area');
  if (org.kinds.length > 0 && !org.kinds.includes(s.row.type))
    throw unprocessable(`${field}.orgId`, `${org.name} does not take ${s.row.type} disputes`);
  if (mediatorIds.length === 0) return;
  const mediators = await s.trx
    .selectFrom('mediator')
    .select('id')
    .where('org_id', '=', orgId)
    .where('retired_at', 'is', null)
    .where('id', 'in', mediatorIds)
    .execute();
  if (mediators.length !== mediatorIds.length)
    throw unprocessable(`${field}.mediatorIds`, `every mediator must be an active mediator of ${org.name}`);
  const conflicted = await conflictedMediators(s.trx, s.row.case_id, mediatorIds);
  if (conflicted.size > 0)
    throw new Problem(
      409,
      'Conflict',
      `mediator ${[...conflicted].join(', ')} declared a conflict with a party and cannot be assigned`,
      [{ field: `${field}.mediatorIds`, message: 'has a declared conflict with a party' }],
      { conflictedMediatorIds: [...conflicted] },
    );
}

/** What each action changes besides the state (its rows and the dispute's fields). */
async function effect(
  s: Step,
  action: MediationAction,
  p: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const { row, next, now } = s;
  switch (action) {
    case 'assign': {
      const a = p as Payload<'assign'>;
      await checkAssignment(s, a.orgId, a.mediatorIds, 'body.payload');
      Object.assign(next, { org_id: a.orgId, mediator_ids: a.mediatorIds });
      return {};
    }
    case 'accept': {
      const ids = (p as Payload<'accept'>).mediatorIds;
      if (ids) {
        await checkAssignment(s, row.org_id as number, ids, 'body.payload');
        next.mediator_ids = ids;
      } else if (row.mediator_ids.length === 0)
        throw unprocessable('body.payload.mediatorIds', 'name the mediators who take the mediation');
      Object.assign(next, { accepted_at: now, due_at: addDays(now, LIMITS.mediationDays), extensions: [] });
      return { dueAt: next.due_at };
    }
    case 'decline': {
      const reason = (p as Payload<'decline'>).reason;
      next.declined = [...row.declined, { orgId: row.org_id as number, reason, at: now.toISOString() }];
      Object.assign(next, { org_id: null, mediator_ids: [] });
      return {};
    }
    case 'extend': {
      const e = p as Payload<'extend'>;
      const used = row.extensions.reduce((n, x) => n + x.days, 0);
      if (used + e.days > LIMITS.maxExtensionDays)
        throw unprocessable(
          'body.payload.days',
          `at most ${LIMITS.maxExtensionDays - used} more days may be added`,
        );
      next.extensions = [
        ...row.extensions,
        { days: e.days, reason: e.reason, at: now.toISOString(), by: s.actor.userId },
      ];
      next.due_at = addDays(new Date(row.due_at as Date), e.days);
      return { dueAt: next.due_at };
    }
    case 'fail': {
      const f = p as Payload<'fail'>;
      if (f.to === 'mediation') {
        if (!f.orgId)
          throw unprocessable('body.payload.orgId', 'name the organisation the mediation passes to');
        if (f.orgId === row.org_id)
          throw unprocessable('body.payload.orgId', 'pass it to another organisation');
        await checkAssignment(s, f.orgId, [], 'body.payload');
        next.failed_orgs = [
          ...row.failed_orgs,
          {
            orgId: row.org_id as number,
            mediatorIds: row.mediator_ids,
            acceptedAt: new Date(row.accepted_at as Date).toISOString(),
            concludedAt: now.toISOString(),
            dueAt: new Date(row.due_at as Date).toISOString(),
          },
        ];
        Object.assign(next, {
          org_id: f.orgId,
          mediator_ids: [],
          accepted_at: null,
          due_at: null,
          extensions: [],
        });
      } else {
        Object.assign(next, {
          outcome: 'failed',
          concluded_at: now,
          referral: { to: f.to, where: f.where, note: f.note ?? null },
        });
      }
      return {};
    }
    case 'close':
      Object.assign(next, { closed_at: now, follow_up_due_at: addDays(now, LIMITS.followUpDays) });
      return { followUpDueAt: next.follow_up_due_at };
    case 'follow_up': {
      const f = p as Payload<'follow_up'>;
      if (row.follow_up) throw conflict('the follow-up visit is already recorded');
      next.follow_up = { at: now.toISOString(), note: f.note, satisfied: f.satisfied };
      return {};
    }
    default:
      return agreementStep(s, action, p);
  }
}

/** Which state the action leads to, where the table leaves it to the payload. */
function target(action: MediationAction, to: MediationState, p: Record<string, unknown>): MediationState {
  return action === 'fail' ? failTarget(String(p.to)) : to;
}

/** The mediation organisation's unit (its mediators act on what it holds), read in the action's transaction. */
async function orgUnitIn(trx: Kysely<DB>, orgId: number | null): Promise<number | null> {
  if (orgId === null) return null;
  const o = await trx
    .selectFrom('mediation_org')
    .select('unit_id')
    .where('id', '=', orgId)
    .executeTakeFirst();
  return o?.unit_id == null ? null : Number(o.unit_id);
}

/**
 * A mediation step as the dispute kind's action (`dispute.<verb>`, kind-actions.ts), inside the
 * case action's one transaction: the dispute locked, the mediation table consulted for this actor
 * (409 not now, 403 not for you), the effect applied, its figures moved. The engine writes the
 * history row (payload plus what this returns) and the case row.
 */
export async function mediationStep(
  ctx: AppContext,
  i: KindActionInput<Record<string, unknown>>,
  action: MediationAction,
): Promise<KindEffect> {
  const { trx, actor, payload, now } = i;
  const row = await lockDispute(trx, i.case.id);
  if (!row) throw conflict(`case ${i.case.number} has no dispute`);
  const where = { regionPath: row.region_path, unitId: await orgUnitIn(trx, row.org_id) };
  const decision = decide(row.status, action, mediationRoles(actor, where));
  if (!decision.ok) {
    if (decision.status === 409) throw conflict(decision.reason, { status: row.status });
    throw forbidden(decision.reason);
  }
  const next: DisputeRow = { ...row, status: target(action, decision.to, payload) };
  const step: Step = { trx, ctx, actor, row, next, now };
  const extra = await effect(step, action, payload);
  const saved = await saveDispute(trx, row, next, now);
  return { detail: { from: row.status, to: saved.status, ...extra } };
}

/**
 * `POST /api/v1/disputes/:id/actions` for clients that speak mediation: the payload checked (400),
 * the dispute's scope (404), then the same action taken through the case engine as `dispute.<verb>`.
 */
export async function mediationAction(
  ctx: AppContext,
  actor: Actor,
  caseId: number,
  action: MediationAction,
  payload: Record<string, unknown>,
  clientId: string = randomUUID(),
) {
  if (!(action in ACTION_PAYLOADS)) throw unprocessable('body.action', `unknown action ${action}`);
  const problems = payloadProblems(action, payload);
  if (problems.length)
    throw new Problem(
      400,
      'Bad Request',
      problems.map((p) => `${p.field}: ${p.message}`).join('; '),
      problems,
    );
  await disputeFor(ctx, actor, caseId);
  await ctx.services.cases.act(ctx, actor, caseId, { action: `dispute.${action}`, clientId, payload });
  const saved = await ctx.db
    .selectFrom('dispute')
    .select(['status', 'version'])
    .where('case_id', '=', caseId)
    .executeTakeFirstOrThrow();
  return { caseId, status: saved.status as MediationState, version: saved.version };
}
