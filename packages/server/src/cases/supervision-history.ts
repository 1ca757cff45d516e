import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

/** The identifying columns of a case row, enough to address its partition and history. */
export interface CaseRef {
  id: number;
  city_code: string;
  district_code: string;
  reported_at: Date;
  status: string;
}

export interface SystemAction {
  action: string;
  actorUserId?: number | null;
  actorUnitId?: number | null;
  actorRole?: string | null;
  payload?: Record<string, unknown>;
  at: Date;
}

/**
 * Append a history row for an action outside the user workflow table (supervision, key-case
 * marking, cards): the state does not change. Bumps the case's version, so a client holding
 * the old version learns that the case moved on. Call inside the transaction that holds the
 * case row lock.
 */
export async function appendCaseAction(trx: Transaction<DB>, ref: CaseRef, a: SystemAction): Promise<number> {
  const last = await trx
    .selectFrom('case_action')
    .select(sql<number>`coalesce(max(seq), 0)`.as('seq'))
    .where('case_id', '=', ref.id)
    .executeTakeFirstOrThrow();
  const row = await trx
    .insertInto('case_action')
    .values({
      city_code: ref.city_code,
      district_code: ref.district_code,
      case_id: ref.id,
      seq: Number(last.seq) + 1,
      action: a.action,
      actor_user_id: a.actorUserId ?? null,
      actor_unit_id: a.actorUnitId ?? null,
      actor_role: a.actorRole ?? null,
      from_status: ref.status,
      to_status: ref.status,
      payload: JSON.stringify(a.payload ?? {}),
      at: sql`${a.at}`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('cases')
    .set({ version: sql`version + 1`, updated_at: sql`${a.at}` })
    .where('city_code', '=', ref.city_code)
    .where('id', '=', ref.id)
    .where(sql<boolean>`reported_at = ${ref.reported_at}`)
    .execute();
  return row.id;
}
