import { sql } from 'kysely';
import type { AppContext } from '../../context.ts';
import { applyCaseDeltas } from '../../dashboard/index.ts';
import { serverNow } from '../../lib/clock.ts';
import { cardAt } from '../domain/deadlines.ts';
import { notifyUnitsBatch } from '../notifications/notifications-service.ts';
import { enqueueWebhooks } from '../notifications/webhooks-service.ts';
import { autoReplyDueAt, superviseOverdueBatch } from './supervision-auto.ts';
import { writeSweep } from './sweeper-history.ts';

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
  // what the dashboard's figures read (a card changes the overdue figures)
  street_code: string | null;
  community_code: string | null;
  kind: string;
  category_code: string;
  rating: string | null;
  ratings_satisfied: number;
  ratings_basically_satisfied: number;
  ratings_unsatisfied: number;
  accepted_at: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  version: number;
}

export interface SweepResult {
  claimed: number;
  yellow: number;
  red: number;
}

/**
 * One batch: read up to `limit` open cases whose next threshold (`warn_at`) has passed (the
 * partial index cases_due_idx), show the yellow or red card, supervise red ones automatically
 * and tell the units; move `warn_at` to the next threshold (or null). The writes go through
 * the one writer's version check (sweeper-history.ts writeSweep), no lock taken: a case another
 * process or an action changed since it was read is not written twice, and the next batch
 * reads it afresh. One transaction, a few statements for the whole batch.
 */
export async function sweepBatch(ctx: AppContext, now: Date, limit: number): Promise<SweepResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const due = await sql<DueCase>`
      select id, city_code, district_code, reported_at, number, title, status, step, card, warn_at, due_at,
             suspended_at, current_unit_id, centre_unit_id,
             street_code, community_code, kind, category_code, rating, accepted_at,
             ratings_satisfied, ratings_basically_satisfied, ratings_unsatisfied, resolved_at, closed_at, version
      from cases
      where warn_at <= ${now} and warn_at is not null and closed_at is null
      order by warn_at
      limit ${limit}
    `.execute(trx);
    const rows = due.rows.map((c) => ({
      ...c,
      id: Number(c.id),
      reported_at: new Date(c.reported_at),
      current_unit_id: c.current_unit_id === null ? null : Number(c.current_unit_id),
      centre_unit_id: c.centre_unit_id === null ? null : Number(c.centre_unit_id),
      version: Number(c.version),
    }));
    const result: SweepResult = { claimed: rows.length, yellow: 0, red: 0 };
    if (rows.length === 0) return result;
    // The clock stops while suspended (resuming computes new deadlines): only clear warn_at.
    const decided = rows.map((row) => {
      if (row.suspended_at !== null) return { row, card: row.card, next: null as Date | null };
      const next = cardAt({ warnAt: new Date(row.warn_at), dueAt: row.due_at && new Date(row.due_at) }, now);
      return { row, card: next.card, next: next.nextCheckAt };
    });
    let yellow = decided.filter((d) => d.card === 'yellow' && d.row.card !== 'yellow').map((d) => d.row);
    let red = decided.filter((d) => d.card === 'red' && d.row.card !== 'red').map((d) => d.row);
    const redIds = new Set(red.map((r) => r.id));
    const yellowIds = new Set(yellow.map((r) => r.id));
    // one statement through the one writer: cards, supervision and history of the cases still at
    // the version read (a case that moved meanwhile is left for the next sweep)
    const replyDueAt = autoReplyDueAt(ctx, now);
    const written = await writeSweep(
      trx,
      decided.map((d) => ({
        id: d.row.id,
        city_code: d.row.city_code,
        reported_at: d.row.reported_at,
        version: d.row.version,
        card: d.card,
        warnAt: d.next,
        history: redIds.has(d.row.id)
          ? { action: 'supervise' as const, payload: { kind: 'auto', step: d.row.step, card: 'red' } }
          : yellowIds.has(d.row.id)
            ? {
                action: 'yellow_card' as const,
                payload: {
                  card: 'yellow',
                  step: d.row.step,
                  dueAt: d.row.due_at ? new Date(d.row.due_at).toISOString() : null,
                },
              }
            : null,
        supervision: redIds.has(d.row.id) ? { step: d.row.step, targetUnitId: d.row.current_unit_id } : null,
      })),
      replyDueAt,
      now,
    );
    const kept = decided.filter((d) => written.has(d.row.id));
    yellow = yellow.filter((r) => written.has(r.id));
    red = red.filter((r) => written.has(r.id));
    // the dashboard's figures move with the card, in this transaction (the same delta as every change)
    await applyCaseDeltas(
      trx,
      kept.filter((d) => d.card !== d.row.card).map((d) => [d.row, { ...d.row, card: d.card }] as const),
    );
    result.yellow = yellow.length;
    result.red = red.length;
    await notifyUnitsBatch(
      trx,
      yellow.map((row) => ({
        unitIds: [row.current_unit_id],
        draft: {
          kind: 'yellow_card',
          caseId: row.id,
          caseNumber: row.number,
          titleKey: 'yellow_card',
          subject: `${row.number} ${row.title}`,
          body: `Deadline for step ${row.step ?? ''} is near`,
        },
      })),
    );
    const data = (r: DueCase) => ({ caseId: r.id, number: r.number, step: r.step, dueAt: r.due_at });
    await enqueueWebhooks(trx, 'case.yellow_card', yellow.map(data), now);
    await superviseOverdueBatch(trx, red, written, replyDueAt, now);
    await enqueueWebhooks(trx, 'case.red_card', red.map(data), now);
    return result;
  });
}

/** Sweep until nothing due is left (batches of `batchSize`, each its own transaction). */
export async function sweepDueCases(
  ctx: AppContext,
  options: { now?: Date; batchSize?: number } = {},
): Promise<SweepResult> {
  const now = options.now ?? serverNow(ctx);
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

/**
 * Run the sweep (and anything else periodic) every `intervalMs`; returns a stop function that
 * also waits for a run in flight, so nothing touches the database after shutdown closes it.
 */
export function startPeriodic(
  ctx: AppContext,
  intervalMs: number,
  work: () => Promise<unknown>,
): () => Promise<void> {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = work()
      .then(() => undefined)
      .catch((error) => ctx.log.error({ err: error }, 'periodic case work failed'))
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
