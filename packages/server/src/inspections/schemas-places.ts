import { Type } from 'typebox';
import { PLACE_TYPES, RISK_TIERS } from './domain/places.ts';
import {
  Licence,
  lit,
  Masked,
  nullable,
  obj,
  opt,
  Paging,
  Phone,
  Point,
  RegionCode,
  Text,
  Version,
} from './schemas-common.ts';

/** Places: the registry, a place's page, the import. */
export const PlaceBody = obj({
  key: Text(100),
  name: Text(200),
  type: lit(PLACE_TYPES),
  sizeClass: opt(lit(['small', 'medium', 'large'] as const)),
  areaM2: opt(nullable(Type.Number({ minimum: 0, maximum: 10_000_000 }))),
  address: opt(nullable(Type.String({ maxLength: 500 }))),
  location: opt(nullable(Point)),
  gridCode: opt(nullable(RegionCode)),
  safetyGridCode: opt(nullable(RegionCode)),
  responsible: opt(
    nullable(obj({ name: opt(nullable(Type.String({ maxLength: 100 }))), phone: opt(nullable(Phone)) })),
  ),
  licences: opt(Type.Array(Licence, { maxItems: 20 })),
  riskTier: opt(lit(RISK_TIERS)),
});
export const PlacePatch = obj({
  ...Type.Partial(Type.Omit(PlaceBody, ['key'])).properties,
  retired: opt(Type.Boolean()),
  version: Version,
});
export const PlaceView = Type.Object({
  id: Type.Integer(),
  key: Type.String(),
  name: Type.String(),
  type: Type.String(),
  sizeClass: Type.String(),
  areaM2: nullable(Type.Number()),
  address: nullable(Type.String()),
  location: nullable(Point),
  gridCode: Type.String(),
  regionPath: Type.String(),
  safetyGridCode: nullable(Type.String()),
  responsible: nullable(Masked),
  licences: Type.Array(
    Type.Object({ kind: Type.String(), number: Type.String(), validUntil: opt(nullable(Type.String())) }),
  ),
  riskTier: Type.String(),
  recurrences: Type.Integer(),
  lastInspectedAt: nullable(Type.String()),
  nextDueAt: Type.String(),
  overdue: Type.Boolean(),
  retired: Type.Boolean(),
  version: Type.Integer(),
});
export const PlaceListQuery = obj({
  region: opt(RegionCode),
  type: opt(lit(PLACE_TYPES)),
  riskTier: opt(lit(RISK_TIERS)),
  q: opt(Type.String({ minLength: 1, maxLength: 100 })),
  overdue: opt(Type.Boolean()),
  ...Paging,
});
export const PlaceList = Type.Object({
  items: Type.Array(PlaceView),
  /** Counted up to 10,000; beyond it `totalCapped` is true ("more than 10,000"). */
  total: Type.Integer(),
  totalCapped: Type.Boolean(),
});
export const HazardSummary = Type.Object({
  id: Type.Integer(),
  placeId: Type.Integer(),
  inspectionId: Type.Integer(),
  itemCode: Type.String(),
  itemText: Type.String(),
  severity: Type.String(),
  status: Type.String(),
  foundAt: Type.String(),
  deadlineAt: Type.String(),
  overdue: Type.Boolean(),
  redCard: Type.Boolean(),
  recurrence: Type.Boolean(),
  extensions: Type.Integer(),
  caseId: nullable(Type.Integer()),
  caseNumber: nullable(Type.String()),
  gridCode: Type.String(),
});
export const PlacePage = Type.Object({
  place: Type.Object({ ...PlaceView.properties, gridName: nullable(Type.String()) }),
  inspections: Type.Array(
    Type.Object({
      id: Type.Integer(),
      at: Type.String(),
      inspectorName: Type.String(),
      failed: Type.Integer(),
      templateId: Type.Integer(),
      campaignId: nullable(Type.Integer()),
    }),
  ),
  hazards: Type.Array(HazardSummary),
});
export const ImportQuery = obj({ dryRun: opt(Type.Boolean()) });
export const ImportResult = Type.Object({
  rows: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  dryRun: Type.Boolean(),
});
