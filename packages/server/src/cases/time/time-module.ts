import type { AppContext, Module } from '../../context.ts';
import { onClockAdvance } from '../../lib/clock.ts';
import { importRoutes } from '../intake/import-routes.ts';
import { keyCasesRoutes } from '../key-cases/key-cases-routes.ts';
import { createKeyCasesService, type KeyCasesService } from '../key-cases/key-cases-service.ts';
import { subscribeToCaseEvents } from '../notifications/notifications-events.ts';
import { notificationsRoutes } from '../notifications/notifications-routes.ts';
import {
  createNotificationsService,
  type NotificationsService,
} from '../notifications/notifications-service.ts';
import { webhooksRoutes } from '../notifications/webhooks-routes.ts';
import { createWebhooksService, type WebhooksService } from '../notifications/webhooks-service.ts';
import { calendarRoutes } from './calendar-routes.ts';
import { createCalendarService } from './calendar-service.ts';
import { supervisionRoutes } from './supervision-routes.ts';
import { createSupervisionService, type SupervisionService } from './supervision-service.ts';
import { type SweepResult, startPeriodic, sweepDueCases } from './sweeper.ts';

declare module '../../context.ts' {
  interface Services {
    notifications: NotificationsService;
    keyCases: KeyCasesService;
    supervision: SupervisionService;
    webhooks: WebhooksService;
    /** The overdue sweep; `now` may be given (tests, catch-up). */
    sweeper: { sweep(options?: { now?: Date; batchSize?: number }): Promise<SweepResult> };
  }
}

/** How often the sweeper and the webhook deliverer run; 0 turns the background work off. */
const intervalMs = () => Number(process.env.CASES_PERIODIC_MS ?? 30_000);

const stops = new WeakMap<AppContext, (() => void | Promise<void>)[]>();
const following = new WeakSet<AppContext>();

function followCaseEvents(ctx: AppContext) {
  if (following.has(ctx)) return;
  const unsubscribe = subscribeToCaseEvents(ctx);
  if (!unsubscribe) return;
  following.add(ctx);
  stops.get(ctx)?.push(unsubscribe);
}

/**
 * Deadlines and their consequences: the working calendar, the overdue sweeper and supervision,
 * notifications and webhooks (the cases-time part of the cases module).
 */
export const casesTimeModule: Module = {
  name: 'cases-time',
  async start(ctx) {
    const calendar = await createCalendarService(ctx);
    ctx.services.calendar = calendar;
    ctx.services.notifications = createNotificationsService(ctx);
    ctx.services.supervision = createSupervisionService(ctx);
    ctx.services.keyCases = createKeyCasesService(ctx);
    ctx.services.webhooks = createWebhooksService(ctx);
    ctx.services.sweeper = { sweep: (options) => sweepDueCases(ctx, options) };
    // The demo clock moved forward: cards and supervision for deadlines now passed, at once.
    onClockAdvance(ctx, async () => {
      await sweepDueCases(ctx);
    });
    const own = [calendar.stop];
    const every = intervalMs();
    if (every > 0) {
      own.push(startPeriodic(ctx, every, () => sweepDueCases(ctx)));
      own.push(startPeriodic(ctx, every, () => ctx.services.webhooks.deliverDue()));
    }
    stops.set(ctx, own);
    followCaseEvents(ctx);
  },
  async routes(app, ctx) {
    // The cases module may start after this one; by the time routes are built its bus exists.
    followCaseEvents(ctx);
    await calendarRoutes(app, ctx);
    await notificationsRoutes(app, ctx);
    await supervisionRoutes(app, ctx);
    await webhooksRoutes(app, ctx);
    await keyCasesRoutes(app, ctx);
    await importRoutes(app, ctx);
  },
  async stop(ctx) {
    await Promise.all((stops.get(ctx) ?? []).map((stop) => stop()));
    stops.delete(ctx);
    following.delete(ctx);
  },
};
