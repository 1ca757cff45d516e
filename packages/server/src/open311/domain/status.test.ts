import { describe, expect, it } from 'vitest';
import { CASE_STATES, CLOSED_STATES } from '../../cases/index.ts';
import { actionForIncoming, FMS_STATUSES, publicStatus, updateStatus } from './status.ts';

describe('status mapping', () => {
  it.each(CASE_STATES.map((s) => [s, CLOSED_STATES.includes(s) ? 'closed' : 'open']))(
    'internal state %s is %s',
    (state, expected) => {
      expect(publicStatus(state)).toBe(expected);
    },
  );

  it.each([
    ['accept', 'reported', 'accepted', 'INVESTIGATING'],
    ['dispatch', 'accepted', 'dispatched', 'INTERNAL_REFERRAL'],
    ['escalate', 'accepted', 'reported', 'INTERNAL_REFERRAL'],
    ['return', 'handling', 'accepted', 'INTERNAL_REFERRAL'],
    ['start', 'dispatched', 'handling', 'IN_PROGRESS'],
    ['resolve', 'handling', 'resolved', 'ACTION_SCHEDULED'],
    ['verify_pass', 'resolved', 'closed', 'FIXED'],
    ['verify_fail', 'resolved', 'handling', 'IN_PROGRESS'],
    ['handle_on_spot', 'reported', 'closed', 'FIXED'],
    ['close', 'resolved', 'closed', 'FIXED'],
    ['close', 'accepted', 'closed', 'CLOSED'],
    ['reject', 'reported', 'rejected', 'NOT_COUNCILS_RESPONSIBILITY'],
    ['withdraw', 'reported', 'withdrawn', 'CLOSED'],
    ['merge', 'accepted', 'merged', 'DUPLICATE'],
    ['reopen', 'closed', 'accepted', 'REOPEN'],
    ['suspend', 'handling', 'suspended', 'ACTION_SCHEDULED'],
    ['note', 'handling', 'handling', 'IN_PROGRESS'],
    ['report', null, 'reported', 'OPEN'],
  ])('%s from %s to %s is reported as %s', (action, from, to, expected) => {
    expect(updateStatus(action, from, to)).toBe(expected);
  });

  it('gives every internal state an extended status from the FixMyStreet list', () => {
    for (const s of CASE_STATES) expect(FMS_STATUSES).toContain(updateStatus('note', s, s));
  });

  it.each([
    ['REOPEN', 'closed', 'reopen'],
    ['OPEN', 'closed', 'reopen'],
    ['REOPEN', 'handling', 'note'],
    ['INVESTIGATING', 'reported', 'accept'],
    ['IN_PROGRESS', 'dispatched', 'start'],
    ['FIXED', 'handling', 'resolve'],
    ['FIXED', 'resolved', 'verify_pass'],
    ['FIXED', 'closed', 'note'],
    ['CLOSED', 'resolved', 'close'],
    ['NO_FURTHER_ACTION', 'reported', 'reject'],
    ['NOT_COUNCILS_RESPONSIBILITY', 'handling', 'note'],
    ['DUPLICATE', 'handling', 'note'],
    [null, 'handling', 'note'],
  ] as const)('an incoming %s on a %s case asks for %s', (status, state, action) => {
    expect(actionForIncoming(status, state)).toBe(action);
  });
});
