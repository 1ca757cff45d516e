import type { Module } from '../context.ts';
import { portalRoutes } from './routes.ts';

/** The residents' portal API (/api/v1/portal/*); the page itself is packages/web/src/portal. */
export const portalModule: Module = {
  name: 'portal',
  routes: (app, ctx) => portalRoutes(app, ctx),
};
