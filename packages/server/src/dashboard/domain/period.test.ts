import { describe, expect, it } from 'vitest';
import { daysOf, isValidDay, lastDays, periodBoundsUtc, periodDays, previousPeriod } from './period.ts';

describe('periods of whole days', () => {
  it.each([
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2024-02-29', true],
    ['2026-13-01', false],
    ['26-01-01', false],
  ])('%s valid: %s', (d, ok) => expect(isValidDay(d)).toBe(ok));

  it.each([
    [{ from: '2026-03-01', to: '2026-03-30' }, 30, { from: '2026-01-30', to: '2026-02-28' }],
    [{ from: '2026-01-01', to: '2026-01-01' }, 1, { from: '2025-12-31', to: '2025-12-31' }],
    [{ from: '2025-01-01', to: '2025-12-31' }, 365, { from: '2024-01-02', to: '2024-12-31' }],
  ])('%o has %i days; the previous period is %o', (p, days, prev) => {
    expect(periodDays(p)).toBe(days);
    expect(previousPeriod(p)).toEqual(prev);
  });

  it('the last 7 days end today', () => {
    expect(lastDays('2026-03-03', 7)).toEqual({ from: '2026-02-25', to: '2026-03-03' });
    expect(daysOf({ from: '2026-02-27', to: '2026-03-02' })).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
  });

  it('a day starts at 16:00 UTC the day before (China Standard Time)', () => {
    const b = periodBoundsUtc({ from: '2026-03-01', to: '2026-03-01' });
    expect(b.start.toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(b.end.toISOString()).toBe('2026-03-01T16:00:00.000Z');
  });
});
