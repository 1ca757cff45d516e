import type { Module } from '../context.ts';
import { rewritePathPrefix } from '../regions/index.ts';
import { installActorHook } from './http.ts';
import { auditRoutes } from './routes-audit.ts';
import { authRoutes } from './routes-auth.ts';
import { unitRoutes } from './routes-units.ts';
import { userRoutes } from './routes-users.ts';
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
    // Jurisdictions, posts and people's places follow a moved region (the audit log keeps its paths).
    ctx.services.regions.onMove(async (trx, move) => {
      for (const table of ['unit', 'user_post', 'person'])
        await rewritePathPrefix(trx, table, 'region_path', move);
    });
  },
  async routes(app, ctx) {
    await installActorHook(app, ctx.services.identity.auth);
    await authRoutes(app, ctx);
    await userRoutes(app, ctx);
    await unitRoutes(app, ctx);
    await auditRoutes(app, ctx);
  },
  seedDemo: seedIdentityDemo,
};
