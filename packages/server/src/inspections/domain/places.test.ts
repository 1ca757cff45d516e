import { describe, expect, it } from 'vitest';
import { progress } from './board.ts';
import { checklistTypeOf, nextDue, raisedTier, schedule } from './places.ts';

const FROM = new Date('2026-01-01T00:00:00Z');

describe('places', () => {
  it.each([
    ['high', '2026-01-31'],
    ['medium', '2026-04-01'],
    ['low', '2027-01-01'],
  ] as const)('a %s-risk place is next due on %s', (tier, day) => {
    expect(nextDue(tier, FROM).toISOString().slice(0, 10)).toBe(day);
  });

  it.each([
    ['high', 12],
    ['medium', 4],
    ['low', 1],
  ] as const)('a %s-risk place is visited %i times a year', (tier, n) => {
    expect(schedule(tier, FROM)).toHaveLength(n);
  });

  it.each([
    ['low', 'medium'],
    ['medium', 'high'],
    ['high', 'high'],
  ] as const)('a recurrence raises %s to %s', (tier, raised) => {
    expect(raisedTier(tier)).toBe(raised);
  });

  it.each([
    ['shop', 'small_venue'],
    ['restaurant', 'small_venue'],
    ['workshop', 'small_venue'],
    ['rental', 'rental'],
    ['construction_site', 'construction_site'],
  ] as const)('a %s uses the %s checklist', (type, list) => {
    expect(checklistTypeOf(type)).toBe(list);
  });

  it.each([
    [
      { due: 0, visited: 0, found: 0, fixed: 0, overdue: 0 },
      { coverage: 1, fixedRate: 1, coverageMet: true, fixedMet: true },
    ],
    [
      { due: 4, visited: 3, found: 2, fixed: 1, overdue: 1 },
      { coverage: 0.75, fixedRate: 0.5, coverageMet: false, fixedMet: false },
    ],
    [
      { due: 3, visited: 3, found: 10, fixed: 9, overdue: 0 },
      { coverage: 1, fixedRate: 0.9, coverageMet: true, fixedMet: true },
    ],
  ])('board progress of %o is %o (targets: full coverage, 90%% fixed)', (counts, expected) => {
    expect(progress(counts, { target_coverage: 1, target_fixed: 0.9 })).toEqual(expected);
  });
});
