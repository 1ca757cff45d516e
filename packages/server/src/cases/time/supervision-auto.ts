import { sql, type Transaction } from 'kysely';
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

/**
 * Automatic supervision (督办) of overdue cases, by the sweeper inside its transaction (the rows
 * are locked and their version already bumped): a supervision row each with a reply due in one
 * working day, a 'supervise' history row each, red-card notifications to the responsible unit,
 * the unit above it and the coordinating centre, and webhook events. A few statements for the
 * whole batch, whatever its size.
 */
export async function superviseOverdueBatch(
  trx: Transaction<DB>,
  ctx: AppContext,
  cases: OverdueCase[],
  now: Date,
): Promise<void> {
  if (cases.length === 0) return;
  const replyDueAt = addWorkingTime(ctx.services.calendar.current(), now, AUTO_REPLY_MS);
  const supervisions = await trx
    .insertInto('case_supervision')
    .values(
      cases.map((c) => ({
        city_code: c.city_code,
        case_id: c.id,
        kind: 'auto' as const,
        step: c.step,
        reason: `overdue: step ${c.step ?? 'unknown'}`,
        target_unit_id: c.current_unit_id,
        reply_due_at: replyDueAt,
        created_at: now,
      })),
    )
    .returning(['id', 'case_id'])
    .execute();
  const supervisionOf = new Map(supervisions.map((s) => [Number(s.case_id), Number(s.id)]));

  const history = cases.map(
    (c) =>
      sql`(${c.id}::bigint, ${c.city_code}::text, ${c.district_code}::text, ${c.status}::text, ${JSON.stringify(
        {
          kind: 'auto',
          supervisionId: supervisionOf.get(c.id),
          step: c.step,
          card: 'red',
        },
      )}::jsonb)`,
  );
  await sql`
    insert into case_action (city_code, district_code, case_id, seq, action, actor_role, from_status, to_status, payload, at)
    select v.city_code, v.district_code, v.id,
           coalesce((select max(a.seq) from case_action a where a.case_id = v.id), 0) + 1,
           'supervise', 'system', v.status, v.status, v.payload, ${now}
    from (values ${sql.join(history)}) as v (id, city_code, district_code, status, payload)
  `.execute(trx);

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
