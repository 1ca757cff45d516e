import type { AppContext } from '../context.ts';
import { type NotificationDraft, type NotificationKind, notifyUnits } from './notifications-service.ts';
import { enqueueWebhook } from './webhooks-service.ts';

/** The parts of a committed case event (ctx.services.caseEvents) that notifications read. */
export interface CaseEventLike {
  type: string;
  caseId: number;
  number: string;
  action: string;
  toStatus: string;
  actorUserId: number | null;
  payload: Record<string, unknown>;
  at: string;
}

/** Actions that hand a case to a unit: its people are told of a new assignment. */
const ASSIGNING = new Set(['dispatch', 'escalate', 'return', 'reopen', 'verify_fail']);

/**
 * React to a committed case event: in-app notifications (assignment, summons, rating) and
 * webhook deliveries (the merge notice is written by recordMerge inside the merge itself). Runs after the change's own
 * transaction, in one of its own.
 */
export async function onCaseEvent(ctx: AppContext, event: CaseEventLike): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const c = await trx
      .selectFrom('cases')
      .select([
        'id',
        'city_code',
        'number',
        'title',
        'current_unit_id',
        'centre_unit_id',
        'handler_unit_id',
        'reporter_user_id',
      ])
      .where('id', '=', event.caseId)
      .executeTakeFirst();
    if (!c) return;
    const draft = (kind: NotificationKind, title: string): NotificationDraft => ({
      kind,
      caseId: Number(c.id),
      caseNumber: c.number,
      title: `${title}：${c.number} ${c.title}`,
    });
    if (event.type === 'case.created' && event.toStatus !== 'closed') {
      await notifyUnits(trx, [c.current_unit_id], draft('assignment', '新案件'));
    } else if (ASSIGNING.has(event.action)) {
      await notifyUnits(trx, [c.current_unit_id], draft('assignment', '案件交办'));
    } else if (event.action === 'summon') {
      const unitIds = Array.isArray(event.payload.unitIds) ? (event.payload.unitIds as number[]) : [];
      await notifyUnits(trx, unitIds, draft('summons', '吹哨报到'));
    } else if (event.action === 'rate') {
      await notifyUnits(
        trx,
        [c.handler_unit_id ?? c.current_unit_id, c.centre_unit_id],
        draft('rating', '群众评价'),
      );
    }
    await enqueueWebhook(
      trx,
      event.type === 'case.created' ? 'case.created' : 'case.action',
      {
        caseId: Number(c.id),
        number: c.number,
        action: event.action,
        status: event.toStatus,
        payload: event.payload,
      },
      new Date(event.at),
    );
  });
}

/** Subscribe to the case event bus (when the cases module has put it on ctx.services). */
export function subscribeToCaseEvents(ctx: AppContext): (() => void) | null {
  const bus = (ctx.services as { caseEvents?: { subscribe(l: (e: CaseEventLike) => void): () => void } })
    .caseEvents;
  if (!bus) return null;
  return bus.subscribe((event) => {
    onCaseEvent(ctx, event).catch((error) =>
      ctx.log.error({ err: error, caseId: event.caseId }, 'case event follow-up failed'),
    );
  });
}
