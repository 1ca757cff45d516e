import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { conflict, forbidden, unprocessable } from '../../http/problem.ts';
import type { ActionPayload } from '../domain/action-payloads.ts';
import { isClosedState } from '../domain/state-machine.ts';
import { recordMerge } from '../intake/duplicates-service.ts';
import type { CaseLevel } from '../tables.ts';
import { elapsedStepTime, shiftStep, startStep } from '../time/step-clock.ts';
import type { CaseChanges, Effect, EffectInput } from './effect-types.ts';
import { summonsEffect } from './summons-effects.ts';

type Trx = Transaction<DB>;

export type { CaseChanges, Effect, EffectInput } from './effect-types.ts';

const stepFor = (e: EffectInput, level: CaseLevel = e.row.level) =>
  startStep(e.ctx, e.limits, e.to, level, e.now);
const finish = (now: Date) => ({
  closed_at: now,
  step: null,
  warn_at: null,
  due_at: null,
  step_started_at: null,
});

async function attachmentsOf(trx: Trx, caseId: number, hashes: string[], field: string) {
  if (hashes.length === 0) return;
  const found = await trx
    .selectFrom('case_attachment')
    .select('sha256')
    .where('case_id', '=', caseId)
    .where('sha256', 'in', hashes)
    .execute();
  const have = new Set(found.map((f) => f.sha256));
  const missing = hashes.findIndex((h) => !have.has(h));
  if (missing >= 0)
    throw unprocessable(`${field}.${missing}`, 'not an attachment of this case: upload it first');
}

/**
 * The row's columns when an action moves the case into another state without a rule of its own
 * (a registered kind's action): closed states stop the clock, others start the state's step.
 */
export function enteringState(e: Pick<EffectInput, 'ctx' | 'row' | 'to' | 'limits' | 'now'>): CaseChanges {
  if (e.to === e.row.status) return {};
  if (isClosedState(e.to)) return finish(e.now);
  const step = startStep(e.ctx, e.limits, e.to, e.row.level, e.now);
  return e.to === 'resolved' ? { resolved_at: e.now, ...step } : step;
}

