import type { AppContext } from '../../context.ts';
import type { CaseAsWritten } from './case-events.ts';
import type { NotificationTitleKey } from './notification-titles.ts';
import { type NotificationDraft, type NotificationKind, notifyUnitsBatch } from './notifications-service.ts';
import { type CaseHook, enqueueCaseHooks, hookPayload } from './webhooks-outbox.ts';

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
  written?: CaseAsWritten;
}

interface CaseForFollowUp {
  id: number;
  number: string;
  title: string;
  current_unit_id: number | null;
  centre_unit_id: number | null;
  handler_unit_id: number | null;
  reporter_user_id: number | null;
}

/** The cases of the events: as each event's change wrote them, read only for events that do not say. */
async function casesOf(
  ctx: AppContext,
  events: readonly CaseEventLike[],
): Promise<Map<number, CaseForFollowUp>> {
  const byId = new Map<number, CaseForFollowUp>();
  for (const e of events)
    if (e.written)
      byId.set(e.caseId, {
        id: e.caseId,
        number: e.number,
        title: e.written.title,
        current_unit_id: e.written.currentUnitId,
        centre_unit_id: e.written.centreUnitId,
        handler_unit_id: e.written.handlerUnitId,
        reporter_user_id: e.written.reporterUserId,
      });
  const missing = [...new Set(events.filter((e) => !e.written).map((e) => e.caseId))];
  if (missing.length === 0) return byId;
  const rows = await ctx.db
    .selectFrom('cases')
    .select([
      'id',
      'number',
      'title',
      'current_unit_id',
      'centre_unit_id',
      'handler_unit_id',
      'reporter_user_id',
    ])
    .where('id', 'in', missing)
    .execute();
  for (const c of rows)
    byId.set(Number(c.id), {
      ...c,
      id: Number(c.id),
      current_unit_id: c.current_unit_id === null ? null : Number(c.current_unit_id),
      centre_unit_id: c.centre_unit_id === null ? null : Number(c.centre_unit_id),
      handler_unit_id: c.handler_unit_id === null ? null : Number(c.handler_unit_id),
      reporter_user_id: c.reporter_user_id === null ? null : Number(c.reporter_user_id),
    });
  return byId;
}

/** Actions that hand a case to a unit: its people are told of a new assignment. */
const ASSIGNING = new Set(['dispatch', 'escalate', 'return', 'reopen', 'verify_fail']);

/**
 * React to committed case events: in-app notifications (assignment, summons, rating) and
 * webhook deliveries (the merge notice is written by recordMerge inside the merge itself). Runs
 * after the changes' own transactions, for the whole batch: the cases as the events wrote them,
 * one notification statement and one webhook statement (in one transaction when both are sent).
 */
export async function onCaseEvents(ctx: AppContext, events: readonly CaseEventLike[]): Promise<void> {
  if (events.length === 0) return;
  // the cases as the events wrote them (a read only for events that do not carry them)
  const byId = await casesOf(ctx, events);
  {
    const drafts: { unitIds: (number | null)[]; draft: NotificationDraft }[] = [];
    const hooks: CaseHook[] = [];
    for (const event of events) {
      const c = byId.get(event.caseId);
      if (!c) continue;
      const draft = (kind: NotificationKind, titleKey: NotificationTitleKey): NotificationDraft => ({
        kind,
        caseId: Number(c.id),
        caseNumber: c.number,
        titleKey,
        subject: `${c.number} ${c.title}`,
      });
      if (event.type === 'case.created' && event.toStatus !== 'closed') {
        drafts.push({ unitIds: [c.current_unit_id], draft: draft('assignment', 'new_case') });
      } else if (ASSIGNING.has(event.action)) {
        drafts.push({ unitIds: [c.current_unit_id], draft: draft('assignment', 'assigned') });
      } else if (event.action === 'summon') {
        const unitIds = Array.isArray(event.payload.unitIds) ? (event.payload.unitIds as number[]) : [];
        drafts.push({ unitIds, draft: draft('summons', 'summons') });
      } else if (event.action === 'copy_notify') {
        const unitIds = Array.isArray(event.payload.unitIds) ? (event.payload.unitIds as number[]) : [];
        drafts.push({ unitIds, draft: draft('copy', 'copy') });
      } else if (event.action === 'rate') {
        drafts.push({
          unitIds: [c.handler_unit_id ?? c.current_unit_id, c.centre_unit_id],
          draft: draft('rating', 'rating'),
        });
      }
      const type = event.type === 'case.created' ? 'case.created' : 'case.action';
      const data = {
        caseId: Number(c.id),
        number: c.number,
        action: event.action,
        status: event.toStatus,
        payload: event.payload,
      };
      hooks.push({ event: type, caseId: Number(c.id), payload: hookPayload(type, new Date(event.at), data) });
    }
    // one statement needs no transaction of its own: only notifications and webhooks together do
    if (drafts.length === 0) await enqueueCaseHooks(ctx.db, hooks);
    else
      await ctx.db.transaction().execute(async (trx) => {
        await notifyUnitsBatch(trx, drafts);
        await enqueueCaseHooks(trx, hooks);
      });
  }
}

/** React to one committed case event (see onCaseEvents). */
export function onCaseEvent(ctx: AppContext, event: CaseEventLike): Promise<void> {
  return onCaseEvents(ctx, [event]);
}

/**
 * Subscribe to the case event bus (when the cases module has put it on ctx.services). Events
 * that arrive while a batch is being written wait and go together into the next one; if a batch
 * fails, its events are taken one by one, so one bad event fails alone.
 */
export function subscribeToCaseEvents(ctx: AppContext): (() => void) | null {
  const bus = (ctx.services as { caseEvents?: { subscribe(l: (e: CaseEventLike) => void): () => void } })
    .caseEvents;
  if (!bus) return null;
  const queue: CaseEventLike[] = [];
  let running = false;
  let stopped = false;
  const drain = async () => {
    try {
      while (queue.length && !stopped) {
        const batch = queue.splice(0, 200);
        try {
          await onCaseEvents(ctx, batch);
        } catch {
          for (const event of batch)
            await onCaseEvent(ctx, event).catch((error) =>
              ctx.log.error({ err: error, caseId: event.caseId }, 'case event follow-up failed'),
            );
        }
      }
    } finally {
      running = false;
    }
  };
  const unsubscribe = bus.subscribe((event) => {
    queue.push(event);
    if (!running) {
      running = true;
      // on the next turn of the event loop, so the events of one turn share a batch (see IntakeBatcher)
      setImmediate(() => void drain());
    }
  });
  // the server is stopping: its database closes next, so no new batch starts
  return () => {
    stopped = true;
    unsubscribe();
  };
}
