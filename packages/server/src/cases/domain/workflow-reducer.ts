import { conflict, forbidden, unprocessable } from '../../http/problem.ts';
import type { ActionPayload } from './action-payloads.ts';
import { evolveCase, projectionOf, REPLAYED_COLUMNS } from './case-evolve.ts';
import type { CaseLevel } from './deadlines.ts';
import type { ActionFacts, CaseChanges, CaseRow, Command, Decided, Reduced } from './reducer-types.ts';
import { type CaseAction, isCaseAction, isClosedState } from './state-machine.ts';
import { elapsedOnStep, shiftedStep, stepColumns } from './step-columns.ts';
import { decideSummons } from './summons-reducer.ts';

export type * from './reducer-types.ts';

const finish = { step: null, warn_at: null, due_at: null, step_started_at: null } as const;

function missingAttachment(f: ActionFacts, hashes: readonly string[], field: string) {
  const have = new Set([...f.attachments, ...(f.uploads ?? []).map((u) => u.sha256)]);
  const missing = hashes.findIndex((h) => !have.has(h));
  if (missing >= 0)
    throw unprocessable(`${field}.${missing}`, 'not an attachment of this case: upload it first');
}

/**
 * The row's columns when an action moves the case into another state without a rule of its own
 * (a registered kind's action): closed states stop the clock, others start the state's step.
 */
export function enteringState(row: CaseRow, to: Command['to'], f: Pick<ActionFacts, 'clock' | 'now'>) {
  if (to === row.status || isClosedState(to)) return to === row.status ? {} : finish;
  return stepColumns(f.clock, to, row.level, f.now);
}

/** What one core action's rule changes, checks and writes (pure: from the row and the facts). */
export function decideCore(
  row: CaseRow,
  action: CaseAction,
  payload: Record<string, unknown>,
  to: Command['to'],
  f: ActionFacts,
): Decided {
  const { now } = f;
  const step = (level: CaseLevel = row.level) => stepColumns(f.clock, to, level, now);
  const target = () => {
    if (!f.targetUnit) throw new Error(`${action} without a target`);
    return f.targetUnit;
  };
  switch (action) {
    case 'accept':
      return { set: { centre_unit_id: row.current_unit_id, ...step() } };
    case 'reject':
    case 'withdraw':
    case 'handle_on_spot':
    case 'verify_pass':
    case 'close':
      return { set: finish };
    case 'dispatch': {
      const unit = target();
      const level = unit.kind === 'centre' ? (unit.level as CaseLevel) : row.level;
      return {
        set: { current_unit_id: unit.id, handler_user_id: null, level },
        detail: { toUnitId: unit.id, toUnitName: unit.name },
      };
    }
    case 'recall': {
      const unit = target();
      // the handling clock runs on: taking a case back does not buy time
      return {
        set: { current_unit_id: unit.id, handler_user_id: null, level: unit.level as CaseLevel },
        detail: { fromUnitId: row.current_unit_id, toUnitId: unit.id, toUnitName: unit.name },
        ...(row.current_unit_id !== null ? { relatedUnitIds: [row.current_unit_id] } : {}),
      };
    }
    case 'start':
      return { set: { handler_user_id: f.actor.userId } };
    case 'return': {
      const unit = target();
      const level = unit.kind === 'centre' ? (unit.level as CaseLevel) : row.level;
      return {
        set: {
          current_unit_id: unit.id,
          handler_user_id: null,
          level,
          ...(row.status === 'reported' ? step(level) : {}),
        },
        detail: { toUnitId: unit.id, toUnitName: unit.name },
      };
    }
    case 'escalate': {
      const unit = target();
      const level = unit.level as CaseLevel;
      return {
        set: { current_unit_id: unit.id, handler_user_id: null, level, ...step(level) },
        detail: { toUnitId: unit.id, toUnitName: unit.name, fromLevel: row.level, toLevel: level },
      };
    }
    case 'summon':
    case 'summons_report_in':
    case 'summons_done':
    case 'rate_summons':
      return decideSummons(row, action, payload, f);
    case 'resolve': {
      missingAttachment(f, (payload as ActionPayload<'resolve'>).evidence ?? [], 'body.payload.evidence');
      const open = f.summonses.filter((s) => s.doneAt === null);
      if (open.length)
        throw conflict('summoned departments have not all reported done', {
          status: row.status,
          pendingUnitIds: open.map((o) => o.unitId),
        });
      const back = row.centre_unit_id ?? row.current_unit_id;
      return { set: { handler_unit_id: row.current_unit_id, current_unit_id: back, ...step() } };
    }
    case 'verify_fail':
      return { set: { current_unit_id: row.handler_unit_id ?? row.current_unit_id, ...step() } };
    case 'rate':
      if (row.rating) throw conflict('the case is already rated', { status: row.status, rating: row.rating });
      return { set: { rating_comment: (payload as ActionPayload<'rate'>).comment ?? null } };
    case 'reopen': {
      const byReporter = f.actor.userId !== null && f.actor.userId === row.reporter_user_id;
      const isCoordinator = row.centre_unit_id !== null && f.actor.unitIds.includes(row.centre_unit_id);
      if (
        byReporter &&
        !isCoordinator &&
        (row.rating === 'satisfied' || row.rating === 'basically_satisfied')
      )
        throw forbidden('a case rated satisfied is reopened by its centre, not by the reporter', {
          allowedActions: [],
        });
      const unit = f.targetUnit;
      const level = unit?.kind === 'centre' ? (unit.level as CaseLevel) : row.level;
      return {
        set: {
          current_unit_id: unit?.id ?? row.current_unit_id,
          rating_comment: null,
          handler_user_id: null,
          level,
          ...step(level),
        },
      };
    }
    case 'copy_notify': {
      const units = f.targetUnits ?? [];
      const note = (payload as ActionPayload<'copy_notify'>).note ?? '';
      return {
        set: {},
        detail: { units: units.map((u) => ({ id: u.id, name: u.name })) },
        relatedUnitIds: units.map((u) => u.id),
        writes: [{ kind: 'copy.insert', unitIds: units.map((u) => u.id), byUnitId: f.actorUnitId, note }],
      };
    }
    case 'note':
      return { set: {} };
    case 'attach': {
      const uploads = f.uploads ?? [];
      missingAttachment(f, (payload as ActionPayload<'attach'>).sha256, 'body.payload.sha256');
      return {
        set: {},
        detail: {
          files: uploads.map((u) => ({ sha256: u.sha256, mediaType: u.mediaType, sizeBytes: u.sizeBytes })),
        },
        writes: uploads.length
          ? [{ kind: 'attachment.insert', files: uploads, byUserId: f.actor.userId }]
          : [],
      };
    }
    case 'suspend':
      return { set: { suspended_at: now, warn_at: null } };
    case 'resume': {
      const since = row.suspended_at ? new Date(row.suspended_at) : now;
      const shifted = shiftedStep(f.clock, row, elapsedOnStep(f.clock, row, since, now));
      return { set: { suspended_at: null, ...(shifted ?? {}) } };
    }
    case 'request_extension': {
      if (row.pending_extension)
        throw conflict('an extension is already waiting for approval', { status: row.status });
      const p = payload as ActionPayload<'request_extension'>;
      const pending = {
        hours: p.hours,
        reason: p.reason,
        requestedBy: f.actor.userId,
        requestedAt: now.toISOString(),
      };
      return { set: { pending_extension: JSON.stringify(pending) } };
    }
    case 'approve_extension':
    case 'deny_extension': {
      const pending = row.pending_extension;
      if (!pending) throw conflict('no extension is waiting for approval', { status: row.status });
      if (pending.requestedBy !== null && pending.requestedBy === f.actor.userId)
        throw forbidden('an extension is approved by someone other than who asked for it', {
          allowedActions: [],
        });
      if (action === 'deny_extension')
        return { set: { pending_extension: null }, detail: { hours: pending.hours } };
      const shifted = shiftedStep(f.clock, row, pending.hours * 3_600_000);
      return { set: { pending_extension: null, ...(shifted ?? {}) }, detail: { hours: pending.hours } };
    }
    case 'merge': {
      const into = f.targetCase;
      if (!into) throw new Error('merge without a target');
      return {
        set: finish,
        detail: { intoNumber: into.number },
        writes: [{ kind: 'merge.record', into, byUserId: f.actor.userId }],
      };
    }
  }
}

