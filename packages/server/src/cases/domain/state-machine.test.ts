import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  CAPACITIES,
  CASE_ACTIONS,
  CASE_STATES,
  type Capacity,
  type CaseAction,
  type CaseState,
  decide,
  isClosedState,
  stepOf,
} from './state-machine.ts';

/**
 * The workflow as a centre operator would describe it: in each state, what each capacity may do.
 * Written independently of the rule table (which is organised by action) so that a slip in either
 * shows up here. Everything not listed must be refused.
 */
const finished = (): Record<Capacity, CaseAction[]> => ({
  reporter: ['note'],
  grid_worker: ['note'],
  centre: ['note'],
  assignee: ['note'],
  coordinator: ['note'],
  summoned: ['note'],
  leader: ['note'],
  admin: ['note'],
  observer: [],
});

const EXPECTED: Record<CaseState, Record<Capacity, CaseAction[]>> = {
  reported: {
    reporter: ['withdraw', 'note', 'attach'],
    grid_worker: ['handle_on_spot', 'note', 'attach'],
    centre: ['accept', 'reject', 'escalate', 'copy_notify', 'note', 'attach', 'merge'],
    assignee: ['return', 'copy_notify', 'note', 'attach'],
    coordinator: ['copy_notify', 'note', 'attach', 'merge'],
    summoned: ['note', 'attach'],
    leader: ['note'],
    admin: ['note', 'merge'],
    observer: [],
  },
  accepted: {
    reporter: ['note', 'attach'],
    grid_worker: ['note', 'attach'],
    centre: ['dispatch', 'escalate', 'summon', 'close', 'copy_notify', 'note', 'attach', 'merge'],
    assignee: ['start', 'copy_notify', 'note', 'attach'],
    coordinator: ['close', 'copy_notify', 'note', 'attach', 'suspend', 'merge'],
    summoned: ['note', 'attach'],
    leader: ['note'],
    admin: ['note', 'merge'],
    observer: [],
  },
  dispatched: {
    reporter: ['note', 'attach'],
    grid_worker: ['note', 'attach'],
    centre: ['dispatch', 'copy_notify', 'note', 'attach', 'merge'],
    assignee: ['start', 'return', 'copy_notify', 'note', 'attach', 'request_extension'],
    coordinator: [
      'recall',
      'copy_notify',
      'note',
      'attach',
      'suspend',
      'approve_extension',
      'deny_extension',
      'merge',
    ],
    summoned: ['note', 'attach'],
    leader: ['note', 'approve_extension', 'deny_extension'],
    admin: ['note', 'merge'],
    observer: [],
  },
  handling: {
    reporter: ['note', 'attach'],
    grid_worker: ['note', 'attach'],
    centre: ['escalate', 'summon', 'rate_summons', 'copy_notify', 'note', 'attach', 'merge'],
    assignee: ['return', 'resolve', 'copy_notify', 'note', 'attach', 'request_extension'],
    coordinator: [
      'rate_summons',
      'copy_notify',
      'note',
      'attach',
      'suspend',
      'approve_extension',
      'deny_extension',
      'merge',
    ],
    summoned: ['summons_report_in', 'summons_done', 'note', 'attach'],
    leader: ['note', 'approve_extension', 'deny_extension'],
    admin: ['note', 'merge'],
    observer: [],
  },
  resolved: {
    reporter: ['note', 'attach'],
    grid_worker: ['verify_pass', 'verify_fail', 'note', 'attach'],
    centre: ['rate_summons', 'close', 'copy_notify', 'note', 'attach'],
    assignee: ['copy_notify', 'note', 'attach'],
    coordinator: ['rate_summons', 'verify_pass', 'verify_fail', 'close', 'copy_notify', 'note', 'attach'],
    summoned: ['note', 'attach'],
    leader: ['note'],
    admin: ['note'],
    observer: [],
  },
  closed: {
    ...finished(),
    reporter: ['rate', 'reopen', 'note'],
    centre: ['rate_summons', 'note'],
    coordinator: ['rate_summons', 'reopen', 'note'],
  },
  rejected: finished(),
  withdrawn: finished(),
  merged: finished(),
  suspended: {
    reporter: ['note', 'attach'],
    grid_worker: ['note', 'attach'],
    centre: ['copy_notify', 'note', 'attach'],
    assignee: ['copy_notify', 'note', 'attach'],
    coordinator: ['copy_notify', 'note', 'attach', 'resume'],
    summoned: ['note', 'attach'],
    leader: ['note'],
    admin: ['note'],
    observer: [],
  },
};

