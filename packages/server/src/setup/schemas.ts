import { Type } from 'typebox';

export const BaseMapSchema = Type.Object(
  {
    url: Type.String({
      minLength: 12,
      maxLength: 1000,
      pattern: '^https?://\\S+$',
      description:
        'XYZ or WMTS (KVP, Web Mercator) tile URL with {z}, {x} and {y}, e.g. 天地图 https://t0.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=<key>',
    }),
    crs: Type.Union([Type.Literal('wgs84'), Type.Literal('gcj02')], {
      description:
        'the coordinate system the tiles are drawn in (天地图: wgs84; most Chinese web maps: gcj02)',
    }),
    attribution: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const CityProfileSchema = Type.Object({
  code: Type.Union([Type.String(), Type.Null()]),
  name: Type.Union([Type.String(), Type.Null()]),
  centre: Type.Union([Type.Tuple([Type.Number(), Type.Number()]), Type.Null()]),
  zoom: Type.Number(),
  portalTitle: Type.Union([Type.String(), Type.Null()]),
  portalIntro: Type.Union([Type.String(), Type.Null()]),
  baseMap: Type.Union([BaseMapSchema, Type.Null()], {
    description: 'tiles under the boundaries; null: the boundaries and their labels alone',
  }),
  live: Type.Boolean(),
  liveAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  demo: Type.Boolean(),
  demoBanner: Type.Boolean({ description: 'show the "not live yet" banner' }),
});

export const ProfileChangesSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    centre: Type.Optional(
      Type.Union([
        Type.Tuple([
          Type.Number({ minimum: -180, maximum: 180 }),
          Type.Number({ minimum: -90, maximum: 90 }),
        ]),
        Type.Null(),
      ]),
    ),
    zoom: Type.Optional(Type.Union([Type.Number({ minimum: 1, maximum: 20 }), Type.Null()])),
    portalTitle: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()])),
    portalIntro: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 2000 }), Type.Null()])),
    baseMap: Type.Optional(Type.Union([BaseMapSchema, Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const StepSchema = Type.Object({
  key: Type.String(),
  state: Type.Union([Type.Literal('done'), Type.Literal('todo'), Type.Literal('advice')]),
  figures: Type.Record(Type.String(), Type.Number()),
  missing: Type.Array(Type.String()),
});

export const StatusSchema = Type.Object({
  city: CityProfileSchema,
  steps: Type.Array(StepSchema),
  canGoLive: Type.Boolean(),
});

export const DryRun = Type.Optional(
  Type.Boolean({ description: 'only check the file: report what it would do, write nothing' }),
);

export const DivisionsResult = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  dryRun: Type.Boolean(),
});
export const BoundariesResult = Type.Object({ updated: Type.Integer(), dryRun: Type.Boolean() });
export const GridsResult = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  partitioned: Type.Integer(),
  derived: Type.Integer(),
  dryRun: Type.Boolean(),
});
export const StaffResult = Type.Object({
  units: Type.Object({ created: Type.Integer(), updated: Type.Integer() }),
  users: Type.Object({ created: Type.Integer(), updated: Type.Integer(), posts: Type.Integer() }),
  dryRun: Type.Boolean(),
  passwordSheet: Type.Union([
    Type.Object({
      id: Type.String({ format: 'uuid' }),
      expiresAt: Type.String({ format: 'date-time' }),
      users: Type.Integer(),
    }),
    Type.Null(),
  ]),
});
export const CategoriesResult = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  dryRun: Type.Boolean(),
});
export const CalendarResult = Type.Object({
  year: Type.Integer(),
  off: Type.Integer(),
  work: Type.Integer(),
  replaced: Type.Integer(),
  dryRun: Type.Boolean(),
});
export const Xlsx = Type.Unsafe<Buffer>({
  type: 'string',
  format: 'binary',
  description: 'an Excel workbook (.xlsx)',
});
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
