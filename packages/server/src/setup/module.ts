import type { Module } from '../context.ts';
import { setupRoutes } from './routes.ts';
import { createSetupService, type SetupService } from './service.ts';

declare module '../context.ts' {
  interface Services {
    setup: SetupService;
  }
}

/**
 * Taking a city live: its profile (name, code, map centre, portal text), the first
 * administrator (`npm run setup`), the setup files (divisions, boundaries, grids, units and
 * users, categories, calendar: handed to the modules whose data they are), the checklist and
 * the go-live step.
 */
export const setupModule: Module = {
  name: 'setup',
  start(ctx) {
    ctx.services.setup = createSetupService(ctx);
  },
  routes: setupRoutes,
};
