import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../identity/index.ts';
import { recordCaseAction } from '../workflow/case-history.ts';

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
  /** Null for the system itself (the sweeper). */
  actor?: Actor | null;
  actorUnitId?: number | null;
  payload?: Record<string, unknown>;
  at: Date;
}

/**
 * Append a history row for an action outside the user workflow table (supervision and its
 * reply, key-case marking): the state does not change, the version goes up. Goes through the
 * cases module's recordCaseAction, inside the caller's transaction.
 */
export async function appendCaseAction(trx: Transaction<DB>, ref: CaseRef, a: SystemAction): Promise<number> {
  const row = await recordCaseAction(trx, ref.id, {
    action: a.action,
    actor: a.actor ?? null,
    actorUnitId: a.actorUnitId ?? null,
    payload: a.payload ?? {},
    at: a.at,
  });
  if (!row) throw new Error(`case ${ref.id} vanished while recording ${a.action}`);
  return Number(row.id);
}
