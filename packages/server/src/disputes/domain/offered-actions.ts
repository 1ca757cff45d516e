import {
  allowedActions,
  type MediationAction,
  type MediationRole,
  type MediationState,
} from './mediation-machine.ts';
import { LIMITS } from './time-limits.ts';

/**
 * What the dispute page offers an actor now: the mediation table's actions for their capacities
 * in this state, less those the dispute's facts already rule out (the same rules the actions
 * check when taken: no second follow-up, no extension past the limit, no judicial application
 * before the agreement is effective or after its 30 days, …). Pure.
 */
export interface OfferFacts {
  /** Extension days already used in this mediation. */
  extendedDays: number;
  followUpDone: boolean;
  sessions: number;
  /** Sessions whose record waits for a confirmation of a party who attended. */
  recordsToConfirm: number;
  agreement: 'none' | 'draft' | 'effective';
  /** Judicial confirmation: not applied (or refused, so it may be applied again), waiting, answered. */
  judicial: 'none' | 'waiting' | 'answered';
  /** Within the 30 days after the agreement took effect. */
  judicialOpen: boolean;
}

const RULED_OUT: Partial<Record<MediationAction, (f: OfferFacts) => boolean>> = {
  extend: (f) => f.extendedDays >= LIMITS.maxExtensionDays,
  record_session: (f) => f.sessions === 0,
  confirm_record: (f) => f.recordsToConfirm === 0,
  confirm_agreement: (f) => f.agreement !== 'draft',
  perform: (f) => f.agreement !== 'effective',
  judicial_apply: (f) => f.agreement !== 'effective' || f.judicial !== 'none' || !f.judicialOpen,
  judicial_answer: (f) => f.judicial !== 'waiting',
  follow_up: (f) => f.followUpDone,
};

export function offeredActions(
  state: MediationState,
  roles: readonly MediationRole[],
  facts: OfferFacts,
): MediationAction[] {
  return allowedActions(state, roles).filter((a) => !RULED_OUT[a]?.(facts));
}
