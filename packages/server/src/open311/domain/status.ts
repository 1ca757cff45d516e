import { type CaseAction, type CaseState, isClosedState } from '../../cases/index.ts';
import type { PublicStatus } from './requests-query.ts';

/** GeoReport `status`: closed exactly for the cases module's closed states, open otherwise. */
export function publicStatus(state: string): PublicStatus {
  return isClosedState(state) ? 'closed' : 'open';
}

/** FixMyStreet's extended statuses of a service request update. */
export const FMS_STATUSES = [
  'OPEN',
  'INVESTIGATING',
  'IN_PROGRESS',
  'ACTION_SCHEDULED',
  'FIXED',
  'CLOSED',
  'DUPLICATE',
  'NOT_COUNCILS_RESPONSIBILITY',
  'NO_FURTHER_ACTION',
  'INTERNAL_REFERRAL',
  'REOPEN',
] as const;
export type FmsStatus = (typeof FMS_STATUSES)[number];

/** The extended status a case is in, by its internal state. */
export const FMS_STATUS_OF_STATE: Readonly<Record<CaseState, FmsStatus>> = {
  reported: 'OPEN',
  accepted: 'INVESTIGATING',
  dispatched: 'INTERNAL_REFERRAL',
  handling: 'IN_PROGRESS',
  resolved: 'ACTION_SCHEDULED',
  suspended: 'ACTION_SCHEDULED',
  closed: 'CLOSED',
  rejected: 'NOT_COUNCILS_RESPONSIBILITY',
  withdrawn: 'CLOSED',
  merged: 'DUPLICATE',
};

/**
 * The status an update reports: what the action did, where that says more than the state
 * (a fix, a reopening, a referral), else the state it left the case in.
 */
export function updateStatus(action: string, fromState: string | null, toState: string): FmsStatus {
  switch (action as CaseAction) {
    case 'handle_on_spot':
    case 'verify_pass':
      return 'FIXED';
    case 'close':
      return fromState === 'resolved' ? 'FIXED' : 'CLOSED';
    case 'reopen':
      return 'REOPEN';
    case 'merge':
      return 'DUPLICATE';
    case 'escalate':
    case 'return':
    case 'dispatch':
      return 'INTERNAL_REFERRAL';
    default:
      return FMS_STATUS_OF_STATE[toState as CaseState] ?? (isClosedState(toState) ? 'CLOSED' : 'OPEN');
  }
}

/**
 * What an update POSTed by a client asks of a case in a given state: the workflow action, or a
 * note when the status only restates where the case is (or asks nothing the workflow allows).
 */
export function actionForIncoming(status: FmsStatus | null, state: string): CaseAction {
  const closed = isClosedState(state);
  switch (status) {
    case 'REOPEN':
      return closed ? 'reopen' : 'note';
    case 'OPEN':
      return state === 'closed' ? 'reopen' : 'note';
    case 'INVESTIGATING':
      return state === 'reported' ? 'accept' : 'note';
    case 'IN_PROGRESS':
      return state === 'accepted' || state === 'dispatched' ? 'start' : 'note';
    case 'FIXED':
      return state === 'handling' ? 'resolve' : state === 'resolved' ? 'verify_pass' : 'note';
    case 'CLOSED':
      return state === 'accepted' || state === 'resolved' ? 'close' : 'note';
    case 'NOT_COUNCILS_RESPONSIBILITY':
    case 'NO_FURTHER_ACTION':
      return state === 'reported' ? 'reject' : 'note';
    default:
      return 'note';
  }
}
