/** The inspections module's public face: its service type and the vocabulary other modules may use. */

export { SEVERITIES, type Severity } from './domain/hazards.ts';
export { PLACE_TYPES, type PlaceType, RISK_TIERS, type RiskTier } from './domain/places.ts';
export type { InspectionsService } from './service.ts';
