import type { CaseAction, CaseState } from '../../cases/index.ts';

/** The shapes a generated case's walk takes (the walk itself is case-walk.ts). */

/** Who holds a case, abstractly; the loader maps it to the grid's real units. */
export type Holder = 'community' | 'street' | 'district' | 'department';

export interface Intake {
  kind: string;
  channel: string;
  reportedAt: number;
  /** Step limits in hours (calendar hours in the generator). */
  limits: { accept: number; handle: number; verify: number };
  hasReporter: boolean;
  /** An earlier open case of the same grid and category, if any (a duplicate may be merged into it). */
  duplicateOf: number | null;
  now: number;
}

export interface WalkedAction {
  action: 'report' | CaseAction;
  from: CaseState | null;
  to: CaseState;
  at: number;
  role: string;
  holder: Holder;
  payload: string;
}

export interface WalkedSummons {
  summonedAt: number;
  reportInDueAt: number;
  reportedInAt: number | null;
  doneAt: number | null;
  rating: number | null;
}

export interface WalkedCase {
  actions: WalkedAction[];
  status: CaseState;
  holder: Holder;
  level: 'community' | 'street' | 'district';
  card: 'none' | 'yellow' | 'red';
  step: 'accept' | 'handle' | 'verify' | null;
  stepStartedAt: number | null;
  warnAt: number | null;
  dueAt: number | null;
  acceptedAt: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
  rating: 'satisfied' | 'basically_satisfied' | 'unsatisfied' | null;
  /** Every rating given (cases.ratings_*): a reopening clears `rating`, never these. */
  ratingsGiven: { satisfied: number; basically_satisfied: number; unsatisfied: number };
  mergedInto: number | null;
  /** The state a suspended case returns to (cases.status_before_suspend). */
  beforeSuspend: CaseState | null;
  summons: WalkedSummons[];
}
