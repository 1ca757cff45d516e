import { describe, expect, it } from 'vitest';
import {
  deadlineFor,
  decideHazard,
  type HazardAction,
  type HazardState,
  hazardStatusOf,
  isOverdue,
  isRecurrence,
  recheckAction,
} from './hazards.ts';

const at = (iso: string) => new Date(iso);
const NOW = at('2026-03-10T08:00:00Z');
const EVERYONE = { rectifier: true, inspector: true };

describe('hazard rules', () => {
  it.each([
    ['major', '2026-03-13T08:00:00.000Z'],
    ['general', '2026-03-17T08:00:00.000Z'],
    ['minor', '2026-03-25T08:00:00.000Z'],
  ] as const)('a %s hazard is due for rectification on %s', (severity, due) => {
    expect(deadlineFor(severity, NOW).toISOString()).toBe(due);
  });

  it.each<[HazardState, HazardAction, number, string]>([
    ['open', 'rectify', 0, 'rectified'],
    ['rectified', 'recheck_pass', 0, 'closed'],
    ['open', 'recheck_pass', 0, 'closed'],
    ['rectified', 'recheck_fail', 0, 'open (extended)'],
    ['rectified', 'recheck_fail', 1, 'escalated'],
    ['rectified', 'rectify', 0, 'refused: state'],
    ['closed', 'rectify', 0, 'refused: state'],
    ['closed', 'recheck_pass', 0, 'refused: state'],
    ['escalated', 'recheck_fail', 1, 'refused: state'],
  ])('%s, %s after %i extension(s): %s', (status, action, extensions, expected) => {
    const d = decideHazard({ status, severity: 'general', extensions }, action, EVERYONE, NOW);
    const got = !d.ok ? `refused: ${d.reason}` : d.extended ? `${d.to} (extended)` : d.to;
    expect(got).toBe(expected);
  });

  it('a failed re-check extends the deadline from now by the severity’s extension', () => {
    const d = decideHazard(
      { status: 'rectified', severity: 'major', extensions: 0 },
      'recheck_fail',
      EVERYONE,
      NOW,
    );
    expect(d.ok && d.deadline?.toISOString()).toBe('2026-03-12T08:00:00.000Z');
  });

  it.each<[HazardAction, { rectifier: boolean; inspector: boolean }, string]>([
    ['rectify', { rectifier: false, inspector: true }, 'role'],
    ['recheck_pass', { rectifier: true, inspector: false }, 'role'],
    ['recheck_fail', { rectifier: true, inspector: false }, 'role'],
  ])('%s is refused to someone without the right (%o)', (action, may, reason) => {
    const d = decideHazard({ status: 'open', severity: 'minor', extensions: 0 }, action, may, NOW);
    expect(d.ok ? 'allowed' : d.reason).toBe(reason);
  });

  it.each([
    [null, false],
    ['2026-02-10T08:00:00Z', true],
    ['2025-09-11T08:00:00Z', true],
    ['2025-09-10T07:00:00Z', false],
  ] as const)('an earlier hazard found at %s makes this one a recurrence: %s', (before, expected) => {
    expect(isRecurrence(before ? at(before) : null, NOW)).toBe(expected);
  });

  it.each<[HazardState, string, boolean]>([
    ['open', '2026-03-10T07:59:00Z', true],
    ['open', '2026-03-10T08:01:00Z', false],
    ['rectified', '2026-03-01T00:00:00Z', false],
    ['closed', '2026-03-01T00:00:00Z', false],
  ])('%s with deadline %s is overdue: %s', (status, deadline, expected) => {
    expect(isOverdue({ status, deadline_at: at(deadline) }, NOW)).toBe(expected);
  });

  it.each<[string, string, HazardState, HazardState]>([
    ['reported', 'report', 'open', 'open'],
    ['dispatched', 'dispatch', 'open', 'open'],
    ['resolved', 'hazard.rectify', 'open', 'rectified'],
    ['closed', 'hazard.recheck_pass', 'rectified', 'closed'],
    ['handling', 'hazard.recheck_fail', 'rectified', 'open'],
    ['closed', 'hazard.refer_enforcement', 'rectified', 'escalated'],
    ['closed', 'note', 'escalated', 'escalated'],
    ['closed', 'note', 'closed', 'closed'],
    ['accepted', 'reopen', 'closed', 'open'],
    ['merged', 'merge', 'open', 'closed'],
  ])('a case %s after %s makes a %s hazard %s', (caseStatus, action, before, expected) => {
    expect(hazardStatusOf(caseStatus, action, before)).toBe(expected);
  });

  it.each([
    ['pass', 0, 'hazard.recheck_pass'],
    ['pass', 1, 'hazard.recheck_pass'],
    ['fail', 0, 'hazard.recheck_fail'],
    ['fail', 1, 'hazard.refer_enforcement'],
  ] as const)('a re-check %s after %i extension(s) is %s', (result, extensions, expected) => {
    expect(recheckAction(result, { extensions })).toBe(expected);
  });
});
