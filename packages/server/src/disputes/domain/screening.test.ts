import { describe, expect, it } from 'vitest';
import { coverage, monthHasBegun, streetReportDue, streetReportStatus } from './screening.ts';

describe('street monthly screening report (每月逢1)', () => {
  it('is due at the end of the 1st of the next month, China Standard Time', () => {
    expect(streetReportDue('2026-03').toISOString()).toBe('2026-04-01T16:00:00.000Z');
    expect(streetReportDue('2026-12').toISOString()).toBe('2027-01-01T16:00:00.000Z');
  });
  it.each([
    ['2026-04-01T15:59:59Z', null, 'pending'],
    ['2026-04-01T16:00:00Z', null, 'missing'],
    ['2026-05-01T00:00:00Z', '2026-03-31T02:00:00Z', 'complete'],
    ['2026-05-01T00:00:00Z', '2026-04-01T15:59:00Z', 'complete'],
    ['2026-05-01T00:00:00Z', '2026-04-01T16:00:00Z', 'late'],
  ])('March, now %s, filed %s: %s', (now, filed, status) =>
    expect(streetReportStatus('2026-03', filed ? new Date(filed) : null, new Date(now))).toBe(status),
  );
  it.each([
    ['2026-03', '2026-02-28T16:00:00Z', true],
    ['2026-03', '2026-02-28T15:59:00Z', false],
    ['2025-12', '2026-02-01T00:00:00Z', true],
  ])('month %s has begun at %s: %s', (m, now, begun) => expect(monthHasBegun(m, new Date(now))).toBe(begun));
  it('coverage counts every grid that reported', () => {
    expect(coverage(45, 50)).toBe(0.9);
    expect(coverage(0, 0)).toBeNull();
  });
});
