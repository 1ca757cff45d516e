import type { AppContext } from '../context.ts';
import type { Actor } from '../identity/index.ts';
import { agreementDocument } from './agreement-docx.ts';
import type { MediationAction } from './domain/mediation-machine.ts';
import { createFigures } from './service-figures.ts';
import { type NewDispute, registerDispute } from './service-intake.ts';
import { mediationAction } from './service-mediation.ts';
import { createPortal } from './service-portal.ts';
import { disputeDetail, disputeFor, type InboxQuery, listDisputes } from './service-read.ts';
import { createRegistry } from './service-registry.ts';
import { createScreening } from './service-screening.ts';

/** The disputes module's one service (`ctx.services.disputes`): what its routes and other modules call. */
export function createDisputesService(ctx: AppContext) {
  const registry = createRegistry(ctx);
  return {
    register: (actor: Actor, input: NewDispute) => registerDispute(ctx, actor, input),
    detail: (actor: Actor, caseId: number) => disputeDetail(ctx, actor, caseId),
    list: (actor: Actor, q: InboxQuery) => listDisputes(ctx, actor, q),
    act: (
      actor: Actor,
      caseId: number,
      action: MediationAction,
      payload: Record<string, unknown>,
      clientId?: string,
    ) => mediationAction(ctx, actor, caseId, action, payload, clientId),
    document: (actor: Actor, caseId: number, which: 'agreement' | 'judicial', ip?: string) =>
      agreementDocument(ctx, actor, caseId, which, ip),
    async suggestions(actor: Actor, caseId: number) {
      const { row } = await disputeFor(ctx, actor, caseId);
      return registry.suggestions(actor, { caseId, type: row.type, regionPath: row.region_path });
    },
    registry,
    screening: createScreening(ctx),
    figures: createFigures(ctx),
    portal: createPortal(ctx),
  };
}
export type DisputesService = ReturnType<typeof createDisputesService>;
