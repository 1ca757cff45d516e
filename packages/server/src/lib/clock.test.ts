import { describe, expect, it } from 'vitest';
import { cityDay, cityMidnight, cityMonth, cityMonthStart } from './clock.ts';

describe('the city day', () => {
  it('is the Beijing date: 16:30 UTC is already the next day in the city', () => {
    expect(cityDay(new Date('2026-12-01T16:30:00Z'))).toBe('2026-12-02');
    expect(cityDay(new Date('2026-12-01T15:59:59Z'))).toBe('2026-12-01');
    expect(cityDay('2026-12-01T16:30:00Z')).toBe('2026-12-02');
  });

  it('turns the month at Beijing midnight, also across a year', () => {
    expect(cityMonth(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01');
    expect(cityMonth(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12');
  });

  it('starts a day and a month at 00:00 Beijing time', () => {
    expect(cityMidnight('2026-03-01').toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(cityMonthStart('2026-12').toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(cityMonthStart('2026-12', 1).toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(cityDay(cityMonthStart('2027-02'))).toBe('2027-02-01');
  });
});
