import type { AppContext } from '../context.ts';
import type { Actor } from '../identity/index.ts';
import { listHazards } from './service-hazards.ts';
import { placePage } from './service-place-page.ts';

/** What other modules may call (`ctx.services.inspections`): a place's page and the hazard ledger. */
export function createInspectionsService(ctx: AppContext) {
  return {
    placePage: (actor: Actor, id: number) => placePage(ctx, actor, id),
    hazards: (actor: Actor, f: Parameters<typeof listHazards>[2]) => listHazards(ctx, actor, f),
  };
}

export type InspectionsService = ReturnType<typeof createInspectionsService>;
