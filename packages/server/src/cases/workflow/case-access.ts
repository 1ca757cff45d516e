import type { AppContext } from '../../context.ts';
import { notFound } from '../../http/problem.ts';
import type { Actor } from '../../identity/index.ts';
import { capacitiesOf } from '../domain/capacities.ts';
import { offeredActions } from '../domain/offered-actions.ts';
import type { SummonsFact } from '../domain/reducer-types.ts';
import { allowedActions, type Capacity, type CaseState, isCaseState } from '../domain/state-machine.ts';
import { canSee, caseScopeOf } from '../policy.ts';
import type { CaseRow } from './case-history.ts';
import { type CaseWithFacts, readCaseWithFacts } from './case-read.ts';

/** The case's relations that decide who sees it and who acts on it. */
export interface CaseRelations {
  summonses: readonly SummonsFact[];
  copyUnitIds: readonly number[];
  /** Units the case's kind shows it to (its `seenBy`). */
  kindUnitIds?: readonly number[];
  currentUnitKind: string | undefined;
}

/** Units summoned (open), copied and shown the case by its kind: they see it; summoned staff act on it. */
export function relationsOf(r: CaseRelations) {
  return {
    openSummonsUnitIds: r.summonses.filter((s) => s.doneAt === null).map((s) => s.unitId),
    relatedUnitIds: [...r.summonses.map((s) => s.unitId), ...r.copyUnitIds, ...(r.kindUnitIds ?? [])],
  };
}

/** The actor's capacities on a case and the actions offered to them now (no query). */
export function standingOn(ctx: AppContext, actor: Actor, row: CaseRow, r: CaseRelations) {
  const rel = relationsOf(r);
  const capacities: Capacity[] = capacitiesOf(actor, {
    regionPath: row.region_path,
    gridCode: row.grid_code,
    currentUnitId: row.current_unit_id,
    currentUnitIsCentre: r.currentUnitKind === 'centre',
    centreUnitId: row.centre_unit_id,
    reporterUserId: row.reporter_user_id,
    openSummonsUnitIds: rel.openSummonsUnitIds,
  });
  const state: CaseState = isCaseState(row.status) ? row.status : 'reported';
  const allowed = offeredActions(
    [
      ...allowedActions(state, capacities),
      ...ctx.services.caseKinds.allowedFor(row.kind, state, capacities, {
        actor,
        regionPath: row.region_path,
      }),
    ],
    row,
  );
  return { rel, capacities, state, allowed };
}

/**
 * Load a case the actor may see (one statement: the case with its summonses, copies, attachments
 * and current unit), with their capacities on it; 404 when out of scope. With a clientId, also
 * the action that clientId already made on it.
 */
export async function caseForActor(
  ctx: AppContext,
  actor: Actor,
  idOrNumber: string | number,
  clientId?: string,
) {
  const facts: CaseWithFacts | undefined = await readCaseWithFacts(
    ctx.db,
    idOrNumber,
    clientId,
    ctx.services.caseKinds.seenBy(),
  );
  if (!facts) throw notFound('case');
  const { row, currentUnit } = facts;
  const relations = {
    summonses: facts.summonses,
    copyUnitIds: facts.copyUnitIds,
    kindUnitIds: facts.kindUnitIds,
    currentUnitKind: currentUnit?.kind,
  };
  const standing = standingOn(ctx, actor, row, relations);
  if (!canSee(caseScopeOf(actor, ctx.services.caseKinds), row, standing.rel.relatedUnitIds))
    throw notFound('case');
  return { row, currentUnit, facts, ...standing };
}
