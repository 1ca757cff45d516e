import { sql } from 'kysely';
import type { AppContext } from '../context.ts';
import { cardAt } from './domain/deadlines.ts';
import { notifyUnits } from './notifications-service.ts';
import { superviseOverdue } from './supervision-service.ts';
import { enqueueWebhook } from './webhooks-service.ts';

/** A case row the sweeper claimed: its deadline threshold has passed. */
export interface DueCase {
  id: number;
  city_code: string;
  district_code: string;
  reported_at: Date;
  number: string;
  title: string;
  status: string;
  step: string | null;
  card: 'none' | 'yellow' | 'red';
  warn_at: Date;
  due_at: Date | null;
  suspended_at: Date | null;
  current_unit_id: number | null;
  centre_unit_id: number | null;
}

export interface SweepResult {
  claimed: number;
  yellow: number;
  red: number;
}

/**
 * One batch: claim up to `limit` open cases whose next threshold (`warn_at`) has passed (the
 * partial index cases_due_idx; rows locked by another process are skipped, so no row is
 * processed twice), show the yellow or red card, supervise red ones automatically and tell
 * the units; move `warn_at` to the next threshold (or null). One transaction.
 */
export async function sweepBatch(ctx: AppContext, now: Date, limit: number): Promise<SweepResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const due = await sql<DueCase>`
      select id, city_code, district_code, reported_at, number, title, status, step, card, warn_at, due_at,
             suspended_at, current_unit_id, centre_unit_id
      from cases
      where warn_at <= ${now} and warn_at is not null and closed_at is null
      order by warn_at
      limit ${limit}
      for update skip locked
    `.execute(trx);
    const result: SweepResult = { claimed: due.rows.length, yellow: 0, red: 0 };
    for (const c of due.rows) {
      const row = { ...c, id: Number(c.id), reported_at: new Date(c.reported_at) };
      const update = (set: { card?: DueCase['card']; warn_at: Date | null }) =>
        trx
          .updateTable('cases')
          .set(set)
          .where('city_code', '=', row.city_code)
          .where('id', '=', row.id)
          .where(sql<boolean>`reported_at = ${row.reported_at}`)
          .execute();
      if (row.suspended_at !== null) {
        // The clock stops while suspended; resuming computes new deadlines.
        await update({ warn_at: null });
        continue;
      }
      const next = cardAt({ warnAt: new Date(row.warn_at), dueAt: row.due_at && new Date(row.due_at) }, now);
      await update({ card: next.card, warn_at: next.nextCheckAt });
      if (next.card === 'none' || next.card === row.card) continue;
      const data = { caseId: row.id, number: row.number, step: row.step, dueAt: row.due_at };
      if (next.card === 'yellow') {
        result.yellow++;
        await notifyUnits(trx, [row.current_unit_id], {
          kind: 'yellow_card',
          caseId: row.id,
          caseNumber: row.number,
          title: `黄牌预警：${row.number} ${row.title}`,
          body: `Deadline for step ${row.step ?? ''} is near`,
        });
        await enqueueWebhook(trx, 'case.yellow_card', data, now);
      } else {
        result.red++;
        await superviseOverdue(trx, ctx, row, now);
        await enqueueWebhook(trx, 'case.red_card', data, now);
      }
    }
    return result;
  });
}

/** Sweep until nothing due is left (batches of `batchSize`, each its own transaction). */
export async function sweepDueCases(
  ctx: AppContext,
  options: { now?: Date; batchSize?: number } = {},
): Promise<SweepResult> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 200;
  const total: SweepResult = { claimed: 0, yellow: 0, red: 0 };
  for (;;) {
    const r = await sweepBatch(ctx, now, batchSize);
    total.claimed += r.claimed;
    total.yellow += r.yellow;
    total.red += r.red;
    if (r.claimed < batchSize) return total;
  }
}

/** Run the sweep (and anything else periodic) every `intervalMs`; returns a stop function. */
export function startPeriodic(ctx: AppContext, intervalMs: number, work: () => Promise<unknown>): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    work()
      .catch((error) => ctx.log.error({ err: error }, 'periodic case work failed'))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
