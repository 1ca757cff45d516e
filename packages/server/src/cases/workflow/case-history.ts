import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../identity/index.ts';
import type { CaseActionTable, CasesTable } from '../tables.ts';
import { CaseMoved, type SystemActionRow, writeSystemAction } from './system-writer.ts';

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

/**
 * Record an action that does not change the case's state (supervision, a key-case mark, a
 * duplicate link, a party's confirmation) in the caller's transaction, through the one writer
 * (workflow/system-writer.ts): one statement appends the history row and moves the version on
 * while the case is at the version read. With `version` (what the caller decided from), a case
 * that moved throws CaseMoved (the caller's transaction rolls back and runs again, see
 * retryWhileMoving); without it the case is read afresh until the write holds. Returns undefined
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
    /** The version the caller read the case at. */
    version?: number;
    /** Columns besides the version (e.g. `is_key`). */
    set?: SystemActionRow['set'];
  },
): Promise<ActionRow | undefined> {
  for (let attempt = 1; attempt <= 10; attempt++) {
    const row = await findCase(trx, caseId);
    if (!row) return undefined;
    if (action.version !== undefined && row.version !== action.version) throw new CaseMoved(caseId);
    const written = await writeSystemAction(trx, row, {
      action: action.action,
      actorUserId: action.actor?.userId ?? null,
      actorUnitId: action.actorUnitId ?? null,
      actorRole: action.actor ? null : 'system',
      payload: action.payload ?? {},
      at: action.at ?? new Date(),
      ...(action.set ? { set: action.set } : {}),
    });
    if (written) return written;
    if (action.version !== undefined) throw new CaseMoved(caseId);
  }
  throw new CaseMoved(caseId);
}
