import type { AppContext } from '../context.ts';
import { serverNow } from '../lib/clock.ts';

/** The one server clock every disputes rule reads (deadlines, countdowns, windows); DEMO may advance it. */
export function nowOf(ctx: AppContext): Date {
  return serverNow(ctx);
}
