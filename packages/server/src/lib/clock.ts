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
const CITY_OFFSET_MS = 8 * 3_600_000;

/** The city's calendar date (`YYYY-MM-DD`) of an instant: the day a resident or official reads. */
export function cityDay(at: Date): string {
  return new Date(at.getTime() + CITY_OFFSET_MS).toISOString().slice(0, 10);
}
