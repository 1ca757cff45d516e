/** The disputes module's public face: its service type and the facts other modules may show. */

export { DISPUTE_TYPES, type DisputeType } from './domain/dispute-facts.ts';
export { DISPUTE_FIGURES } from './domain/figures.ts';
export type { DisputesService } from './service.ts';
