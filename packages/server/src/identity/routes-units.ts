import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../context.ts';
import { requireStaff } from './http.ts';
import { originOf } from './routes-auth.ts';
import { IdParams, Text, UnitKindSchema, UnitLevelSchema, UnitSchema } from './schemas.ts';
import type { NewUnit, UnitChanges, UnitQuery } from './service-unit-admin.ts';

const tags = ['units'];
const Code = Type.String({ pattern: '^[0-9]{12,18}$' });
const DeptType = Type.String({ pattern: '^[a-z][a-z_]{1,39}$' });

const UnitQuerySchema = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    kind: Type.Optional(UnitKindSchema),
    departmentType: Type.Optional(DeptType),
    region: Type.Optional(Code),
    level: Type.Optional(UnitLevelSchema),
    includeRetired: Type.Optional(Type.Boolean()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);
const NewUnitSchema = Type.Object(
  {
    name: Text(100),
    kind: UnitKindSchema,
    departmentType: Type.Optional(Type.Union([DeptType, Type.Null()])),
    regionCode: Code,
    parentId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    phone: Type.Optional(Type.Union([Text(30), Type.Null()])),
  },
  { additionalProperties: false },
);
const UnitChangesSchema = Type.Object(
  {
    name: Type.Optional(Text(100)),
    parentId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    phone: Type.Optional(Type.Union([Text(30), Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);
const RetireSchema = Type.Object({ reason: Type.Optional(Text(500)) }, { additionalProperties: false });

/** Units in the caller's scope: list, read, and (administrators) create, change, retire. */
export async function unitRoutes(app: FastifyInstance, ctx: AppContext) {
  const units = ctx.services.identity.units;
  const one = { params: IdParams, response: { 200: UnitSchema } };

  app.get(
    '/api/v1/units',
    {
      schema: {
        tags,
        summary: 'Units in your scope (centres, departments, stations, mediation organisations)',
        querystring: UnitQuerySchema,
        response: { 200: Type.Object({ items: Type.Array(UnitSchema), total: Type.Integer() }) },
      },
    },
    async (request) => units.list(requireStaff(request), request.query as UnitQuery),
  );

  app.get(
    '/api/v1/units/:id',
    { schema: { tags, summary: 'One unit (404 outside your scope)', ...one } },
    async (request) => units.get(requireStaff(request), (request.params as { id: number }).id),
  );

  app.get(
    '/api/v1/units/:id/jurisdiction',
    {
      schema: {
        tags,
        summary: 'Units this unit dispatches to: subordinate centres and departments in its jurisdiction',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(UnitSchema) }) },
      },
    },
    async (request) => {
      const unit = await units.get(requireStaff(request), (request.params as { id: number }).id);
      return { items: await units.unitsInJurisdiction(unit.id) };
    },
  );

  app.post(
    '/api/v1/units',
    {
      schema: {
        tags,
        summary: 'Create a unit (administrators, inside their scope)',
        body: NewUnitSchema,
        response: { 201: UnitSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await units.create(requireStaff(request), request.body as NewUnit, originOf(request).ip)),
  );

  app.patch(
    '/api/v1/units/:id',
    { schema: { tags, summary: 'Change a unit (administrators)', body: UnitChangesSchema, ...one } },
    async (request) =>
      units.update(
        requireStaff(request),
        (request.params as { id: number }).id,
        request.body as UnitChanges,
        originOf(request).ip,
      ),
  );

  app.post(
    '/api/v1/units/:id/retire',
    {
      schema: {
        tags,
        summary: 'Retire a unit (never deleted: it keeps its history); its posts end',
        body: RetireSchema,
        ...one,
      },
    },
    async (request) =>
      units.retire(
        requireStaff(request),
        (request.params as { id: number }).id,
        (request.body as { reason?: string } | undefined)?.reason,
        originOf(request).ip,
      ),
  );
}
