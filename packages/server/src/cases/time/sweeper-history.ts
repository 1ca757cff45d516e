import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** What the sweeper decided for one claimed case. */
export interface SweepWrite {
  id: number;
  city_code: string;
  reported_at: Date;
  /** The version the sweeper read the case at: a case that moved since is left for the next sweep. */
  version: number;
  card: string;
  warnAt: Date | null;
  /** The history row the card adds (yellow: the warning; red: the automatic supervision), if any. */
  history: { action: 'yellow_card' | 'supervise'; payload: Record<string, unknown> } | null;
  /** A red card's automatic supervision row (its id goes into the history row's payload). */
  supervision: { step: string | null; targetUnitId: number | null } | null;
}

/**
 * The sweep's writes through the one writer, in one statement for the batch: the card and the next
 * threshold of each case still at the version read (a card's history row moves the version on),
 * the automatic supervision rows of the red ones, and the history rows from the rows updated
 * (their status as from/to, the next seq). Answers the cases written, with their supervision's id.
 */
export async function writeSweep(
  trx: Transaction<DB>,
  writes: readonly SweepWrite[],
  replyDueAt: Date,
  now: Date,
): Promise<Map<number, number | null>> {
  if (writes.length === 0) return new Map();
  const values = writes.map(
    (w) =>
      sql`(${w.id}::bigint, ${w.city_code}::text, ${w.reported_at}::timestamptz, ${w.version}::int, ${w.card}::text,
        ${w.warnAt}::timestamptz, ${w.history?.action ?? null}::text, ${JSON.stringify(w.history?.payload ?? {})}::jsonb,
        ${w.supervision !== null}::boolean, ${w.supervision?.step ?? null}::text, ${w.supervision?.targetUnitId ?? null}::bigint)`,
  );
  const r = await sql<{ id: number; supervision_id: number | null }>`
    with v (id, city_code, reported_at, version, card, warn_at, action, payload, supervise, step, target_unit_id) as (
      values ${sql.join(values)}
    ), upd as (
      update cases c set card = v.card, warn_at = v.warn_at,
        version = c.version + (case when v.action is null then 0 else 1 end)
      from v
      where c.id = v.id and c.city_code = v.city_code and c.reported_at = v.reported_at and c.version = v.version
      returning c.id, c.city_code, c.district_code, c.status
    ), sup as (
      insert into case_supervision (city_code, case_id, kind, step, reason, target_unit_id, reply_due_at, created_at)
      select upd.city_code, upd.id, 'auto', v.step, 'overdue: step ' || coalesce(v.step, 'unknown'),
             v.target_unit_id, ${replyDueAt}::timestamptz, ${now}::timestamptz
      from upd join v on v.id = upd.id
      where v.supervise
      returning id, case_id
    ), added as (
      insert into case_action (city_code, district_code, case_id, seq, action, actor_role, from_status, to_status, payload, at)
      select upd.city_code, upd.district_code, upd.id,
             coalesce((select max(a.seq) from case_action a where a.case_id = upd.id), 0) + 1,
             v.action, 'system', upd.status, upd.status,
             case when sup.id is null then v.payload else v.payload || jsonb_build_object('supervisionId', sup.id) end,
             ${now}::timestamptz
      from upd join v on v.id = upd.id left join sup on sup.case_id = upd.id
      where v.action is not null
      returning case_id
    )
    select upd.id, sup.id as supervision_id from upd left join sup on sup.case_id = upd.id`.execute(trx);
  return new Map(
    r.rows.map((row) => [Number(row.id), row.supervision_id === null ? null : Number(row.supervision_id)]),
  );
}
