/** The disputes module's public face: its service type and the facts other modules may show. */

export {
  categoryOf,
  DISPUTE_TYPES,
  type DisputeType,
  isGroupDispute,
  priorityOf,
  type RiskLevel,
  type ViolenceSignal,
} from './domain/dispute-facts.ts';
export { DISPUTE_FIGURES } from './domain/figures.ts';
export type { DisputesService } from './service.ts';