/**
 * The workflow as one pure function: the case's current row, an allowed action (with its typed
 * payload and next state) and the facts gathered beforehand give the case's next columns, the
 * history row to append and the other rows to write. The columns the history determines
 * (status, accepted/resolved/closed times, rating, …) come from `evolveCase` applied to that very
 * history row, the function the replay folds: replay equals live by construction. A kind's
 * action enters its state by the engine's rule; its own tables are the kind's `apply` (whose
 * `detail` is merged into the history payload by the writer: the projection never reads it).
 */
export function reduceAction(
  row: CaseRow,
  command: Command,
  facts: ActionFacts,
  kindDetail: Record<string, unknown> = {},
): Reduced {
  const { action, payload, to } = command;
  const decided: Decided = isCaseAction(action)
    ? decideCore(row, action, payload, to, facts)
    : { set: enteringState(row, to, facts), detail: kindDetail };
  const history = {
    action,
    fromStatus: row.status,
    toStatus: to,
    payload: { ...payload, ...(decided.detail ?? {}) },
    at: facts.now,
  };
  const before = projectionOf(row);
  const after = evolveCase(before, {
    seq: 0,
    action,
    from_status: row.status,
    to_status: to,
    payload: history.payload,
    at: facts.now,
  });
  const projected: CaseChanges = {};
  for (const c of REPLAYED_COLUMNS) if (after[c] !== before[c]) Object.assign(projected, { [c]: after[c] });
  return {
    set: { ...decided.set, ...projected, status: to, version: row.version + 1, updated_at: facts.now },
    history,
    writes: decided.writes ?? [],
    relatedUnitIds: decided.relatedUnitIds ?? [],
  };
}