/** Where each state-changing action leads. */
const TARGETS: [CaseState, CaseAction, CaseState][] = [
  ['reported', 'accept', 'accepted'],
  ['reported', 'reject', 'rejected'],
  ['reported', 'withdraw', 'withdrawn'],
  ['reported', 'handle_on_spot', 'closed'],
  ['reported', 'escalate', 'reported'],
  ['reported', 'return', 'accepted'],
  ['accepted', 'dispatch', 'dispatched'],
  ['dispatched', 'dispatch', 'dispatched'],
  ['accepted', 'start', 'handling'],
  ['dispatched', 'start', 'handling'],
  ['dispatched', 'return', 'accepted'],
  ['dispatched', 'recall', 'accepted'],
  ['handling', 'return', 'accepted'],
  ['accepted', 'escalate', 'reported'],
  ['handling', 'escalate', 'reported'],
  ['accepted', 'summon', 'handling'],
  ['handling', 'summon', 'handling'],
  ['handling', 'resolve', 'resolved'],
  ['resolved', 'verify_pass', 'closed'],
  ['resolved', 'verify_fail', 'handling'],
  ['accepted', 'close', 'closed'],
  ['resolved', 'close', 'closed'],
  ['closed', 'rate', 'closed'],
  ['closed', 'reopen', 'accepted'],
  ['handling', 'suspend', 'suspended'],
  ['dispatched', 'merge', 'merged'],
  ['handling', 'note', 'handling'],
  ['handling', 'request_extension', 'handling'],
];

describe('case workflow table', () => {
  it('allows exactly the listed actions for every state × action × capacity, and refuses the rest', () => {
    let checked = 0;
    for (const state of CASE_STATES) {
      for (const capacity of CAPACITIES) {
        const expected = new Set(EXPECTED[state][capacity]);
        expect(new Set(allowedActions(state, [capacity])), `${state} / ${capacity}`).toEqual(expected);
        for (const action of CASE_ACTIONS) {
          const decision = decide(state, action, [capacity], 'handling');
          checked++;
          if (expected.has(action)) {
            expect(decision.ok, `${state} × ${action} × ${capacity} allowed`).toBe(true);
            continue;
          }
          expect(decision.ok, `${state} × ${action} × ${capacity} refused`).toBe(false);
          if (decision.ok) continue;
          const anybody = CAPACITIES.some((c) => EXPECTED[state][c].includes(action));
          // 409 when nobody may do it in this state, 403 when somebody else may
          expect(decision.reason, `${state} × ${action} × ${capacity} reason`).toBe(
            anybody ? 'capacity' : 'state',
          );
          expect(decision.allowedActions).toEqual(allowedActions(state, [capacity]));
        }
      }
    }
    expect(checked).toBe(CASE_STATES.length * CASE_ACTIONS.length * CAPACITIES.length);
  });

  it.each(TARGETS)('%s --%s--> %s', (from, action, to) => {
    const anyone = CAPACITIES.filter((c) => EXPECTED[from][c].includes(action));
    expect(decide(from, action, anyone)).toEqual({ ok: true, to });
  });

  it.each([
    ['accepted', 'accepted'],
    ['dispatched', 'dispatched'],
    ['handling', 'handling'],
    [null, 'handling'],
  ] as const)('resume returns a case suspended from %s to %s', (previous, to) => {
    expect(decide('suspended', 'resume', ['coordinator'], previous)).toEqual({ ok: true, to });
  });

  it('combines capacities: a centre operator handling the case itself may start and resolve it', () => {
    expect(allowedActions('accepted', ['centre', 'assignee', 'coordinator'])).toEqual(
      expect.arrayContaining(['dispatch', 'start', 'summon', 'escalate', 'close']),
    );
    expect(decide('handling', 'resolve', ['centre', 'assignee'])).toEqual({ ok: true, to: 'resolved' });
  });

  it.each([
    ['reported', 'accept'],
    ['accepted', 'handle'],
    ['dispatched', 'handle'],
    ['handling', 'handle'],
    ['resolved', 'verify'],
    ['suspended', null],
    ['closed', null],
    ['merged', null],
  ] as const)('in %s the %s step runs', (state, step) => {
    expect(stepOf(state)).toBe(step);
  });

  it.each([
    ['closed', true],
    ['rejected', true],
    ['withdrawn', true],
    ['merged', true],
    ['resolved', false],
    ['suspended', false],
    ['reported', false],
  ] as const)('%s counts as closed: %s', (state, closed) => {
    expect(isClosedState(state)).toBe(closed);
  });
});
