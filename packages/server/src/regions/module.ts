import type { Module } from '../context.ts';
import { seedTianjinRegions } from './demo/seed.ts';
import { regionRoutes } from './routes.ts';
import { RegionsService } from './service.ts';

/**
 * The city tree (city > district > street > community > grid): its service
 * (`ctx.services.regions`), the regions API and locate, and the Tianjin demo city.
 */
export const regionsModule: Module = {
  name: 'regions',
  start(ctx) {
    ctx.services.regions = new RegionsService(ctx);
  },
  routes: regionRoutes,
  async stop(ctx) {
    await ctx.services.regions?.locator.settle();
  },
  async seedDemo(ctx) {
    await seedTianjinRegions(ctx);
    ctx.services.regions.locator.invalidate();
  },
};