/** What an allowed action changes on the case row and in the side tables, inside the transaction. */
export async function effectOf(e: EffectInput): Promise<Effect> {
  const { row, now, prepared, trx } = e;
  switch (e.action) {
    case 'accept':
      return {
        set: { accepted_at: row.accepted_at ?? now, centre_unit_id: row.current_unit_id, ...stepFor(e) },
      };
    case 'reject':
    case 'withdraw':
      return { set: finish(now) };
    case 'handle_on_spot':
      return { set: { accepted_at: row.accepted_at ?? now, resolved_at: now, ...finish(now) } };
    case 'dispatch': {
      const unit = prepared.targetUnit;
      if (!unit) throw new Error('dispatch without a target');
      const level = unit.kind === 'centre' ? (unit.level as CaseLevel) : row.level;
      return {
        set: { current_unit_id: unit.id, handler_user_id: null, level },
        detail: { toUnitId: unit.id, toUnitName: unit.name },
      };
    }
    case 'recall': {
      const unit = prepared.targetUnit;
      if (!unit) throw new Error('recall without a target');
      // the handling clock runs on: taking a case back does not buy time
      return {
        set: { current_unit_id: unit.id, handler_user_id: null, level: unit.level as CaseLevel },
        detail: { fromUnitId: row.current_unit_id, toUnitId: unit.id, toUnitName: unit.name },
        ...(row.current_unit_id !== null ? { relatedUnitIds: [row.current_unit_id] } : {}),
      };
    }
    case 'start':
      return { set: { handler_user_id: e.actor.userId } };
    case 'return': {
      const unit = prepared.targetUnit;
      if (!unit) throw new Error('return without a target');
      const level = unit.kind === 'centre' ? (unit.level as CaseLevel) : row.level;
      const restart = row.status === 'reported' ? stepFor(e, level) : {};
      return {
        set: { current_unit_id: unit.id, handler_user_id: null, level, ...restart },
        detail: { toUnitId: unit.id, toUnitName: unit.name },
      };
    }
    case 'escalate': {
      const unit = prepared.targetUnit;
      if (!unit) throw new Error('escalate without a target');
      const level = unit.level as CaseLevel;
      return {
        set: { current_unit_id: unit.id, handler_user_id: null, level, ...stepFor(e, level) },
        detail: { toUnitId: unit.id, toUnitName: unit.name, fromLevel: row.level, toLevel: level },
      };
    }
    case 'summon':
    case 'summons_report_in':
    case 'summons_done':
    case 'rate_summons':
      return summonsEffect(e);
    case 'resolve': {
      const p = e.payload as ActionPayload<'resolve'>;
      await attachmentsOf(trx, row.id, p.evidence ?? [], 'body.payload.evidence');
      const open = await trx
        .selectFrom('case_summons')
        .select('unit_id')
        .where('case_id', '=', row.id)
        .where('done_at', 'is', null)
        .execute();
      if (open.length)
        throw conflict('summoned departments have not all reported done', {
          status: row.status,
          pendingUnitIds: open.map((o) => Number(o.unit_id)),
        });
      return {
        set: {
          resolved_at: now,
          handler_unit_id: row.current_unit_id,
          current_unit_id: row.centre_unit_id ?? row.current_unit_id,
          ...stepFor(e),
        },
      };
    }
    case 'verify_pass':
    case 'close':
      return { set: finish(now) };
    case 'verify_fail':
      return {
        set: {
          resolved_at: null,
          current_unit_id: row.handler_unit_id ?? row.current_unit_id,
          ...stepFor(e),
        },
      };
    case 'rate': {
      if (row.rating) throw conflict('the case is already rated', { status: row.status, rating: row.rating });
      const p = e.payload as ActionPayload<'rate'>;
      // the counter keeps this rating after a reopening (the satisfaction figures count every one)
      const counter = `ratings_${p.rating}` as const;
      return { set: { rating: p.rating, rating_comment: p.comment ?? null, [counter]: row[counter] + 1 } };
    }
    case 'reopen': {
      const byReporter = e.actor.userId !== null && e.actor.userId === row.reporter_user_id;
      const isCoordinator = row.centre_unit_id !== null && e.actor.unitIds.includes(row.centre_unit_id);
      if (
        byReporter &&
        !isCoordinator &&
        (row.rating === 'satisfied' || row.rating === 'basically_satisfied')
      )
        throw forbidden('a case rated satisfied is reopened by its centre, not by the reporter', {
          allowedActions: [],
        });
      const unit = prepared.targetUnit;
      const level = unit?.kind === 'centre' ? (unit.level as CaseLevel) : row.level;
      return {
        set: {
          current_unit_id: unit?.id ?? row.current_unit_id,
          closed_at: null,
          resolved_at: null,
          rating: null,
          rating_comment: null,
          handler_user_id: null,
          level,
          ...stepFor(e, level),
        },
      };
    }
    case 'copy_notify': {
      const units = prepared.targetUnits ?? [];
      const note = (e.payload as ActionPayload<'copy_notify'>).note ?? '';
      await trx
        .insertInto('case_copy')
        .values(
          units.map((u) => ({
            city_code: row.city_code,
            case_id: row.id,
            unit_id: u.id,
            by_unit_id: e.actorUnitId,
            note,
          })),
        )
        .execute();
      return {
        set: {},
        detail: { units: units.map((u) => ({ id: u.id, name: u.name })) },
        relatedUnitIds: units.map((u) => u.id),
      };
    }
    case 'note':
      return { set: {} };
    case 'attach': {
      const uploads = prepared.uploads ?? [];
      if (uploads.length)
        await trx
          .insertInto('case_attachment')
          .values(
            uploads.map((u) => ({
              city_code: row.city_code,
              case_id: row.id,
              sha256: u.sha256,
              media_type: u.mediaType,
              size_bytes: u.sizeBytes,
              file_name: u.fileName,
              uploaded_by: e.actor.userId,
            })),
          )
          .execute();
      await attachmentsOf(trx, row.id, (e.payload as ActionPayload<'attach'>).sha256, 'body.payload.sha256');
      return {
        set: {},
        detail: {
          files: uploads.map((u) => ({ sha256: u.sha256, mediaType: u.mediaType, sizeBytes: u.sizeBytes })),
        },
      };
    }
    case 'suspend':
      return { set: { suspended_at: now, status_before_suspend: row.status, warn_at: null } };
    case 'resume': {
      const since = row.suspended_at ? new Date(row.suspended_at) : now;
      const shifted = shiftStep(e.ctx, e.limits, row, elapsedStepTime(e.ctx, e.limits, row, since, now));
      return { set: { suspended_at: null, status_before_suspend: null, ...(shifted ?? {}) } };
    }
    case 'request_extension': {
      if (row.pending_extension)
        throw conflict('an extension is already waiting for approval', { status: row.status });
      const p = e.payload as ActionPayload<'request_extension'>;
      const pending = {
        hours: p.hours,
        reason: p.reason,
        requestedBy: e.actor.userId,
        requestedAt: now.toISOString(),
      };
      return { set: { pending_extension: JSON.stringify(pending) } };
    }
    case 'approve_extension':
    case 'deny_extension': {
      const pending = row.pending_extension;
      if (!pending) throw conflict('no extension is waiting for approval', { status: row.status });
      if (pending.requestedBy !== null && pending.requestedBy === e.actor.userId)
        throw forbidden('an extension is approved by someone other than who asked for it', {
          allowedActions: [],
        });
      if (e.action === 'deny_extension')
        return { set: { pending_extension: null }, detail: { hours: pending.hours } };
      const shifted = shiftStep(e.ctx, e.limits, row, pending.hours * 3_600_000);
      return { set: { pending_extension: null, ...(shifted ?? {}) }, detail: { hours: pending.hours } };
    }
    case 'merge': {
      const into = prepared.targetCaseId;
      if (!into) throw new Error('merge without a target');
      await recordMerge(trx, row, { id: into, number: prepared.targetCaseNumber ?? '' }, e.actor.userId);
      return {
        set: { merged_into: into, ...finish(now) },
        detail: { intoNumber: prepared.targetCaseNumber },
      };
    }
  }
}
