// What an action's effect takes and gives, below the files that compute effects
// (action-effects, summons-effects).
import type { Transaction, Updateable } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../identity/index.ts';
import type { TimeLimits } from '../domain/deadlines.ts';
import type { CaseAction, CaseState } from '../domain/state-machine.ts';
import type { CasesTable } from '../tables.ts';
import type { Prepared } from './action-prepare.ts';
import type { CaseRow } from './case-history.ts';

type Trx = Transaction<DB>;
export type CaseChanges = Updateable<CasesTable>;

export interface EffectInput {
  ctx: AppContext;
  trx: Trx;
  actor: Actor;
  row: CaseRow;
  action: CaseAction;
  payload: Record<string, unknown>;
  prepared: Prepared;
  to: CaseState;
  limits: TimeLimits | null;
  now: Date;
  /** The unit the actor acts for on this action (history's actor_unit_id). */
  actorUnitId: number | null;
}

export interface Effect {
  set: CaseChanges;
  /** Extra facts for the history row's payload (target unit names, …). */
  detail?: Record<string, unknown>;
  /** Units concerned (for the event's scope), beyond current and coordinating. */
  relatedUnitIds?: number[];
}
