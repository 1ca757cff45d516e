import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { addWorkingTime } from '../domain/calendar.ts';
import { notifyUnitsBatch } from '../notifications/notifications-service.ts';
import { enqueueWebhooks } from '../notifications/webhooks-service.ts';

/** Automatic supervision asks for a reply within one working day. */
const AUTO_REPLY_MS = 7 * 3_600_000;

export interface OverdueCase {
  id: number;
  city_code: string;
  district_code: string;
  number: string;
  title: string;
  status: string;
  step: string | null;
  current_unit_id: number | null;
  centre_unit_id: number | null;
}

/** When an automatic supervision's reply is due: one working day from now. */
export const autoReplyDueAt = (ctx: AppContext, now: Date): Date =>
  addWorkingTime(ctx.services.calendar.current(), now, AUTO_REPLY_MS);

/**
 * Automatic supervision (督办) of overdue cases, by the sweeper inside its transaction after its
 * one statement wrote the supervision and 'supervise' history rows (sweeper-history.ts
 * writeSweep): red-card notifications to the responsible unit, the unit above it and the
 * coordinating centre, and webhook events. A few statements for the whole batch.
 */
export async function superviseOverdueBatch(
  trx: Transaction<DB>,
  cases: OverdueCase[],
  supervisionOf: ReadonlyMap<number, number | null>,
  replyDueAt: Date,
  now: Date,
): Promise<void> {
  if (cases.length === 0) return;
  const units = [...new Set(cases.map((c) => c.current_unit_id).filter((u): u is number => u !== null))];
  const parents = new Map<number, number | null>();
  if (units.length > 0) {
    const rows = await trx.selectFrom('unit').select(['id', 'parent_id']).where('id', 'in', units).execute();
    for (const r of rows) parents.set(Number(r.id), r.parent_id === null ? null : Number(r.parent_id));
  }
  await notifyUnitsBatch(
    trx,
    cases.map((c) => ({
      unitIds: [
        c.current_unit_id,
        c.current_unit_id === null ? null : parents.get(c.current_unit_id),
        c.centre_unit_id,
      ],
      draft: {
        kind: 'red_card',
        caseId: c.id,
        caseNumber: c.number,
        titleKey: 'red_card',
        subject: `${c.number} ${c.title}`,
        body: `Step ${c.step ?? ''} is overdue; a reply is due by ${replyDueAt.toISOString()}`,
      },
    })),
  );
  await enqueueWebhooks(
    trx,
    'case.supervised',
    cases.map((c) => ({
      caseId: c.id,
      number: c.number,
      kind: 'auto',
      supervisionId: supervisionOf.get(c.id),
    })),
    now,
  );
}
