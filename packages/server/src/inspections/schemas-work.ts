import { Type } from 'typebox';
import { CHECKLIST_TYPES } from './domain/places.ts';
import {
  DateTime,
  HazardStatus,
  Id,
  lit,
  Masked,
  nullable,
  obj,
  opt,
  Paging,
  Phone,
  Point,
  RegionCode,
  Severity,
  Text,
  Version,
} from './schemas-common.ts';
import { HazardSummary } from './schemas-places.ts';

/** Checklists, visits, hazards with their fix and re-check. */
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

export const PhotoUpload = obj({
  data: Type.String({ minLength: 8, maxLength: 8_000_000, pattern: '^[A-Za-z0-9+/=\\s]+$' }),
  takenAt: DateTime,
  lon: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
});
export const Photo = Type.Object({
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
export const HazardList = Type.Object({
  items: Type.Array(HazardSummary),
  /** Counted up to 10,000; beyond it `totalCapped` is true ("more than 10,000"). */
  total: Type.Integer(),
  totalCapped: Type.Boolean(),
});
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
