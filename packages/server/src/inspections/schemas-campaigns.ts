import { Type } from 'typebox';
import { BOARD_FIGURES } from './domain/board.ts';
import { PLACE_TYPES } from './domain/places.ts';
import {
  Day,
  Id,
  lit,
  nullable,
  obj,
  opt,
  Paging,
  Point,
  RegionCode,
  Text,
  Version,
} from './schemas-common.ts';
import { HazardSummary, PlaceView } from './schemas-places.ts';

/** Campaigns with their board, risk sources and the risk map. */
export const CampaignBody = obj({
  name: Text(200),
  regionCode: RegionCode,
  placeTypes: Type.Array(lit(PLACE_TYPES), { minItems: 1, maxItems: 11 }),
  startsOn: Day,
  endsOn: Day,
  targetCoverage: opt(Type.Number({ minimum: 0, maximum: 1 })),
  targetFixed: opt(Type.Number({ minimum: 0, maximum: 1 })),
  templateId: opt(nullable(Id)),
});
export const CampaignView = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  regionCode: Type.String(),
  placeTypes: Type.Array(Type.String()),
  startsOn: Type.String(),
  endsOn: Type.String(),
  targetCoverage: Type.Number(),
  targetFixed: Type.Number(),
  templateId: nullable(Type.Integer()),
});
export const CampaignList = Type.Object({ items: Type.Array(CampaignView) });
export const BoardRow = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: Type.String(),
  due: Type.Integer(),
  visited: Type.Integer(),
  found: Type.Integer(),
  fixed: Type.Integer(),
  overdue: Type.Integer(),
  coverage: Type.Number(),
  fixedRate: Type.Number(),
  coverageMet: Type.Boolean(),
  fixedMet: Type.Boolean(),
});
export const BoardQuery = obj({ region: opt(RegionCode) });
export const Board = Type.Object({
  campaign: CampaignView,
  region: Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() }),
  total: BoardRow,
  children: Type.Array(BoardRow),
});
export const BoardRowsQuery = obj({ region: opt(RegionCode), figure: lit(BOARD_FIGURES), ...Paging });
export const BoardRows = Type.Object({
  figure: Type.String(),
  total: Type.Integer(),
  places: Type.Array(PlaceView),
  hazards: Type.Array(HazardSummary),
});

export const Tier = lit(['red', 'orange', 'yellow', 'blue'] as const);
export const RiskSourceBody = obj({
  name: Text(200),
  kind: Text(50),
  placeId: opt(nullable(Id)),
  location: Point,
  tier: Tier,
  plan: obj({ checker: Text(100), what: Text(500), everyDays: Type.Integer({ minimum: 1, maximum: 366 }) }),
});
export const RiskSourceView = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  kind: Type.String(),
  placeId: nullable(Type.Integer()),
  gridCode: Type.String(),
  location: Point,
  tier: Type.String(),
  plan: Type.Object({ checker: Type.String(), what: Type.String(), everyDays: Type.Integer() }),
  version: Type.Integer(),
});
export const RiskSourceDetail = Type.Object({
  ...RiskSourceView.properties,
  tierLog: Type.Array(
    Type.Object({
      fromTier: nullable(Type.String()),
      toTier: Type.String(),
      reason: Type.String(),
      at: Type.String(),
    }),
  ),
});
export const TierBody = obj({ tier: Tier, reason: Text(1000), version: Version });
export const RiskMapQuery = obj({ region: opt(RegionCode) });
export const RiskMap = Type.Object({
  sources: Type.Array(Type.Object({ ...RiskSourceView.properties, gridName: nullable(Type.String()) })),
  grids: Type.Array(
    Type.Object({
      gridCode: Type.String(),
      gridName: nullable(Type.String()),
      openHazards: Type.Integer(),
      overdueHazards: Type.Integer(),
    }),
  ),
});
export const RiskSourceCreated = RiskSourceView;
