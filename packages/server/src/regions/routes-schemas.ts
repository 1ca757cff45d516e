import { Type } from 'typebox';
import { MAX_NAME_LENGTH } from './domain/divisions-csv.ts';
import { MAX_TOLERANCE } from './domain/simplification.ts';

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const Level = Type.Union([
  Type.Literal('city'),
  Type.Literal('district'),
  Type.Literal('street'),
  Type.Literal('community'),
  Type.Literal('grid'),
]);
export const GridKind = Type.Union([Type.Literal('basic'), Type.Literal('dedicated')]);
export const DedicatedType = Type.Union([
  Type.Literal('school'),
  Type.Literal('hospital'),
  Type.Literal('enterprise'),
  Type.Literal('park'),
  Type.Literal('market'),
  Type.Literal('government'),
  Type.Literal('other'),
]);

/** A region code in a URL: 12 digits, or a grid's 12 + the configured sequence width. */
export const codeParams = (gridCodeWidth: number) =>
  Type.Object({
    code: Type.String({
      pattern: `^[0-9]{12}([0-9]{${gridCodeWidth}})?$`,
      description: `12-digit division code, or a grid code (community code + ${gridCodeWidth} digits)`,
    }),
  });

const Count = Type.Integer({ minimum: 0, maximum: 1_000_000_000 });
const Bbox = Type.Array(Type.Number(), {
  minItems: 4,
  maxItems: 4,
  description: '[minLon, minLat, maxLon, maxLat]',
});

export const RegionRef = Type.Object({ code: Type.String(), name: Type.String(), level: Level });

const regionFields = {
  code: Type.String(),
  parentCode: nullable(Type.String()),
  level: Level,
  name: Type.String(),
  path: Type.String({ description: "ancestors' codes and its own, '/'-joined, ending in '/'" }),
  depth: Type.Integer(),
  gridKind: nullable(GridKind),
  dedicatedType: nullable(DedicatedType),
  households: nullable(Type.Integer()),
  population: nullable(Type.Integer()),
  bbox: nullable(Bbox),
  retiredAt: nullable(Type.String({ format: 'date-time' })),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  version: Type.Integer(),
};

export const Region = Type.Object(regionFields);
export const RegionDetail = Type.Object({
  ...regionFields,
  ancestors: Type.Array(RegionRef, { description: 'root first, ending with the parent' }),
  childCount: Type.Integer(),
  boundary: Type.Unknown({ description: 'GeoJSON Polygon or MultiPolygon (lon/lat), or null' }),
});
export const RegionWithChildren = Type.Object({ ...regionFields, childCount: Type.Integer() });
export const RegionFound = Type.Object({ ...regionFields, ancestorNames: Type.Array(Type.String()) });
export const RetiredRegion = Type.Object({ ...regionFields, retiredCount: Type.Integer() });

export const ChildrenQuery = Type.Object({ includeRetired: Type.Optional(Type.Boolean()) });

