import { casesModule } from './cases/module.ts';
import { casesTimeModule } from './cases/time/time-module.ts';
import type { Module } from './context.ts';
import { dashboardModule } from './dashboard/module.ts';
import { demoModule } from './demo/module.ts';
import { disputesModule } from './disputes/module.ts';
import { healthModule } from './health/module.ts';
import { identityModule } from './identity/module.ts';
import { inspectionsModule } from './inspections/module.ts';
import { open311Module } from './open311/module.ts';
import { portalModule } from './portal/module.ts';
import { regionsModule } from './regions/module.ts';
import { setupModule } from './setup/module.ts';
import { webModule } from './web/module.ts';

export type { Module } from './context.ts';

// webModule stays last: its catch-all GET serves the console for every path no module claims.
export const modules: Module[] = [
  healthModule,
  regionsModule,
  identityModule,
  casesModule,
  casesTimeModule,
  open311Module,
  portalModule,
  disputesModule,
  dashboardModule,
  inspectionsModule,
  setupModule,
  demoModule,
  webModule,
];
