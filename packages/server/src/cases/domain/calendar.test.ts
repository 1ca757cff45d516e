import { describe, expect, it } from 'vitest';
import {
  addWorkingTime,
  type CalendarDayRule,
  createWorkingCalendar,
  isWorkingDay,
  isWorkingTime,
  localDate,
  nextWorkingMoment,
  parseWorkingHours,
  workingTimeBetween,
} from './calendar.ts';

const HOUR = 3_600_000;

/** Local Beijing time → instant. */
const bj = (text: string) => new Date(`${text.replace(' ', 'T')}:00+08:00`);
const range = (from: string, to: string, kind: 'off' | 'work'): CalendarDayRule[] => {
  const days: CalendarDayRule[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    days.push({ day: new Date(t).toISOString().slice(0, 10), kind });
  }
  return days;
};

/** The State Council's 2026 arrangement, and 2027's statutory days (not yet announced in full). */
const CN_2026_2027: CalendarDayRule[] = [
  ...range('2026-01-01', '2026-01-03', 'off'),
  { day: '2026-01-04', kind: 'work' },
  ...range('2026-02-15', '2026-02-23', 'off'),
  { day: '2026-02-14', kind: 'work' },
  { day: '2026-02-28', kind: 'work' },
  ...range('2026-04-04', '2026-04-06', 'off'),
  ...range('2026-05-01', '2026-05-05', 'off'),
  { day: '2026-05-09', kind: 'work' },
  ...range('2026-06-19', '2026-06-21', 'off'),
  ...range('2026-09-25', '2026-09-27', 'off'),
  ...range('2026-10-01', '2026-10-07', 'off'),
  { day: '2026-09-20', kind: 'work' },
  { day: '2026-10-10', kind: 'work' },
  { day: '2027-01-01', kind: 'off' },
  ...range('2027-02-05', '2027-02-08', 'off'),
  { day: '2027-04-05', kind: 'off' },
  ...range('2027-05-01', '2027-05-02', 'off'),
  { day: '2027-06-09', kind: 'off' },
  { day: '2027-09-15', kind: 'off' },
  ...range('2027-10-01', '2027-10-03', 'off'),
];
const calendar = createWorkingCalendar({ days: CN_2026_2027 });

describe('addWorkingTime on 09:00–12:00, 13:30–17:30 Beijing time', () => {
  it.each([
    ['inside a period', '2026-03-02 09:00', 2, '2026-03-02 11:00'],
    ['across lunch', '2026-03-02 11:00', 2, '2026-03-02 14:30'],
    ['starting at lunch', '2026-03-02 12:30', 1, '2026-03-02 14:30'],
    ['before opening', '2026-03-03 07:00', 0.5, '2026-03-03 09:30'],
    ['after closing', '2026-03-03 18:00', 1, '2026-03-04 10:00'],
    ['ending exactly at closing', '2026-03-03 16:30', 1, '2026-03-03 17:30'],
    ['across a weekend', '2026-03-06 16:30', 2, '2026-03-09 10:00'],
    ['starting on a Saturday', '2026-03-07 10:00', 1, '2026-03-09 10:00'],
    ['New Year 2026, then make-up Sunday 4 Jan', '2025-12-31 17:00', 1, '2026-01-04 09:30'],
    ['into make-up Saturday 14 Feb before Spring Festival', '2026-02-13 16:30', 2, '2026-02-14 10:00'],
    ['over Spring Festival 15–23 Feb 2026', '2026-02-14 17:00', 1, '2026-02-24 09:30'],
    ['into make-up Saturday 28 Feb', '2026-02-27 17:00', 1, '2026-02-28 09:30'],
    ['over Qingming 4–6 Apr 2026', '2026-04-03 17:30', 1, '2026-04-07 10:00'],
    ['over Labour Day 1–5 May 2026', '2026-04-30 17:00', 1, '2026-05-06 09:30'],
    ['into make-up Saturday 9 May', '2026-05-08 17:00', 1, '2026-05-09 09:30'],
    ['over Dragon Boat 19–21 Jun 2026', '2026-06-18 17:00', 1, '2026-06-22 09:30'],
    ['into make-up Sunday 20 Sep', '2026-09-18 17:00', 1, '2026-09-20 09:30'],
    ['over Mid-Autumn 25–27 Sep 2026', '2026-09-24 17:00', 1, '2026-09-28 09:30'],
    ['over National Day 1–7 Oct 2026', '2026-09-30 17:00', 1, '2026-10-08 09:30'],
    ['into make-up Saturday 10 Oct', '2026-10-09 17:00', 1, '2026-10-10 09:30'],
    ['over Spring Festival 2027 (5–8 Feb)', '2027-02-04 17:00', 1, '2027-02-09 09:30'],
    ['over Qingming 2027 (Mon 5 Apr)', '2027-04-02 17:00', 1, '2027-04-06 09:30'],
    ['over Dragon Boat 2027 (Wed 9 Jun)', '2027-06-08 17:00', 1, '2027-06-10 09:30'],
    ['over Mid-Autumn 2027 (Wed 15 Sep)', '2027-09-14 17:00', 1, '2027-09-16 09:30'],
    ['over National Day 2027 (1–3 Oct)', '2027-09-30 17:00', 1, '2027-10-04 09:30'],
    ['five working days, a plain week', '2026-03-02 10:00', 35, '2026-03-09 10:00'],
    ['five working days through Spring Festival', '2026-02-12 10:00', 35, '2026-02-26 10:00'],
    ['five working days through National Day', '2026-09-28 09:00', 35, '2026-10-09 17:30'],
  ])('%s: %s + %sh → %s', (_name, start, hours, expected) => {
    expect(addWorkingTime(calendar, bj(start), hours * HOUR).toISOString()).toBe(bj(expected).toISOString());
  });

  it('returns the start itself for no time at all', () => {
    expect(addWorkingTime(calendar, bj('2026-03-07 10:00'), 0)).toEqual(bj('2026-03-07 10:00'));
  });

  it('refuses a calendar without working hours instead of looping', () => {
    const closed = createWorkingCalendar({ weekendDays: [0, 1, 2, 3, 4, 5, 6] });
    expect(() => addWorkingTime(closed, bj('2026-03-02 10:00'), HOUR)).toThrow(RangeError);
  });
});

