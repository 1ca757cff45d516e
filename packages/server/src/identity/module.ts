import type { Module } from '../modules.ts';
import { installActorHook } from './http.ts';
import { authRoutes } from './routes-auth.ts';
import { seedIdentityDemo } from './seed.ts';
import { createIdentityService, type IdentityService } from './service.ts';

declare module '../context.ts' {
  interface Services {
    identity: IdentityService;
  }
}

/** People, units, roles and scope; sessions and tokens; personal data; the audit log. */
export const identityModule: Module = {
  name: 'identity',
  start(ctx) {
    ctx.services.identity = createIdentityService(ctx);
  },
  async routes(app, ctx) {
    await installActorHook(app, ctx.services.identity.auth);
    await authRoutes(app, ctx);
  },
  seedDemo: seedIdentityDemo,
};
