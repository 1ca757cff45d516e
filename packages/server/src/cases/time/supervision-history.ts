import type { Transaction, Updateable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../identity/index.ts';
import type { CasesTable } from '../tables.ts';
import { recordCaseAction } from '../workflow/case-history.ts';

/** The identifying columns of a case row, enough to address its partition and history. */
export interface CaseRef {
  id: number;
  city_code: string;
  district_code: string;
  reported_at: Date;
  status: string;
  /** The version the case was read at: a case that moved since throws CaseMoved. */
  version: number;
}

export interface SystemAction {
  action: string;
  /** Null for the system itself (the sweeper). */
  actor?: Actor | null;
  actorUnitId?: number | null;
  payload?: Record<string, unknown>;
  at: Date;
  /** Columns of the case besides its version (e.g. `is_key`). */
  set?: Updateable<CasesTable>;
}

/**
 * Append a history row for an action outside the user workflow table (supervision and its
 * reply, key-case marking): the state does not change, the version goes up. Goes through the
 * one writer (recordCaseAction), inside the caller's transaction, and only while the case is
 * still at the version read (else CaseMoved: run the transaction again with retryWhileMoving).
 */
export async function appendCaseAction(trx: Transaction<DB>, ref: CaseRef, a: SystemAction): Promise<number> {
  const row = await recordCaseAction(trx, ref.id, {
    action: a.action,
    actor: a.actor ?? null,
    actorUnitId: a.actorUnitId ?? null,
    payload: a.payload ?? {},
    at: a.at,
    version: ref.version,
    ...(a.set ? { set: a.set } : {}),
  });
  if (!row) throw new Error(`case ${ref.id} vanished while recording ${a.action}`);
  return Number(row.id);
}
