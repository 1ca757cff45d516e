import type { AppContext } from '../../context.ts';
import { conflict, forbidden, unprocessable } from '../../http/problem.ts';
import { type Actor, can, type Unit } from '../../identity/index.ts';
import type { StoredFile } from '../attachments/attachment-store.ts';
import type { ActionPayload } from '../domain/action-payloads.ts';
import { type CaseAction, isClosedState } from '../domain/state-machine.ts';
import { caseScopeOf, visibleTo } from '../policy.ts';
import { maySkipLevel } from '../routing.ts';
import type { CaseRow } from './case-history.ts';

/** What an action needs resolved before its transaction: target units, cases, history facts. */
export interface Prepared {
  targetUnit?: Unit;
  targetUnits?: Unit[];
  targetCaseId?: number;
  targetCaseNumber?: string;
  /** Files stored by an upload, recorded on the case by the attach action. */
  uploads?: StoredFile[];
}

const SUMMONING_LEVELS = ['street', 'district', 'city'];

/** A copy goes to a unit the actor may see, or one covering the case's place (a city department). */
function mayCopyTo(actor: Actor, row: CaseRow, unit: Unit): boolean {
  if (can(actor, 'unit.read', { regionPath: unit.regionPath, unitId: unit.id })) return true;
  return row.region_path?.startsWith(unit.regionPath) === true;
}

async function activeUnit(ctx: AppContext, id: number, field: string): Promise<Unit> {
  const unit = await ctx.services.identity.unitById(id);
  if (!unit || unit.retiredAt) throw unprocessable(field, `no active unit ${id}`);
  return unit;
}

/** The unit that handed the case to its current unit (by dispatch or escalation), from the history. */
async function handedOverBy(
  ctx: AppContext,
  row: CaseRow,
  via: 'dispatch' | 'escalate',
): Promise<number | null> {
  const last = await ctx.db
    .selectFrom('case_action')
    .select(['actor_unit_id', 'payload'])
    .where('case_id', '=', row.id)
    .where('action', '=', via)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const payload = (last?.payload ?? {}) as { toUnitId?: number };
  if (!last || last.actor_unit_id === null || payload.toUnitId !== row.current_unit_id) return null;
  return Number(last.actor_unit_id);
}

/**
 * Resolve and check what an action refers to, outside the transaction (other modules' services
 * use their own connection). Throws 422 naming the payload field, or 409/403 for rules of the case.
 */
export async function prepareAction(
  ctx: AppContext,
  row: CaseRow,
  action: CaseAction,
  payload: Record<string, unknown>,
  currentUnit: { kind: string; level: string; regionPath: string } | undefined,
  actor: Actor,
): Promise<Prepared> {
  const identity = ctx.services.identity;
  switch (action) {
    case 'dispatch': {
      const { unitId } = payload as ActionPayload<'dispatch'>;
      const allowed = row.current_unit_id ? await identity.unitsInJurisdiction(row.current_unit_id) : [];
      const target = allowed.find((u) => u.id === unitId);
      if (!target) {
        await activeUnit(ctx, unitId, 'body.payload.unitId');
        throw unprocessable(
          'body.payload.unitId',
          'not a direct subordinate centre or a department in jurisdiction',
          {
            dispatchableUnitIds: allowed.map((u) => u.id),
          },
        );
      }
      return { targetUnit: target };
    }
    case 'recall': {
      if (row.centre_unit_id === null || row.centre_unit_id === row.current_unit_id)
        throw conflict('the case is already at its coordinating centre', { status: row.status });
      return { targetUnit: await activeUnit(ctx, row.centre_unit_id, 'body.payload') };
    }
    case 'escalate': {
      const { unitId } = payload as ActionPayload<'escalate'>;
      const parent = row.current_unit_id ? await identity.parentCentre(row.current_unit_id) : undefined;
      if (!parent) throw conflict('the case is already at the top level', { status: row.status });
      if (unitId === undefined || unitId === parent.id) return { targetUnit: parent };
      const target = await activeUnit(ctx, unitId, 'body.payload.unitId');
      const above =
        target.kind === 'centre' && currentUnit && currentUnit.regionPath.startsWith(target.regionPath);
      if (!above || !(await maySkipLevel(ctx, row, currentUnit?.level ?? '')))
        throw unprocessable(
          'body.payload.unitId',
          'escalation goes to the direct parent centre; no rule allows a skip here',
          {
            parentCentreId: parent.id,
          },
        );
      return { targetUnit: target };
    }
    case 'return': {
      const from =
        row.status === 'reported'
          ? await handedOverBy(ctx, row, 'escalate')
          : await handedOverBy(ctx, row, 'dispatch');
      const back = from ?? (row.status === 'reported' ? null : row.centre_unit_id);
      if (back === null || back === row.current_unit_id)
        throw conflict('there is no unit to return the case to', { status: row.status });
      return { targetUnit: await activeUnit(ctx, back, 'body.payload') };
    }
    case 'summon': {
      if (currentUnit?.kind !== 'centre' || !SUMMONING_LEVELS.includes(currentUnit.level))
        throw forbidden('only a street or higher centre summons departments', { allowedActions: [] });
      const { unitIds } = payload as ActionPayload<'summon'>;
      const units: Unit[] = [];
      for (const [i, id] of unitIds.entries()) {
        const unit = await activeUnit(ctx, id, `body.payload.unitIds.${i}`);
        if (unit.kind === 'centre')
          throw unprocessable(`body.payload.unitIds.${i}`, 'summons go to departments, not centres');
        if (!row.region_path?.startsWith(unit.regionPath))
          throw unprocessable(`body.payload.unitIds.${i}`, 'the department does not cover the case’s place');
        units.push(unit);
      }
      return { targetUnits: units };
    }
    case 'copy_notify': {
      const { unitIds } = payload as ActionPayload<'copy_notify'>;
      const units: Unit[] = [];
      for (const [i, id] of unitIds.entries()) {
        const unit = await activeUnit(ctx, id, `body.payload.unitIds.${i}`);
        // a unit the actor may not see answers exactly as one that does not exist
        if (!mayCopyTo(actor, row, unit))
          throw unprocessable(`body.payload.unitIds.${i}`, `no active unit ${id}`);
        units.push(unit);
      }
      return { targetUnits: units };
    }
    case 'reopen': {
      const back = row.centre_unit_id ?? row.current_unit_id;
      return back ? { targetUnit: await activeUnit(ctx, back, 'body.payload') } : {};
    }
    case 'merge': {
      const { intoCaseId } = payload as ActionPayload<'merge'>;
      if (intoCaseId === row.id)
        throw unprocessable('body.payload.intoCaseId', 'a case cannot be merged into itself');
      // a case the actor may not read answers exactly as one that does not exist
      const target = await ctx.db
        .selectFrom('cases')
        .select(['id', 'number', 'status', 'city_code'])
        .where('id', '=', intoCaseId)
        .where((eb) => visibleTo(eb, caseScopeOf(actor, ctx.services.caseKinds)))
        .executeTakeFirst();
      if (!target || target.city_code !== row.city_code)
        throw unprocessable('body.payload.intoCaseId', `no case ${intoCaseId}`);
      if (isClosedState(target.status))
        throw unprocessable(
          'body.payload.intoCaseId',
          'the original case is closed: reopen it or link instead',
        );
      return { targetCaseId: Number(target.id), targetCaseNumber: target.number };
    }
    default:
      return {};
  }
}
