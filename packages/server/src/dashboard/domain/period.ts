import { cityMidnight } from '../../lib/clock.ts';

/** A period of whole days, both ends included (YYYY-MM-DD). */
export interface Period {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const toMs = (d: string) => Date.parse(`${d}T00:00:00Z`);
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function isValidDay(d: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(d) && Number.isFinite(toMs(d)) && toDay(toMs(d)) === d;
}

export function periodDays(p: Period): number {
  return Math.round((toMs(p.to) - toMs(p.from)) / DAY_MS) + 1;
}

/** The period of the same length that ends the day before this one starts. */
export function previousPeriod(p: Period): Period {
  const days = periodDays(p);
  return { from: toDay(toMs(p.from) - days * DAY_MS), to: toDay(toMs(p.from) - DAY_MS) };
}

/** The last `days` days up to and including `today`. */
export function lastDays(today: string, days: number): Period {
  return { from: toDay(toMs(today) - (days - 1) * DAY_MS), to: today };
}

/** Every day of the period, in order. */
export function daysOf(p: Period): string[] {
  const out: string[] = [];
  for (let ms = toMs(p.from); ms <= toMs(p.to); ms += DAY_MS) out.push(toDay(ms));
  return out;
}

/** The first instant after the period (its end, exclusive), in China Standard Time. */
export function periodBoundsUtc(p: Period): { start: Date; end: Date } {
  return { start: cityMidnight(p.from), end: new Date(cityMidnight(p.to).getTime() + DAY_MS) };
}
