import type { Module } from '../context.ts';
import { portalRoutes } from './routes.ts';
import { portalPhotoRoutes } from './routes-photos.ts';

/** The residents' portal API (/api/v1/portal/*); the page itself is packages/web/src/portal. */
export const portalModule: Module = {
  name: 'portal',
  routes: async (app, ctx) => {
    await portalRoutes(app, ctx);
    await portalPhotoRoutes(app, ctx);
  },
};
