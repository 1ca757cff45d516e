import { type Selectable, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../identity/index.ts';
import type { CaseWrite, Reduced } from '../domain/reducer-types.ts';
import { recordMerge } from '../intake/duplicates-service.ts';
import type { CasesTable } from '../tables.ts';
import { type CaseRow, normaliseCase } from './case-history.ts';

type Trx = Transaction<DB>;

/** Who acted, for the history row. */
export interface Acting {
  actor: Actor;
  actorUnitId: number | null;
  actorRole: string | null;
  clientId: string;
}

/**
 * Write the reducer's next state of a case and its history row in one statement: the update
 * holds only while the case is still at the version it was read at (else nothing is written and
 * undefined comes back: the caller starts again from a fresh read). Returns the row as written.
 */
export async function writeCaseAndHistory(
  trx: Trx,
  row: CaseRow,
  reduced: Reduced,
  who: Acting,
): Promise<{ after: CaseRow; actionId: number } | undefined> {
  const h = reduced.history;
  const update = trx
    .updateTable('cases')
    .set(reduced.set)
    .where('id', '=', row.id)
    .where('city_code', '=', row.city_code)
    .where('version', '=', row.version)
    .returningAll();
  const r = await sql<Selectable<CasesTable> & { action_id: number }>`
    with upd as (${update}), added as (
      insert into case_action (city_code, district_code, case_id, seq, action, actor_user_id, actor_unit_id,
        actor_role, from_status, to_status, payload, client_id, at)
      select upd.city_code, ${row.district_code}, upd.id,
        coalesce((select max(seq) from case_action where case_id = ${row.id}::bigint), 0) + 1,
        ${h.action}, ${who.actor.userId ?? null}::bigint, ${who.actorUnitId}::bigint, ${who.actorRole},
        ${h.fromStatus}, ${h.toStatus}, ${JSON.stringify(h.payload)}::jsonb, ${who.clientId}, ${h.at}::timestamptz
      from upd
      returning id, case_id, client_id
    ), client as (
      insert into case_action_client (case_id, client_id, action_id)
      select case_id, client_id, id from added where client_id is not null
    )
    select upd.*, added.id as action_id from upd cross join added`.execute(trx);
  const written = r.rows[0];
  if (!written) return undefined;
  const { action_id, ...after } = written;
  return { after: normaliseCase(after as CaseRow), actionId: Number(action_id) };
}

/** The rows besides the case and its history that the reducer decided to write. */
export async function executeWrites(trx: Trx, row: CaseRow, writes: readonly CaseWrite[]): Promise<void> {
  const at = { city_code: row.city_code, case_id: row.id };
  for (const w of writes) {
    switch (w.kind) {
      case 'summons.insert':
        if (w.rows.length)
          await trx
            .insertInto('case_summons')
            .values(
              w.rows.map((s) => ({
                ...at,
                unit_id: s.unitId,
                summoned_by_unit_id: s.summonedByUnitId,
                summoned_at: s.summonedAt,
                report_in_due_at: s.reportInDueAt,
              })),
            )
            .execute();
        break;
      case 'summons.report':
        await trx
          .updateTable('case_summons')
          .set((eb) => ({
            reported_in_at: eb.fn.coalesce('reported_in_at', eb.val(w.at)),
            ...(w.done !== null ? { done_at: w.at, done_note: w.done } : {}),
          }))
          .where('id', 'in', w.ids)
          .execute();
        break;
      case 'summons.rate':
        await trx
          .updateTable('case_summons')
          .set({ rating: w.rating, rating_comment: w.comment, rated_at: w.at })
          .where('id', '=', w.id)
          .execute();
        break;
      case 'copy.insert':
        if (w.unitIds.length)
          await trx
            .insertInto('case_copy')
            .values(w.unitIds.map((u) => ({ ...at, unit_id: u, by_unit_id: w.byUnitId, note: w.note })))
            .execute();
        break;
      case 'attachment.insert':
        await trx
          .insertInto('case_attachment')
          .values(
            w.files.map((u) => ({
              ...at,
              sha256: u.sha256,
              media_type: u.mediaType,
              size_bytes: u.sizeBytes,
              file_name: u.fileName,
              uploaded_by: w.byUserId,
            })),
          )
          .execute();
        break;
      case 'merge.record':
        await recordMerge(trx, row, w.into, w.byUserId);
        break;
    }
  }
}
