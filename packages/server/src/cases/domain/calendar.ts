/**
 * A working calendar: working periods within a day (local time), weekly days off, public
 * holidays and adjusted working days (调休上班) as data. Pure: no I/O, no clock.
 *
 * Local time is a fixed offset from UTC (China keeps no daylight saving time, so
 * Asia/Shanghai is always UTC+8). Dates are local `YYYY-MM-DD` strings.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;
/** No deadline lies further away than this many days; a calendar without working time throws. */
const MAX_DAYS = 3_660;

/** A working period within a day, in minutes after local midnight: [start, end). */
export interface WorkingPeriod {
  start: number;
  end: number;
}

export interface CalendarDayRule {
  /** Local date, `YYYY-MM-DD`. */
  day: string;
  /** `off`: a public holiday (or bridging day off); `work`: an adjusted working day (调休上班). */
  kind: 'off' | 'work';
}

export interface WorkingCalendarOptions {
  timeZone?: string;
  utcOffsetMinutes?: number;
  /** Local `HH:MM-HH:MM` ranges, ascending, not overlapping. */
  workingHours?: string[];
  /** Days of the week off: 0 Sunday … 6 Saturday. */
  weekendDays?: number[];
  days?: CalendarDayRule[];
}

export interface WorkingCalendar {
  readonly timeZone: string;
  readonly utcOffsetMinutes: number;
  readonly periods: readonly WorkingPeriod[];
  readonly weekendDays: ReadonlySet<number>;
  readonly holidays: ReadonlySet<string>;
  readonly workdays: ReadonlySet<string>;
  /** Working time in one ordinary working day, in ms (7 h for the default hours). */
  readonly dayLengthMs: number;
}

/** Government offices' usual hours in Tianjin: 09:00–12:00 and 13:30–17:30, Monday to Friday. */
export const DEFAULT_WORKING_HOURS = ['09:00-12:00', '13:30-17:30'];
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
export const DEFAULT_UTC_OFFSET_MINUTES = 480;

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function parseClock(text: string): number | null {
  const m = HH_MM.exec(text.trim());
  if (text.trim() === '24:00') return 1440;
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** Parse `HH:MM-HH:MM` ranges; throws a RangeError naming the bad range. */
export function parseWorkingHours(ranges: string[]): WorkingPeriod[] {
  const periods: WorkingPeriod[] = [];
  for (const range of ranges) {
    const [a, b, ...rest] = range.split('-');
    const start = a === undefined ? null : parseClock(a);
    const end = b === undefined ? null : parseClock(b);
    if (rest.length || start === null || end === null || end <= start) {
      throw new RangeError(`working hours "${range}" must be HH:MM-HH:MM with the end after the start`);
    }
    const last = periods.at(-1);
    if (last && start < last.end)
      throw new RangeError(`working hours "${range}" overlap or are not ascending`);
    periods.push({ start, end });
  }
  return periods;
}

/** Is this a real calendar date in `YYYY-MM-DD` form? */
export function isIsoDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  return new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;
}

export function createWorkingCalendar(options: WorkingCalendarOptions = {}): WorkingCalendar {
  const periods = parseWorkingHours(options.workingHours ?? DEFAULT_WORKING_HOURS);
  const holidays = new Set<string>();
  const workdays = new Set<string>();
  for (const rule of options.days ?? []) {
    if (!isIsoDate(rule.day)) throw new RangeError(`calendar day "${rule.day}" is not a YYYY-MM-DD date`);
    (rule.kind === 'off' ? holidays : workdays).add(rule.day);
  }
  return {
    timeZone: options.timeZone ?? DEFAULT_TIME_ZONE,
    utcOffsetMinutes: options.utcOffsetMinutes ?? DEFAULT_UTC_OFFSET_MINUTES,
    periods,
    weekendDays: new Set(options.weekendDays ?? [0, 6]),
    holidays,
    workdays,
    dayLengthMs: periods.reduce((sum, p) => sum + (p.end - p.start) * MINUTE, 0),
  };
}

