import { type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { CaseActionTable, CasesTable } from '../tables.ts';

type Trx = Kysely<DB>;

/**
 * The one writer's path for an action that leaves the case's state as it is (supervision and its
 * reply, key-case marking, a card, a party's confirmation): one statement moves the version on
 * only while the case is still at the version read and appends the history row from the row it
 * updated (its status as from/to, the next seq). No lock is taken first: a case that moved since
 * it was read is not written (undefined), and the caller decides again from a fresh read.
 */
export interface SystemActionRow {
  action: string;
  actorUserId: number | null;
  actorUnitId: number | null;
  /** The capacity (or 'system') that allowed the action. */
  actorRole: string | null;
  payload: Record<string, unknown>;
  clientId?: string | null;
  at: Date;
  /** Columns of the case the action sets besides its version (e.g. `is_key`), none of the fold's. */
  set?: Updateable<CasesTable>;
}

export async function writeSystemAction(
  trx: Trx,
  ref: { id: number; city_code: string; version: number },
  a: SystemActionRow,
): Promise<Selectable<CaseActionTable> | undefined> {
  const update = trx
    .updateTable('cases')
    .set({ ...a.set, version: sql`version + 1`, updated_at: a.at })
    .where('id', '=', ref.id)
    .where('city_code', '=', ref.city_code)
    .where('version', '=', ref.version)
    .returning(['id', 'city_code', 'district_code', 'status']);
  const r = await sql<Selectable<CaseActionTable>>`
    with upd as (${update}), added as (
      insert into case_action (city_code, district_code, case_id, seq, action, actor_user_id, actor_unit_id,
        actor_role, from_status, to_status, payload, client_id, at)
      select upd.city_code, upd.district_code, upd.id,
        coalesce((select max(seq) from case_action where case_id = ${ref.id}::bigint), 0) + 1,
        ${a.action}, ${a.actorUserId}::bigint, ${a.actorUnitId}::bigint, ${a.actorRole},
        upd.status, upd.status, ${JSON.stringify(a.payload)}::jsonb, ${a.clientId ?? null}, ${a.at}::timestamptz
      from upd
      returning *
    ), client as (
      insert into case_action_client (case_id, client_id, action_id)
      select case_id, client_id, id from added where client_id is not null
    )
    select * from added`.execute(trx);
  const row = r.rows[0];
  return row && { ...row, id: Number(row.id) };
}

/** A case moved on since it was read: the caller's transaction rolls back and decides again. */
export class CaseMoved extends Error {
  constructor(readonly caseId: number) {
    super(`case ${caseId} changed while it was being written`);
  }
}

/** Run a transaction that reads a case and writes through the one writer; again while the case moves (a few times). */
export async function retryWhileMoving<T>(run: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (e) {
      if (!(e instanceof CaseMoved) || i >= attempts) throw e;
    }
  }
}
