import { describe, expect, it } from 'vitest';
import {
  ALL,
  caseFigures,
  caseRollupKeys,
  type RollupCase,
  rollupDay,
  rollupDelta,
} from './rollup-contribution.ts';
import { reportedCase } from './rollup-fixtures.ts';

const base: RollupCase = reportedCase;

describe('rollupDay counts days in China Standard Time', () => {
  it.each([
    ['2026-03-01T15:59:59Z', '2026-03-01'],
    ['2026-03-01T16:00:00Z', '2026-03-02'],
    ['2025-12-31T16:30:00Z', '2026-01-01'],
  ])('%s is %s', (at, day) => expect(rollupDay(at)).toBe(day));
});

describe('caseFigures', () => {
  it.each<[string, Partial<RollupCase>, Record<string, number>]>([
    ['a new case is only received', {}, { received: 1, accepted: 0, closed: 0, overdue: 0 }],
    [
      'closed in time',
      {
        accepted_at: '2026-03-01T11:00:00Z',
        resolved_at: '2026-03-02T10:00:00Z',
        closed_at: '2026-03-02T10:00:00Z',
      },
      { accepted: 1, resolved: 1, closed: 1, closed_on_time: 1, closed_minutes: 1440 },
    ],
    [
      'closed after going red',
      { card: 'red', closed_at: '2026-03-01T11:00:00Z' },
      { closed: 1, closed_on_time: 0, overdue: 1, overdue_open: 0 },
    ],
    ['open and red', { card: 'red' }, { overdue: 1, overdue_open: 1 }],
    ['yellow is not overdue', { card: 'yellow' }, { overdue: 0 }],
    [
      'rated basically satisfied',
      { ratings_basically_satisfied: 1 },
      { basically_satisfied: 1, satisfied: 0, unsatisfied: 0 },
    ],
    [
      'rated unsatisfied, reopened and rated satisfied: both ratings count',
      { ratings_unsatisfied: 1, ratings_satisfied: 1 },
      { basically_satisfied: 0, satisfied: 1, unsatisfied: 1 },
    ],
  ])('%s', (_name, change, expected) => {
    expect(caseFigures({ ...base, ...change })).toMatchObject(expected);
  });
});

describe('caseRollupKeys', () => {
  it('files a case under its city, district, street and community with their parents', () => {
    const keys = caseRollupKeys(base).filter((k) => k.kind !== ALL);
    expect(keys.map((k) => [k.level, k.region_code, k.parent_code, k.day, k.category_code])).toEqual([
      ['city', '120000000000', null, '2026-03-01', 'request.noise'],
      ['district', '120101000000', '120000000000', '2026-03-01', 'request.noise'],
      ['street', '120101001000', '120101000000', '2026-03-01', 'request.noise'],
      ['community', '120101001001', '120101001000', '2026-03-01', 'request.noise'],
    ]);
  });
  it('also counts it in each region’s totals row of the day', () => {
    const totals = caseRollupKeys(base).filter((k) => k.kind === ALL);
    expect(totals.map((k) => [k.level, k.category_code])).toEqual([
      ['city', ALL],
      ['district', ALL],
      ['street', ALL],
      ['community', ALL],
    ]);
  });
  it('stops at the last level the case has a code for', () => {
    expect(caseRollupKeys({ ...base, street_code: null, community_code: null }).map((k) => k.level)).toEqual([
      'city',
      'city',
      'district',
      'district',
    ]);
  });
});

describe('rollupDelta', () => {
  it('a new case adds one received per level, to its category and to the totals', () => {
    const d = rollupDelta(null, base);
    expect(d).toHaveLength(8);
    expect(d.every((r) => r.values.received === 1 && r.values.closed === 0)).toBe(true);
  });
  it('closing moves only the closing figures, keeping received', () => {
    const d = rollupDelta(base, { ...base, closed_at: '2026-03-01T12:00:00Z' });
    expect(d).toHaveLength(8);
    expect(d[0]?.values).toMatchObject({ received: 0, closed: 1, closed_on_time: 1, closed_minutes: 120 });
  });
  it('a change that moves no figure writes nothing', () => {
    expect(rollupDelta(base, { ...base })).toEqual([]);
  });
  it('reopening takes the close back and keeps the rating given', () => {
    const closed = { ...base, closed_at: '2026-03-01T12:00:00Z', ratings_unsatisfied: 1 };
    const d = rollupDelta(closed, { ...base, ratings_unsatisfied: 1 });
    expect(d[0]?.values).toMatchObject({
      closed: -1,
      closed_on_time: -1,
      unsatisfied: 0,
      closed_minutes: -120,
    });
  });
  it('a new category moves the case between rows and leaves the totals alone', () => {
    const d = rollupDelta(base, { ...base, category_code: 'request.parking' });
    expect(d).toHaveLength(8);
    expect(d.filter((r) => r.category_code === 'request.noise').every((r) => r.values.received === -1)).toBe(
      true,
    );
    expect(d.filter((r) => r.category_code === 'request.parking').every((r) => r.values.received === 1)).toBe(
      true,
    );
  });
});
