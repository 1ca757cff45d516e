import type { AppContext } from '../../context.ts';
import type { Actor } from '../../identity/index.ts';
import type { CaseRow } from '../workflow/case-history.ts';
import type { CaseEvent } from './case-events.ts';

/** Publish a committed change of a case on the in-process bus (ctx.services.caseEvents). */
export function publishCaseEvent(
  ctx: AppContext,
  type: CaseEvent['type'],
  row: CaseRow,
  change: {
    action: string;
    actionId: number | null;
    fromStatus: string | null;
    actor: Actor | null;
    payload: Record<string, unknown>;
    relatedUnitIds?: number[];
  },
): void {
  const units = [row.current_unit_id, row.centre_unit_id, ...(change.relatedUnitIds ?? [])].filter(
    (u): u is number => u !== null,
  );
  ctx.services.caseEvents.publish({
    type,
    caseId: row.id,
    number: row.number,
    action: change.action,
    actionId: change.actionId,
    fromStatus: change.fromStatus,
    toStatus: row.status,
    kind: row.kind,
    categoryCode: row.category_code,
    districtCode: row.district_code,
    regionPath: row.region_path,
    unitIds: [...new Set(units)],
    reporterUserId: row.reporter_user_id,
    actorUserId: change.actor?.userId ?? null,
    payload: change.payload,
    at: new Date().toISOString(),
    written: {
      title: row.title,
      currentUnitId: row.current_unit_id,
      centreUnitId: row.centre_unit_id,
      handlerUnitId: row.handler_unit_id,
      reporterUserId: row.reporter_user_id,
    },
  });
}
