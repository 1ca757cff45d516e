import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.ts';
import { TimeLimitsSchema } from '../domain/deadlines.ts';
import { KINDS } from '../read/case-routes.ts';
import { type CategoryChanges, getCategory, listCategories, updateCategory } from './category-service.ts';

const opt = Type.Optional;
const Option = Type.Object(
  {
    value: Type.String({ minLength: 1, maxLength: 60 }),
    label_zh: Type.String({ minLength: 1, maxLength: 100 }),
    label_en: Type.String({ maxLength: 100 }),
  },
  { additionalProperties: false },
);
export const Attribute = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 40 }),
    label_zh: Type.String({ minLength: 1, maxLength: 100 }),
    label_en: Type.String({ maxLength: 100 }),
    type: Type.Union(['text', 'number', 'date', 'single', 'multiple'].map((t) => Type.Literal(t))),
    required: Type.Boolean(),
    options: opt(Type.Array(Option, { maxItems: 100 })),
  },
  { additionalProperties: false },
);
const CategoryPatch = Type.Object(
  {
    nameZh: opt(Type.String({ minLength: 1, maxLength: 100 })),
    nameEn: opt(Type.String({ minLength: 1, maxLength: 100 })),
    responsibleUnitType: opt(Type.String({ minLength: 1, maxLength: 60 })),
    timeLimits: opt(TimeLimitsSchema),
    duplicateRadiusM: opt(Type.Integer({ minimum: 0, maximum: 10_000 })),
    duplicateWindowHours: opt(Type.Integer({ minimum: 0, maximum: 24 * 365 })),
    attributes: opt(Type.Array(Attribute, { maxItems: 50 })),
    openToResidents: opt(Type.Boolean()),
    sortOrder: opt(Type.Integer({ minimum: 0, maximum: 100_000 })),
    retired: opt(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
const N = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
/** A category as every answer shows it (category-service.ts toCategory). */
export const CategorySchema = Type.Object({
  code: Type.String(),
  kind: Type.String(),
  parentCode: N(Type.String()),
  nameZh: Type.String(),
  nameEn: Type.String(),
  responsibleUnitType: N(Type.String()),
  timeLimits: Type.Record(Type.String(), Type.Unknown(), {
    description: 'the time limits per step (TimeLimits)',
  }),
  duplicateRadiusM: N(Type.Integer()),
  duplicateWindowHours: N(Type.Integer()),
  attributes: Type.Array(Attribute),
  openToResidents: Type.Boolean(),
  sortOrder: Type.Integer(),
  retired: Type.Boolean(),
});
const CodeParam = Type.Object({ code: Type.String({ pattern: '^[a-z]+\\.[a-z0-9_]+$' }) });

export async function categoryRoutes(app: FastifyInstance, ctx: AppContext) {
  const tags = ['cases'];
  app.get(
    '/api/v1/categories',
    {
      schema: {
        tags,
        summary: 'The case taxonomy: groups and categories of a kind, with limits and attributes',
        querystring: Type.Object({
          kind: opt(Type.Union(KINDS.map((k) => Type.Literal(k)))),
          includeRetired: opt(Type.Boolean()),
        }),
        response: { 200: Type.Object({ items: Type.Array(CategorySchema) }) },
      },
    },
    async (request) => ({ items: await listCategories(ctx, request.query as never) }),
  );
  app.get(
    '/api/v1/categories/:code',
    { schema: { tags, summary: 'One category', params: CodeParam, response: { 200: CategorySchema } } },
    async (request) => getCategory(ctx, (request.params as { code: string }).code),
  );
  app.patch(
    '/api/v1/categories/:code',
    {
      schema: {
        tags,
        summary: 'Edit a category (administrators)',
        params: CodeParam,
        body: CategoryPatch,
        response: { 200: CategorySchema },
      },
    },
    async (request) =>
      updateCategory(
        ctx,
        request.actor,
        (request.params as { code: string }).code,
        request.body as CategoryChanges,
      ),
  );
}
