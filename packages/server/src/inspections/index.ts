/** The inspections module's public face: its service type and the vocabulary other modules may use. */

export { countedBoard, keptBoard, rebuildBoard } from './board-counters.ts';
export {
  EXTENSION_DAYS,
  RECTIFY_DAYS,
  RECURRENCE_WINDOW_DAYS,
  SEVERITIES,
  type Severity,
} from './domain/hazards.ts';
export {
  checklistTypeOf,
  INSPECTION_INTERVAL_DAYS,
  PLACE_TYPES,
  type PlaceType,
  RISK_TIERS,
  type RiskTier,
  raisedTier,
} from './domain/places.ts';
export type { InspectionsService } from './service.ts';
