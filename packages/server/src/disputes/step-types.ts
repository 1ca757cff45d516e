import type { Kysely } from 'kysely';
import type { AppContext } from '../context.ts';
import type { DB } from '../db/schema.ts';
import type { Actor } from '../identity/index.ts';
import type { DisputeRow } from './rows.ts';

/** What a mediation action's effect works on: the locked dispute and its next state, in one transaction. */
export interface Step {
  trx: Kysely<DB>;
  ctx: AppContext;
  actor: Actor;
  row: DisputeRow;
  next: DisputeRow;
  now: Date;
}
