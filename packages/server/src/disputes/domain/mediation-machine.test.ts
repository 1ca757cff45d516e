import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  decide,
  failTarget,
  MEDIATION_ACTIONS,
  MEDIATION_STATES,
  MEDIATION_TABLE,
  type MediationAction,
  type MediationState,
} from './mediation-machine.ts';
import { judicialWindow, mediationTiming } from './time-limits.ts';

describe('mediation state × action × role', () => {
  const rows: [MediationState, MediationAction, 'centre' | 'mediator', number | MediationState][] = [
    ['screened', 'assign', 'centre', 'assigned'],
    ['screened', 'accept', 'mediator', 409],
    ['assigned', 'accept', 'mediator', 'mediating'],
    ['assigned', 'accept', 'centre', 403],
    ['assigned', 'decline', 'mediator', 'screened'],
    ['mediating', 'schedule_session', 'mediator', 'mediating'],
    ['closed', 'schedule_session', 'mediator', 409],
    ['referred', 'record_session', 'mediator', 409],
    ['mediating', 'fail', 'mediator', 'referred'],
    ['agreed', 'judicial_apply', 'centre', 'agreed'],
    ['mediating', 'judicial_apply', 'centre', 409],
    ['agreed', 'close', 'mediator', 'closed'],
    ['closed', 'follow_up', 'centre', 'closed'],
    ['mediating', 'follow_up', 'centre', 409],
  ];
  it.each(rows)('%s + %s by %s → %s', (state, action, role, expected) => {
    const d = decide(state, action, [role]);
    if (typeof expected === 'number') expect(d).toMatchObject({ ok: false, status: expected });
    else expect(d).toEqual({ ok: true, to: expected });
  });

  it('every action runs in some state and every state but closed can move on', () => {
    for (const a of MEDIATION_ACTIONS) expect(MEDIATION_TABLE[a].from.length).toBeGreaterThan(0);
    for (const s of MEDIATION_STATES)
      expect(allowedActions(s, ['centre', 'mediator']).length).toBeGreaterThan(0);
  });

  it.each([
    ['mediation', 'assigned'],
    ['litigation', 'referred'],
    ['arbitration', 'referred'],
  ])('a failure referred to %s leaves the dispute %s', (to, state) => expect(failTarget(to)).toBe(state));
});

describe('time limits', () => {
  const at = (s: string) => new Date(s);
  it.each([
    ['2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z', 29, false, true],
    ['2026-01-01T00:00:00Z', '2026-01-25T00:00:00Z', 6, true, true],
    ['2026-01-01T00:00:00Z', '2026-01-31T00:00:00Z', 0, true, true],
    ['2026-01-01T00:00:00Z', '2026-01-31T00:00:01Z', 0, false, false],
  ])('agreement effective %s, now %s: %i days left, remind %s, open %s', (eff, now, left, remind, open) => {
    const w = judicialWindow(at(eff), at(now));
    expect({ daysLeft: w.daysLeft, remind: w.remind, open: w.open }).toEqual({
      daysLeft: left,
      remind,
      open,
    });
    expect(w.deadline.toISOString()).toBe('2026-01-31T00:00:00.000Z');
  });
  it.each([
    ['2026-01-01T00:00:00Z', '2026-01-10T12:00:00Z', '2026-01-31T00:00:00Z', 10, true],
    ['2026-01-01T00:00:00Z', '2026-01-01T01:00:00Z', '2026-01-31T00:00:00Z', 1, true],
    ['2026-01-01T00:00:00Z', '2026-02-02T00:00:00Z', '2026-01-31T00:00:00Z', 32, false],
  ])('accepted %s, concluded %s, due %s: %i days, on time %s', (a, c, d, days, onTime) =>
    expect(mediationTiming(at(a), at(c), at(d))).toEqual({ days, onTime }),
  );
});