/** Days since 1970-01-01 in local time, and ms after local midnight. */
function localParts(calendar: WorkingCalendar, at: Date): { dayIndex: number; msInDay: number } {
  const local = at.getTime() + calendar.utcOffsetMinutes * MINUTE;
  const dayIndex = Math.floor(local / DAY);
  return { dayIndex, msInDay: local - dayIndex * DAY };
}

function dayStartUtc(calendar: WorkingCalendar, dayIndex: number): number {
  return dayIndex * DAY - calendar.utcOffsetMinutes * MINUTE;
}

function dayIndexDate(dayIndex: number): string {
  return new Date(dayIndex * DAY).toISOString().slice(0, 10);
}

/** The local date (`YYYY-MM-DD`) of an instant. */
export function localDate(calendar: WorkingCalendar, at: Date): string {
  return dayIndexDate(localParts(calendar, at).dayIndex);
}

function isWorkingDayIndex(calendar: WorkingCalendar, dayIndex: number): boolean {
  const date = dayIndexDate(dayIndex);
  if (calendar.workdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  return !calendar.weekendDays.has(new Date(dayIndex * DAY).getUTCDay());
}

/** Is this local date (`YYYY-MM-DD`) a working day? */
export function isWorkingDay(calendar: WorkingCalendar, date: string): boolean {
  return isWorkingDayIndex(calendar, Math.round(Date.parse(`${date}T00:00:00Z`) / DAY));
}

/** Is this instant inside working hours on a working day? */
export function isWorkingTime(calendar: WorkingCalendar, at: Date): boolean {
  const { dayIndex, msInDay } = localParts(calendar, at);
  if (!isWorkingDayIndex(calendar, dayIndex)) return false;
  return calendar.periods.some((p) => msInDay >= p.start * MINUTE && msInDay < p.end * MINUTE);
}

function assertHasWorkingTime(calendar: WorkingCalendar): void {
  if (calendar.dayLengthMs <= 0) throw new RangeError('the calendar has no working hours');
}

/**
 * The instant after `ms` of working time has passed from `start`. Time outside working hours
 * does not count; a start outside them begins at the next working moment. `ms <= 0` → start.
 */
export function addWorkingTime(calendar: WorkingCalendar, start: Date, ms: number): Date {
  if (ms <= 0) return new Date(start.getTime());
  assertHasWorkingTime(calendar);
  let remaining = ms;
  let { dayIndex, msInDay: position } = localParts(calendar, start);
  for (let i = 0; i < MAX_DAYS; i++, dayIndex++, position = 0) {
    if (!isWorkingDayIndex(calendar, dayIndex)) continue;
    for (const period of calendar.periods) {
      const end = period.end * MINUTE;
      if (end <= position) continue;
      const from = Math.max(period.start * MINUTE, position);
      if (remaining <= end - from) return new Date(dayStartUtc(calendar, dayIndex) + from + remaining);
      remaining -= end - from;
      position = end;
    }
  }
  throw new RangeError(`no working time within ${MAX_DAYS} days of ${start.toISOString()}`);
}

/** Working time (ms) between two instants; 0 when `to` is not after `from`. */
export function workingTimeBetween(calendar: WorkingCalendar, from: Date, to: Date): number {
  if (to.getTime() <= from.getTime()) return 0;
  const a = localParts(calendar, from);
  const b = localParts(calendar, to);
  let total = 0;
  for (let dayIndex = a.dayIndex; dayIndex <= b.dayIndex; dayIndex++) {
    if (!isWorkingDayIndex(calendar, dayIndex)) continue;
    const lower = dayIndex === a.dayIndex ? a.msInDay : 0;
    const upper = dayIndex === b.dayIndex ? b.msInDay : DAY;
    for (const period of calendar.periods) {
      const overlap = Math.min(upper, period.end * MINUTE) - Math.max(lower, period.start * MINUTE);
      if (overlap > 0) total += overlap;
    }
  }
  return total;
}

/** The next working moment at or after `at` (itself when inside working hours). */
export function nextWorkingMoment(calendar: WorkingCalendar, at: Date): Date {
  if (isWorkingTime(calendar, at)) return new Date(at.getTime());
  // Adding the smallest amount lands just past the next period's start; step back from it.
  return new Date(addWorkingTime(calendar, at, 1).getTime() - 1);
}
