import { type TSchema, Type } from 'typebox';
import { BOARD_FIGURES } from './domain/board.ts';
import { CHECKLIST_TYPES, PLACE_TYPES, RISK_TIERS } from './domain/places.ts';

const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const opt = Type.Optional;
const obj = <T extends Record<string, TSchema>>(p: T) => Type.Object(p, { additionalProperties: false });
const nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Id = Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 });
export const IdParams = obj({ id: Type.String({ pattern: '^[0-9]{1,15}$' }) });
const RegionCode = Type.String({ pattern: '^[0-9]{6,18}$' });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Point = obj({
  lon: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
});
const Phone = Type.String({ pattern: '^[0-9+\\- ]{5,20}$' });
const DateTime = Type.String({ format: 'date-time' });
const Day = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });
const Version = opt(Type.Integer({ minimum: 1 }));
const Paging = {
  limit: opt(Type.Integer({ minimum: 1, maximum: 500 })),
  offset: opt(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
};
const Severity = lit(['major', 'general', 'minor'] as const);
const HazardStatus = lit(['open', 'rectified', 'closed', 'escalated'] as const);
const Licence = obj({ kind: Text(50), number: Text(100), validUntil: opt(nullable(Day)) });
const Masked = Type.Object({
  id: Type.Integer(),
  name: nullable(Type.String()),
  phone: nullable(Type.String()),
  idNumber: nullable(Type.String()),
  address: nullable(Type.String()),
  masked: Type.Literal(true),
});

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
  q: opt(Type.String({ minLength: 1, maxLength: 100 })),
  overdue: opt(Type.Boolean()),
  ...Paging,
});
export const PlaceList = Type.Object({ items: Type.Array(PlaceView), total: Type.Integer() });
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

export const ChecklistItem = obj({
  code: Type.String({ pattern: '^[a-z0-9_.]{1,50}$' }),
  textZh: Text(300),
  textEn: Text(300),
  legalBasis: Text(300),
  severity: Severity,
  answerType: lit(['pass_fail', 'count'] as const),
  min: opt(Type.Integer({ minimum: 0, maximum: 1000 })),
  photoOnFail: Type.Boolean(),
  category: lit([
    'hazard.fire',
    'hazard.gas',
    'hazard.chemicals',
    'hazard.construction',
    'hazard.special_equipment',
    'hazard.food_drug',
  ] as const),
});
export const ChecklistBody = obj({
  placeType: lit(CHECKLIST_TYPES),
  title: Text(200),
  items: Type.Array(ChecklistItem, { minItems: 1, maxItems: 100 }),
});
export const ChecklistView = Type.Object({
  id: Type.Integer(),
  placeType: Type.String(),
  version: Type.Integer(),
  title: Type.String(),
  items: Type.Array(ChecklistItem),
  createdAt: Type.String(),
});
export const ChecklistQuery = obj({ placeType: opt(lit(CHECKLIST_TYPES)) });
export const ChecklistList = Type.Object({ items: Type.Array(ChecklistView) });

const PhotoUpload = obj({
  data: Type.String({ minLength: 8, maxLength: 8_000_000, pattern: '^[A-Za-z0-9+/=\\s]+$' }),
  takenAt: DateTime,
  lon: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
});
const Photo = Type.Object({
  sha256: Type.String(),
  takenAt: Type.String(),
  lon: Type.Number(),
  lat: Type.Number(),
});
export const VisitBody = obj({
  placeId: Id,
  templateId: Id,
  campaignId: opt(nullable(Id)),
  location: opt(nullable(Point)),
  personMet: opt(
    nullable(
      obj({
        name: Text(100),
        phone: opt(nullable(Phone)),
        role: opt(nullable(Type.String({ maxLength: 50 }))),
      }),
    ),
  ),
  answers: Type.Array(
    obj({
      itemCode: Text(50),
      outcome: lit(['pass', 'fail', 'na'] as const),
      value: opt(Type.Number({ minimum: 0, maximum: 100_000 })),
      note: opt(Type.String({ maxLength: 1000 })),
      photos: opt(Type.Array(PhotoUpload, { maxItems: 5 })),
    }),
    { minItems: 1, maxItems: 100 },
  ),
});
export const VisitView = Type.Object({
  id: Type.Integer(),
  placeId: Type.Integer(),
  templateId: Type.Integer(),
  campaignId: nullable(Type.Integer()),
  inspectorName: Type.String(),
  personMet: nullable(Masked),
  at: Type.String(),
  location: nullable(Point),
  failed: Type.Integer(),
  answers: Type.Array(
    Type.Object({
      itemCode: Type.String(),
      outcome: Type.String(),
      value: opt(Type.Number()),
      note: opt(Type.String()),
      photos: opt(Type.Array(Photo)),
    }),
  ),
  hazards: Type.Array(
    Type.Object({
      id: Type.Integer(),
      itemCode: Type.String(),
      severity: Type.String(),
      status: Type.String(),
      deadlineAt: Type.String(),
      recurrence: Type.Boolean(),
      caseNumber: nullable(Type.String()),
    }),
  ),
});

export const HazardQuery = obj({
  region: opt(RegionCode),
  status: opt(HazardStatus),
  overdue: opt(Type.Boolean()),
  campaignId: opt(Id),
  ...Paging,
});
export const HazardList = Type.Object({ items: Type.Array(HazardSummary), total: Type.Integer() });
export const HazardView = Type.Object({
  ...HazardSummary.properties,
  placeName: Type.String(),
  placeType: Type.String(),
  evidence: nullable(Type.Object({ note: opt(Type.String()), photos: opt(Type.Array(Photo)) })),
  rectifiedAt: nullable(Type.String()),
  closedAt: nullable(Type.String()),
  version: Type.Integer(),
  events: Type.Array(
    Type.Object({
      action: Type.String(),
      actorName: nullable(Type.String()),
      payload: Type.Record(Type.String(), Type.Unknown()),
      at: Type.String(),
    }),
  ),
});
export const RectifyBody = obj({
  note: Text(2000),
  photos: Type.Array(PhotoUpload, { minItems: 1, maxItems: 5 }),
  version: Version,
});
export const RecheckBody = obj({
  result: lit(['pass', 'fail'] as const),
  note: Text(2000),
  photos: opt(Type.Array(PhotoUpload, { maxItems: 5 })),
  version: Version,
});

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
const BoardRow = Type.Object({
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

const Tier = lit(['red', 'orange', 'yellow', 'blue'] as const);
export const RiskSourceBody = obj({
  name: Text(200),
  kind: Text(50),
  placeId: opt(nullable(Id)),
  location: Point,
  tier: Tier,
  plan: obj({ checker: Text(100), what: Text(500), everyDays: Type.Integer({ minimum: 1, maximum: 366 }) }),
});
const RiskSourceView = Type.Object({
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
  sources: Type.Array(RiskSourceView),
  grids: Type.Array(
    Type.Object({ gridCode: Type.String(), openHazards: Type.Integer(), overdueHazards: Type.Integer() }),
  ),
});
export const RiskSourceCreated = RiskSourceView;