describe('workingTimeBetween', () => {
  it.each([
    ['within a morning', '2026-03-02 09:30', '2026-03-02 11:00', 1.5],
    ['across lunch', '2026-03-02 11:00', '2026-03-02 14:30', 2],
    ['inside lunch', '2026-03-02 12:10', '2026-03-02 13:20', 0],
    ['across a weekend', '2026-03-06 16:30', '2026-03-09 10:00', 2],
    ['a whole plain week', '2026-03-02 00:00', '2026-03-09 00:00', 35],
    ['Spring Festival: Friday and make-up Saturday only', '2026-02-13 09:00', '2026-02-24 09:00', 14],
    ['National Day week is off', '2026-10-01 00:00', '2026-10-08 00:00', 0],
    ['backwards', '2026-03-09 10:00', '2026-03-06 16:30', 0],
  ])('%s: %s → %s = %sh', (_name, from, to, hours) => {
    expect(workingTimeBetween(calendar, bj(from), bj(to))).toBe(hours * HOUR);
  });

  it('undoes addWorkingTime from a working moment', () => {
    const start = bj('2026-09-29 15:45');
    const end = addWorkingTime(calendar, start, 12.25 * HOUR);
    expect(workingTimeBetween(calendar, start, end)).toBe(12.25 * HOUR);
  });
});

describe('working days and moments', () => {
  it.each([
    ['2026-03-02', true, 'a Monday'],
    ['2026-03-07', false, 'a Saturday'],
    ['2026-02-14', true, 'a make-up Saturday'],
    ['2026-09-20', true, 'a make-up Sunday'],
    ['2026-02-17', false, 'Spring Festival on a Tuesday'],
    ['2026-10-05', false, 'National Day week on a Monday'],
    ['2027-09-15', false, 'Mid-Autumn 2027 on a Wednesday'],
  ])('%s is working: %s (%s)', (day, working) => {
    expect(isWorkingDay(calendar, day)).toBe(working);
  });

  it.each([
    ['2026-03-02 08:59', false],
    ['2026-03-02 09:00', true],
    ['2026-03-02 12:00', false],
    ['2026-03-02 17:29', true],
    ['2026-03-02 17:30', false],
  ])('%s is working time: %s', (at, working) => {
    expect(isWorkingTime(calendar, bj(at))).toBe(working);
  });

  it('finds the next working moment after a holiday', () => {
    expect(nextWorkingMoment(calendar, bj('2026-10-03 11:00'))).toEqual(bj('2026-10-08 09:00'));
    expect(nextWorkingMoment(calendar, bj('2026-03-02 10:15'))).toEqual(bj('2026-03-02 10:15'));
  });

  it('dates an instant in Beijing time, not UTC', () => {
    expect(localDate(calendar, new Date('2026-03-01T17:00:00Z'))).toBe('2026-03-02');
  });
});

describe('parseWorkingHours', () => {
  it('reads HH:MM ranges', () => {
    expect(parseWorkingHours(['08:30-12:00', '14:00-18:00'])).toEqual([
      { start: 510, end: 720 },
      { start: 840, end: 1080 },
    ]);
  });
  it.each([['9-12'], ['12:00-09:00'], ['25:00-26:00'], ['09:00-12:00-13:00']])('rejects %s', (text) => {
    expect(() => parseWorkingHours([text])).toThrow(RangeError);
  });
  it('rejects overlapping periods', () => {
    expect(() => parseWorkingHours(['09:00-12:00', '11:00-13:00'])).toThrow(/overlap/);
  });
  it('rejects a day that is not a date', () => {
    expect(() => createWorkingCalendar({ days: [{ day: '2026-02-30', kind: 'off' }] })).toThrow(RangeError);
  });
});