export const SearchQuery = Type.Object({
  q: Type.Optional(
    Type.String({ minLength: 1, maxLength: MAX_NAME_LENGTH, description: 'part of the name' }),
  ),
  codePrefix: Type.Optional(Type.String({ pattern: '^[0-9]{1,24}$' })),
  level: Type.Optional(Level),
  within: Type.Optional(Type.String({ pattern: '^[0-9]{12,24}$', description: 'only inside this region' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
  includeRetired: Type.Optional(Type.Boolean()),
});

export const Counts = Type.Object({
  code: Type.String(),
  counts: Type.Object({
    city: Type.Integer(),
    district: Type.Integer(),
    street: Type.Integer(),
    community: Type.Integer(),
    grid: Type.Integer(),
  }),
  dedicatedGrids: Type.Integer(),
});

export const BoundariesQuery = Type.Object({
  level: Type.Optional(Level),
  simplify: Type.Optional(
    Type.Number({
      minimum: 0,
      maximum: MAX_TOLERANCE,
      description: 'tolerance in degrees; 0 = exact; default: by extent',
    }),
  ),
});

const Feature = Type.Object({
  type: Type.Literal('Feature'),
  id: Type.String(),
  properties: Type.Object({ code: Type.String(), name: Type.String(), level: Level }),
  geometry: Type.Unknown(),
});
export const BoundaryCollection = Type.Object({
  type: Type.Literal('FeatureCollection'),
  bbox: Type.Optional(Bbox),
  tolerance: Type.Number(),
  features: Type.Array(Feature),
});

const nullableOf = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
/** GET /regions/{code}/export: the subtree, parents first, re-importable by properties.code. */
export const RegionExport = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(
    Type.Object({
      type: Type.Literal('Feature'),
      id: Type.String(),
      properties: Type.Object({
        code: Type.String(),
        name: Type.String(),
        level: Level,
        parentCode: nullableOf(Type.String()),
        gridKind: nullableOf(Type.String({ description: 'basic or dedicated (grids only)' })),
        dedicatedType: Type.Union([Type.String(), Type.Null()]),
        households: Type.Union([Type.Integer(), Type.Null()]),
        population: Type.Union([Type.Integer(), Type.Null()]),
        retiredAt: nullableOf(Type.String({ format: 'date-time' })),
      }),
      geometry: Type.Unknown({ description: 'GeoJSON geometry (WGS-84) or null' }),
    }),
  ),
});

export const ExportQuery = Type.Object({ includeRetired: Type.Optional(Type.Boolean()) });

export const LocateQuery = Type.Object({
  lon: Type.Number({ minimum: -180, maximum: 180, description: 'longitude (WGS 84)' }),
  lat: Type.Number({ minimum: -90, maximum: 90, description: 'latitude (WGS 84)' }),
});
export const Located = Type.Object({
  grid: Region,
  ancestors: Type.Array(RegionRef, { description: 'root first, ending with the community' }),
});

export const HistoryEntry = Type.Object({
  id: Type.Integer(),
  action: Type.String(),
  payload: Type.Unknown(),
  actorId: nullable(Type.Integer()),
  at: Type.String({ format: 'date-time' }),
});

const Name = Type.String({ minLength: 1, maxLength: MAX_NAME_LENGTH });

export const CreateBody = Type.Object(
  {
    code: Type.String({ maxLength: 32 }),
    name: Name,
    level: Level,
    parentCode: nullable(Type.String({ maxLength: 32 })),
    gridKind: Type.Optional(GridKind),
    dedicatedType: Type.Optional(nullable(DedicatedType)),
    households: Type.Optional(nullable(Count)),
    population: Type.Optional(nullable(Count)),
    boundary: Type.Optional(Type.Unknown({ description: 'GeoJSON Polygon or MultiPolygon, lon/lat' })),
  },
  { additionalProperties: false },
);

export const UpdateBody = Type.Object(
  {
    name: Type.Optional(Name),
    gridKind: Type.Optional(GridKind),
    dedicatedType: Type.Optional(nullable(DedicatedType)),
    households: Type.Optional(nullable(Count)),
    population: Type.Optional(nullable(Count)),
    boundary: Type.Optional(Type.Unknown({ description: 'GeoJSON Polygon or MultiPolygon; null clears it' })),
    version: Type.Optional(
      Type.Integer({ minimum: 1, description: 'the version you last read (409 if stale)' }),
    ),
  },
  { additionalProperties: false },
);

export const MoveBody = Type.Object(
  {
    parentCode: Type.String({ maxLength: 32 }),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

export const RetireBody = Type.Object(
  {
    cascade: Type.Optional(Type.Boolean({ description: 'also retire every active descendant' })),
    reason: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const BoundaryImportBody = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(
    Type.Object({
      type: Type.Literal('Feature'),
      properties: Type.Object({ code: Type.String({ maxLength: 32 }) }),
      geometry: Type.Unknown(),
    }),
    { minItems: 1 },
  ),
});

export const DivisionsImportResult = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  dryRun: Type.Boolean({ description: 'true: the file was only checked, nothing written' }),
});
export const BoundaryImportResult = Type.Object({ updated: Type.Integer(), dryRun: Type.Boolean() });
export const DryRunQuery = Type.Object({
  dryRun: Type.Optional(Type.Boolean({ description: 'only check the file: report what it would do' })),
});
