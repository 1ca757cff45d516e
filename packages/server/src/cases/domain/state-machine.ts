/**
 * The case workflow as a pure table: for every action, the states it may be taken in, the state
 * it leads to, and the capacities (the actor's relation to the case) that may take it.
 *
 *   report → accept (or reject) → dispatch → start → resolve → verify → close → rate → (reopen)
 *
 * Capacities are computed per case by the service (see capacities.ts); this file has no I/O.
 */

export const CASE_STATES = [
  'reported', // waiting for the current centre to accept (step: accept)
  'accepted', // accepted by a centre: to dispatch, handle itself, summon or escalate (step: handle)
  'dispatched', // handed to a unit that has not started yet (step: handle)
  'handling', // being handled (step: handle)
  'resolved', // handler reports a result; waiting for verification (step: verify)
  'closed',
  'rejected',
  'withdrawn',
  'suspended', // clock stopped; resume returns to the state before
  'merged', // closed as a duplicate of another case
] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** States in which nothing more is expected of staff (Open311 "closed"). */
export const CLOSED_STATES: readonly CaseState[] = ['closed', 'rejected', 'withdrawn', 'merged'];
export const isClosedState = (s: string): boolean => (CLOSED_STATES as readonly string[]).includes(s);

export const CAPACITIES = [
  'reporter', // the person (resident or staff) who reported the case
  'grid_worker', // a grid worker or grid head of the case's grid
  'centre', // an operator of the current unit, when that unit is a governance centre
  'assignee', // staff of the current unit (a department, or a centre handling the case itself)
  'coordinator', // an operator of the centre that accepted the case and verifies it
  'summoned', // staff of a department summoned to the case whose summons is still open
  'leader', // a leader with the case in scope
  'admin', // an administrator with the case in scope
  'observer', // anyone else who may read the case
] as const;
export type Capacity = (typeof CAPACITIES)[number];

