import type { Module } from '../context.ts';
import { serverNow } from '../lib/clock.ts';
import { ensureYearlyPartitions } from './partitions.ts';
import { dashboardRoutes } from './routes.ts';
import { createDashboardService, type DashboardService } from './service.ts';

declare module '../context.ts' {
  interface Services {
    dashboard: DashboardService;
  }
}

/** Command-centre figures from the rollups (kept by cases through applyCaseDelta in rollups.ts). */
export const dashboardModule: Module = {
  name: 'dashboard',
  async start(ctx) {
    ctx.services.dashboard = createDashboardService(ctx.db, () => serverNow(ctx));
    // cases and their history are partitioned by year: keep two years ahead ready
    const created = await ensureYearlyPartitions(ctx.db, new Date().getUTCFullYear() + 2);
    if (created.length) ctx.log.info({ created }, 'yearly partitions created');
  },
  routes: dashboardRoutes,
};
