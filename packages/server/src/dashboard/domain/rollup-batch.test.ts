import { describe, expect, it } from 'vitest';
import { type RollupCase, rollupDelta, rollupDeltaOfChanges } from './rollup-contribution.ts';
import { reportedCase } from './rollup-fixtures.ts';

const base: RollupCase = reportedCase;
const otherStreet: RollupCase = { ...base, street_code: '120101002000', community_code: '120101002001' };
const nextDay: RollupCase = { ...base, reported_at: '2026-03-02T10:00:00Z' };
const closed: RollupCase = { ...base, closed_at: '2026-03-01T12:00:00Z' };

/** The figures of a delta row, by level and region, for the totals (kind '*') rows. */
function totals(changes: [RollupCase | null, RollupCase | null][]) {
  return Object.fromEntries(
    rollupDeltaOfChanges(changes)
      .filter((r) => r.kind === '*')
      .map((r) => [`${r.level} ${r.region_code} ${r.day}`, r.values.received]),
  );
}

describe('rollupDeltaOfChanges sums a batch of changes by rollup row', () => {
  it.each<[string, [RollupCase | null, RollupCase | null][], Record<string, number>]>([
    [
      'two new cases of one community count twice on each of its rows',
      [
        [null, base],
        [null, base],
      ],
      {
        'city 120000000000 2026-03-01': 2,
        'district 120101000000 2026-03-01': 2,
        'street 120101001000 2026-03-01': 2,
        'community 120101001001 2026-03-01': 2,
      },
    ],
    [
      'cases of two streets share the city and district rows only',
      [
        [null, base],
        [null, otherStreet],
      ],
      {
        'city 120000000000 2026-03-01': 2,
        'district 120101000000 2026-03-01': 2,
        'street 120101001000 2026-03-01': 1,
        'community 120101001001 2026-03-01': 1,
        'street 120101002000 2026-03-01': 1,
        'community 120101002001 2026-03-01': 1,
      },
    ],
    [
      'cases received on two days go to two days',
      [
        [null, base],
        [null, nextDay],
      ],
      {
        'city 120000000000 2026-03-01': 1,
        'district 120101000000 2026-03-01': 1,
        'street 120101001000 2026-03-01': 1,
        'community 120101001001 2026-03-01': 1,
        'city 120000000000 2026-03-02': 1,
        'district 120101000000 2026-03-02': 1,
        'street 120101001000 2026-03-02': 1,
        'community 120101001001 2026-03-02': 1,
      },
    ],
    [
      'a new case and a deleted one of the same row cancel out',
      [
        [null, base],
        [base, null],
      ],
      {},
    ],
  ])('%s', (_, changes, expected) => expect(totals(changes)).toEqual(expected));

  it('a batch of one is the single change', () => {
    expect(rollupDeltaOfChanges([[base, closed]])).toEqual(rollupDelta(base, closed));
  });

  it('closing figures of several cases add up', () => {
    const [city] = rollupDeltaOfChanges([
      [base, closed],
      [base, closed],
    ]);
    expect(city?.values).toMatchObject({ received: 0, closed: 2, closed_on_time: 2, closed_minutes: 240 });
  });
});
