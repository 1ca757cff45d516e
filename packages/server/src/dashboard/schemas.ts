import { Type } from 'typebox';
import { RANKABLE, RATES } from './domain/figures.ts';
import { FIGURES } from './domain/rollup-contribution.ts';

const Nullable = <T extends ReturnType<typeof Type.Number>>(t: T) => Type.Union([t, Type.Null()]);

export const FiguresSchema = Type.Object({
  ...Object.fromEntries(FIGURES.map((f) => [f, Type.Number()])),
  rated: Type.Number(),
  ...Object.fromEntries(RATES.map((r) => [r, Nullable(Type.Number())])),
});

const Day = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'YYYY-MM-DD (China Standard Time)',
});
export const PeriodSchema = Type.Object({ from: Day, to: Day });
export const RegionRef = Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() });

export const DashboardQuerySchema = Type.Object({
  region: Type.Optional(Type.String({ description: 'root of the subtree (default: the caller’s scope)' })),
  from: Type.Optional(
    Type.String({ format: 'date', description: 'first day, YYYY-MM-DD (default: 29 days before `to`)' }),
  ),
  to: Type.Optional(Type.String({ format: 'date', description: 'last day, YYYY-MM-DD (default: today)' })),
  kind: Type.Optional(Type.String()),
  category: Type.Optional(Type.String()),
});

const Change = Type.Object({ delta: Nullable(Type.Number()), ratio: Nullable(Type.Number()) });

export const SummarySchema = Type.Object({
  region: RegionRef,
  period: PeriodSchema,
  previousPeriod: PeriodSchema,
  figures: FiguresSchema,
  previous: FiguresSchema,
  change: Type.Object(Object.fromEntries(RANKABLE.map((k) => [k, Change]))),
});

export const TrendSchema = Type.Object({
  region: RegionRef,
  period: PeriodSchema,
  days: Type.Array(Type.Intersect([Type.Object({ day: Day }), FiguresSchema])),
});

export const BreakdownSchema = Type.Object({
  region: RegionRef,
  period: PeriodSchema,
  kinds: Type.Array(Type.Object({ kind: Type.String(), figures: FiguresSchema })),
  categories: Type.Array(
    Type.Object({
      kind: Type.String(),
      category: Type.String(),
      nameZh: Type.String(),
      nameEn: Type.String(),
      figures: FiguresSchema,
    }),
  ),
});

export const ChildrenQuerySchema = Type.Intersect([
  DashboardQuerySchema,
  Type.Object({
    figure: Type.Optional(Type.String({ description: `one of: ${RANKABLE.join(', ')}` })),
    order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  }),
]);

export const ChildrenSchema = Type.Object({
  region: RegionRef,
  period: PeriodSchema,
  figure: Type.String(),
  order: Type.String(),
  items: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      level: Type.String(),
      value: Nullable(Type.Number()),
      figures: FiguresSchema,
    }),
  ),
});

export const OverdueQuerySchema = Type.Object({
  region: Type.Optional(Type.String()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});

export const OverdueSchema = Type.Object({
  region: RegionRef,
  total: Type.Integer(),
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      number: Type.String(),
      kind: Type.String(),
      category: Type.String(),
      title: Type.String(),
      status: Type.String(),
      level: Type.String(),
      gridCode: Type.Union([Type.String(), Type.Null()]),
      currentUnitId: Type.Union([Type.Integer(), Type.Null()]),
      isKey: Type.Boolean(),
      reportedAt: Type.String(),
      dueAt: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});
