import type { AppContext } from '../context.ts';

/**
 * The one server clock every disputes rule reads (deadlines, countdowns, windows). When the
 * platform's shared clock is on `ctx.services.clock` it is used; otherwise the system time.
 */
export function nowOf(ctx: AppContext): Date {
  const clock = (ctx.services as { clock?: { now(): Date } }).clock;
  return clock ? clock.now() : new Date();
}