export const CASE_ACTIONS = [
  'accept',
  'reject',
  'withdraw',
  'handle_on_spot',
  'dispatch',
  'recall',
  'start',
  'return',
  'escalate',
  'summon',
  'summons_report_in',
  'summons_done',
  'rate_summons',
  'resolve',
  'verify_pass',
  'verify_fail',
  'close',
  'rate',
  'reopen',
  'copy_notify',
  'note',
  'attach',
  'suspend',
  'resume',
  'request_extension',
  'approve_extension',
  'deny_extension',
  'merge',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** 'same' keeps the state; 'previous' returns to the state before suspension. */
type Target = CaseState | 'same' | 'previous';

interface Rule {
  from: readonly CaseState[];
  to: Target;
  by: readonly Capacity[];
}

const OPEN: readonly CaseState[] = ['reported', 'accepted', 'dispatched', 'handling'];
const LIVE: readonly CaseState[] = [...OPEN, 'resolved', 'suspended'];
const HANDLING: readonly CaseState[] = ['dispatched', 'handling'];
const STAFF_ON_CASE: readonly Capacity[] = ['centre', 'assignee', 'coordinator'];

export const WORKFLOW: Readonly<Record<CaseAction, Rule>> = {
  accept: { from: ['reported'], to: 'accepted', by: ['centre'] },
  reject: { from: ['reported'], to: 'rejected', by: ['centre'] },
  withdraw: { from: ['reported'], to: 'withdrawn', by: ['reporter'] },
  handle_on_spot: { from: ['reported'], to: 'closed', by: ['grid_worker'] },
  dispatch: { from: ['accepted', 'dispatched'], to: 'dispatched', by: ['centre'] },
  /** The coordinating centre takes back (收回) a case its unit has not started, to dispatch it again. */
  recall: { from: ['dispatched'], to: 'accepted', by: ['coordinator'] },
  start: { from: ['accepted', 'dispatched'], to: 'handling', by: ['assignee'] },
  return: { from: ['reported', 'dispatched', 'handling'], to: 'accepted', by: ['assignee'] },
  escalate: { from: ['reported', 'accepted', 'handling'], to: 'reported', by: ['centre'] },
  summon: { from: ['accepted', 'handling'], to: 'handling', by: ['centre'] },
  summons_report_in: { from: ['handling'], to: 'same', by: ['summoned'] },
  summons_done: { from: ['handling'], to: 'same', by: ['summoned'] },
  rate_summons: { from: ['handling', 'resolved', 'closed'], to: 'same', by: ['centre', 'coordinator'] },
  resolve: { from: ['handling'], to: 'resolved', by: ['assignee'] },
  verify_pass: { from: ['resolved'], to: 'closed', by: ['coordinator', 'grid_worker'] },
  verify_fail: { from: ['resolved'], to: 'handling', by: ['coordinator', 'grid_worker'] },
  close: { from: ['accepted', 'resolved'], to: 'closed', by: ['centre', 'coordinator'] },
  rate: { from: ['closed'], to: 'same', by: ['reporter'] },
  reopen: { from: ['closed'], to: 'accepted', by: ['reporter', 'coordinator'] },
  copy_notify: { from: LIVE, to: 'same', by: STAFF_ON_CASE },
  note: {
    from: CASE_STATES,
    to: 'same',
    by: ['reporter', 'grid_worker', 'centre', 'assignee', 'coordinator', 'summoned', 'leader', 'admin'],
  },
  attach: {
    from: LIVE,
    to: 'same',
    by: ['reporter', 'grid_worker', 'centre', 'assignee', 'coordinator', 'summoned'],
  },
  suspend: { from: ['accepted', ...HANDLING], to: 'suspended', by: ['coordinator'] },
  resume: { from: ['suspended'], to: 'previous', by: ['coordinator'] },
  request_extension: { from: HANDLING, to: 'same', by: ['assignee'] },
  approve_extension: { from: HANDLING, to: 'same', by: ['coordinator', 'leader'] },
  deny_extension: { from: HANDLING, to: 'same', by: ['coordinator', 'leader'] },
  merge: { from: OPEN, to: 'merged', by: ['centre', 'coordinator', 'admin'] },
};

export type Decision =
  | { ok: true; to: CaseState }
  | { ok: false; reason: 'state' | 'capacity'; allowedActions: CaseAction[] };

export function isCaseAction(a: string): a is CaseAction {
  return (CASE_ACTIONS as readonly string[]).includes(a);
}
export function isCaseState(s: string): s is CaseState {
  return (CASE_STATES as readonly string[]).includes(s);
}

/** The actions these capacities may take in this state, in table order. */
export function allowedActions(state: CaseState, capacities: Iterable<Capacity>): CaseAction[] {
  const caps = new Set(capacities);
  return CASE_ACTIONS.filter((a) => {
    const rule = WORKFLOW[a];
    return rule.from.includes(state) && rule.by.some((c) => caps.has(c));
  });
}

/**
 * May an actor with these capacities take this action in this state, and where does it lead?
 * `previous` is the state a suspended case returns to. A refusal says whether the state
 * (409: nobody may do it now) or the capacity (403: somebody else may) is the reason.
 */
export function decide(
  state: CaseState,
  action: CaseAction,
  capacities: Iterable<Capacity>,
  previous: CaseState | null = null,
): Decision {
  const caps = [...capacities];
  const decision = decideByRule(WORKFLOW[action], state, caps, previous);
  return decision.ok ? decision : { ...decision, allowedActions: allowedActions(state, caps) };
}

/** `decide` for any row of an action table (the core WORKFLOW or a registered kind's actions). */
export function decideByRule(
  rule: { from: readonly CaseState[]; to: CaseState | 'same' | 'previous'; by: readonly Capacity[] },
  state: CaseState,
  capacities: readonly Capacity[],
  previous: CaseState | null = null,
): { ok: true; to: CaseState } | { ok: false; reason: 'state' | 'capacity' } {
  if (!rule.from.includes(state)) return { ok: false, reason: 'state' };
  if (!rule.by.some((c) => capacities.includes(c))) return { ok: false, reason: 'capacity' };
  if (rule.to === 'same') return { ok: true, to: state };
  if (rule.to === 'previous')
    return { ok: true, to: previous && previous !== 'suspended' ? previous : 'handling' };
  return { ok: true, to: rule.to };
}

/** The step whose deadline runs in a state (none while suspended or finished). */
export function stepOf(state: CaseState): 'accept' | 'handle' | 'verify' | null {
  if (state === 'reported') return 'accept';
  if (state === 'accepted' || state === 'dispatched' || state === 'handling') return 'handle';
  if (state === 'resolved') return 'verify';
  return null;
}
