/**
 * The server's one clock. In production it is the system time; with DEMO on an administrator
 * may move it forward (POST /api/v1/demo/clock) to walk deadlines and "next month". Kept per
 * application context, so tests running side by side never share an offset.
 */
const offsets = new WeakMap<object, number>();

export function serverNow(ctx: object): Date {
  return new Date(Date.now() + (offsets.get(ctx) ?? 0));
}

const listeners = new WeakMap<object, ((now: Date) => Promise<void>)[]>();

/** Run after every advance (e.g. a sweep that hands out red cards for deadlines now passed). */
export function onClockAdvance(ctx: object, listener: (now: Date) => Promise<void>): void {
  listeners.set(ctx, [...(listeners.get(ctx) ?? []), listener]);
}

/** Advance the clock and let every listener catch up. */
export async function advanceClockAndSettle(ctx: object, ms: number): Promise<Date> {
  const now = advanceClock(ctx, ms);
  for (const l of listeners.get(ctx) ?? []) await l(now);
  return now;
}

/** Move the clock forward (never back: what happened stays in the past). Returns the new time. */
export function advanceClock(ctx: object, ms: number): Date {
  offsets.set(ctx, (offsets.get(ctx) ?? 0) + Math.max(0, ms));
  return serverNow(ctx);
}

export function clockOffsetMs(ctx: object): number {
  return offsets.get(ctx) ?? 0;
}

/** The city's offset from UTC (Beijing time, no daylight saving). */
export const CITY_OFFSET_MS = 8 * 3_600_000;

const instant = (at: Date | string) => (at instanceof Date ? at : new Date(at)).getTime();

/** The city's calendar date (`YYYY-MM-DD`) of an instant: the day a resident or official reads. */
export function cityDay(at: Date | string): string {
  return new Date(instant(at) + CITY_OFFSET_MS).toISOString().slice(0, 10);
}

/** The city's calendar month (`YYYY-MM`) of an instant. */
export function cityMonth(at: Date | string): string {
  return cityDay(at).slice(0, 7);
}

/** The instant the city's day (`YYYY-MM-DD`) begins: 00:00 Beijing time. */
export function cityMidnight(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - CITY_OFFSET_MS);
}

/** The instant the city's month (`YYYY-MM`) begins; `add` months later for the next ones. */
export function cityMonthStart(month: string, add = 0): Date {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + add, 1) - CITY_OFFSET_MS);
}
