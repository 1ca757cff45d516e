import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../identity/index.ts';
import type { CaseActionTable, CasesTable } from '../tables.ts';

export type CaseRow = Selectable<CasesTable>;
export type ActionRow = Selectable<CaseActionTable>;
type Trx = Kysely<DB>;

/** Read a case by id, or by its readable number. */
export async function findCase(db: Trx, idOrNumber: string | number): Promise<CaseRow | undefined> {
  const byNumber = typeof idOrNumber === 'string' && !/^\d+$/.test(idOrNumber);
  const query = db.selectFrom('cases').selectAll();
  const row = byNumber
    ? await query.where('number', '=', idOrNumber as string).executeTakeFirst()
    : await query.where('id', '=', Number(idOrNumber)).executeTakeFirst();
  return row && normaliseCase(row);
}

/** Lock a case row for the rest of the transaction (select … for update). */
export async function lockCase(trx: Trx, id: number): Promise<CaseRow | undefined> {
  const row = await trx.selectFrom('cases').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  return row && normaliseCase(row);
}

/** Numbers come back as numbers whatever the driver does with bigint. */
export function normaliseCase(row: CaseRow): CaseRow {
  return {
    ...row,
    id: Number(row.id),
    current_unit_id: row.current_unit_id === null ? null : Number(row.current_unit_id),
    centre_unit_id: row.centre_unit_id === null ? null : Number(row.centre_unit_id),
    handler_unit_id: row.handler_unit_id === null ? null : Number(row.handler_unit_id),
    handler_user_id: row.handler_user_id === null ? null : Number(row.handler_user_id),
    reporter_person_id: row.reporter_person_id === null ? null : Number(row.reporter_person_id),
    reporter_user_id: row.reporter_user_id === null ? null : Number(row.reporter_user_id),
    merged_into: row.merged_into === null ? null : Number(row.merged_into),
    duplicate_of: row.duplicate_of === null ? null : Number(row.duplicate_of),
    step_shift_ms: Number(row.step_shift_ms ?? 0),
    version: Number(row.version),
  };
}

export interface NewAction {
  action: string;
  actor: Actor | null;
  actorUnitId?: number | null;
  /** The capacity (or 'system') that allowed the action. */
  actorRole?: string | null;
  fromStatus: string | null;
  toStatus: string;
  payload?: Record<string, unknown>;
  clientId?: string | null;
  at?: Date;
}

/** Append one row to a case's history (the case row must be locked or new in this transaction). */
export async function appendAction(trx: Trx, row: CaseRow, a: NewAction): Promise<ActionRow> {
  // one statement: the next seq of the case's history, the row, and its client id
  const r = await sql<Selectable<CaseActionTable>>`
    with added as (
      insert into case_action (city_code, district_code, case_id, seq, action, actor_user_id, actor_unit_id,
        actor_role, from_status, to_status, payload, client_id, at)
      select ${row.city_code}, ${row.district_code}, ${row.id}::bigint,
        coalesce((select max(seq) from case_action where case_id = ${row.id}::bigint), 0) + 1,
        ${a.action}, ${a.actor?.userId ?? null}::bigint, ${a.actorUnitId ?? null}::bigint, ${a.actorRole ?? null},
        ${a.fromStatus}, ${a.toStatus}, ${JSON.stringify(a.payload ?? {})}::jsonb, ${a.clientId ?? null},
        coalesce(${a.at ?? null}::timestamptz, now())
      returning *
    ), client as (
      insert into case_action_client (case_id, client_id, action_id)
      select case_id, client_id, id from added where client_id is not null
    )
    select * from added`.execute(trx);
  const inserted = r.rows[0] as Selectable<CaseActionTable>;
  return { ...inserted, id: Number(inserted.id) };
}

/**
 * Record a system action that does not change the case's state (automatic supervision, a card,
 * a duplicate link) in the caller's transaction: locks the case, appends the history row, bumps
 * the version. For other parts of the cases module (the sweeper, duplicates). Returns undefined
 * when the case does not exist.
 */
export async function recordCaseAction(
  trx: Trx,
  caseId: number,
  action: {
    action: string;
    payload?: Record<string, unknown>;
    actor?: Actor | null;
    actorUnitId?: number | null;
    at?: Date;
  },
): Promise<ActionRow | undefined> {
  const row = await lockCase(trx, caseId);
  if (!row) return undefined;
  const inserted = await appendAction(trx, row, {
    action: action.action,
    actor: action.actor ?? null,
    actorUnitId: action.actorUnitId ?? null,
    actorRole: action.actor ? null : 'system',
    fromStatus: row.status,
    toStatus: row.status,
    payload: action.payload ?? {},
    ...(action.at ? { at: action.at } : {}),
  });
  await trx
    .updateTable('cases')
    .set({ version: row.version + 1, updated_at: new Date() })
    .where('id', '=', caseId)
    .where('city_code', '=', row.city_code)
    .execute();
  return inserted;
}
