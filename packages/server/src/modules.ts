import type { FastifyInstance } from 'fastify';
import { casesModule } from './cases/module.ts';
import { casesTimeModule } from './cases/time-module.ts';
import type { AppContext } from './context.ts';
import { dashboardModule } from './dashboard/module.ts';
import { healthModule } from './health/module.ts';
import { identityModule } from './identity/module.ts';
import { open311Module } from './open311/module.ts';
import { portalModule } from './portal/module.ts';
import { regionsModule } from './regions/module.ts';
import { setupModule } from './setup/module.ts';
import { webModule } from './web/module.ts';

/**
 * A domain module: its services start with the app (in list order, so a module may use the
 * services of those before it), its routes are registered under the API, and it stops with it.
 */
export interface Module {
  name: string;
  start?(ctx: AppContext): Promise<void> | void;
  routes?(app: FastifyInstance, ctx: AppContext): Promise<void> | void;
  stop?(ctx: AppContext): Promise<void> | void;
  /** Seed the demo city's data for this module (idempotent). */
  seedDemo?(ctx: AppContext): Promise<void>;
}

// webModule stays last: its catch-all GET serves the console for every path no module claims.
export const modules: Module[] = [
  healthModule,
  regionsModule,
  identityModule,
  casesModule,
  casesTimeModule,
  open311Module,
  portalModule,
  dashboardModule,
  setupModule,
  webModule,
];
