import type { Module } from '../context.ts';
import { disputeKind } from './kind.ts';
import { moveDisputes } from './region-move.ts';
import { disputeRoutes } from './routes-disputes.ts';
import { ledgerRoutes } from './routes-ledger.ts';
import { portalMediationRoutes } from './routes-portal.ts';
import { registryRoutes } from './routes-registry.ts';
import { seedDisputes } from './seed.ts';
import { createDisputesService, type DisputesService } from './service.ts';

declare module '../context.ts' {
  interface Services {
    disputes: DisputesService;
  }
}

/**
 * Disputes and mediation (矛盾纠纷多元化解): disputes as cases of kind dispute with their own
 * data, screening, the mediation organisations and mediators, the mediation with its sessions,
 * agreement and judicial confirmation, the parties' portal pages, and the figures.
 */
export const disputesModule: Module = {
  name: 'disputes',
  start(ctx) {
    ctx.services.caseKinds.register(disputeKind(ctx));
    ctx.services.disputes = createDisputesService(ctx);
    ctx.services.regions.onMove(moveDisputes);
  },
  async routes(app, ctx) {
    await disputeRoutes(app, ctx);
    await registryRoutes(app, ctx);
    await portalMediationRoutes(app, ctx);
    await ledgerRoutes(app, ctx);
  },
  seedDemo: seedDisputes,
};
