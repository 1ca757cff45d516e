import type { Module } from '../modules.ts';
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
  start(ctx) {
    ctx.services.dashboard = createDashboardService(ctx.db);
  },
  routes: dashboardRoutes,
};
