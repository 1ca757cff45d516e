import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.ts';
import { noContent } from '../../http/responses.ts';
import { requireStaff } from '../../identity/index.ts';
import { createKeyCaseLists } from './key-cases-lists.ts';

const DAY = Type.String({ pattern: '^(?!0000)\\d{4}-\\d{2}-\\d{2}$' });
const Team = Type.Array(
  Type.Object(
    { userId: Type.Integer({ minimum: 1 }), duty: Type.Optional(Type.String({ maxLength: 200 })) },
    { additionalProperties: false },
  ),
  { maxItems: 50 },
);
const Plan = Type.Array(
  Type.Object(
    {
      title: Type.String({ minLength: 1, maxLength: 500 }),
      dueDate: DAY,
      ownerUserId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    },
    { additionalProperties: false },
  ),
  { maxItems: 100 },
);
const KeyCase = Type.Object({
  caseId: Type.Integer(),
  number: Type.String(),
  title: Type.String(),
  status: Type.String(),
  card: Type.String(),
  kind: Type.String(),
  reason: Type.String(),
  leader: Type.Object({ userId: Type.Integer(), displayName: Type.String() }),
  team: Type.Array(Type.Object({ userId: Type.Integer(), displayName: Type.String(), duty: Type.String() })),
  plan: Type.Array(
    Type.Object({
      seq: Type.Integer(),
      title: Type.String(),
      dueDate: Type.String(),
      ownerUserId: Type.Union([Type.Integer(), Type.Null()]),
      doneAt: Type.Union([Type.String(), Type.Null()]),
      note: Type.String(),
    }),
  ),
  markedAt: Type.String(),
  version: Type.Integer(),
});
const ListItem = Type.Object({
  caseId: Type.Integer(),
  number: Type.String(),
  title: Type.String(),
  status: Type.String(),
  card: Type.String(),
  kind: Type.String(),
  leaderUserId: Type.Integer(),
  leaderName: Type.String(),
  markedAt: Type.String(),
  planSteps: Type.Integer(),
  planDone: Type.Integer(),
  planOverdue: Type.Integer(),
});
const CaseParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 40, description: 'case id or number' }),
});

/** Key and backlog cases (重点/积案): owning leader (包案), team (专班), plan; own list and figures. */
export async function keyCasesRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['key cases'];
  const lists = createKeyCaseLists(ctx);
  const service = () => ctx.services.keyCases;

  r.get(
    '/api/v1/key-cases',
    {
      schema: {
        tags,
        summary: 'Key and backlog cases in scope (or that I lead or work on), newest first',
        querystring: Type.Object({
          kind: Type.Optional(Type.Union([Type.Literal('key'), Type.Literal('backlog')])),
          leader: Type.Optional(Type.Integer({ minimum: 1 })),
          open: Type.Optional(Type.Boolean()),
          overduePlan: Type.Optional(Type.Boolean()),
          cursor: Type.Optional(Type.Integer({ minimum: 1 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(ListItem),
            nextCursor: Type.Union([Type.Integer(), Type.Null()]),
          }),
        },
      },
    },
    async (req) => {
      const { limit, ...rest } = req.query;
      return lists.list(requireStaff(req), { ...rest, limit: limit ?? 50 });
    },
  );
  r.get(
    '/api/v1/key-cases/figures',
    {
      schema: {
        tags,
        summary: 'Key-case figures in scope: totals, open/closed, overdue, plan steps late',
        response: {
          200: Type.Object({
            total: Type.Integer(),
            byKind: Type.Object({ key: Type.Integer(), backlog: Type.Integer() }),
            open: Type.Integer(),
            closed: Type.Integer(),
            overdue: Type.Integer(),
            withOverduePlanSteps: Type.Integer(),
            closedRate: Type.Union([Type.Number(), Type.Null()]),
          }),
        },
      },
    },
    async (req) => lists.figures(requireStaff(req)),
  );
  r.get(
    '/api/v1/cases/:id/key',
    {
      schema: {
        tags,
        summary: 'The key-case record of a case',
        params: CaseParams,
        response: { 200: KeyCase },
      },
    },
    async (req) => service().get(requireStaff(req), req.params.id),
  );
  r.post(
    '/api/v1/cases/:id/key',
    {
      schema: {
        tags,
        summary:
          'Mark a case as key or backlog, with its owning leader, team and plan (leaders, centre operators)',
        params: CaseParams,
        body: Type.Object(
          {
            kind: Type.Union([Type.Literal('key'), Type.Literal('backlog')]),
            reason: Type.String({ minLength: 1, maxLength: 2000 }),
            leaderUserId: Type.Integer({ minimum: 1 }),
            team: Type.Optional(Team),
            plan: Type.Optional(Plan),
          },
          { additionalProperties: false },
        ),
        response: { 201: KeyCase },
      },
    },
    async (req, reply) => {
      const view = await service().mark(requireStaff(req), req.params.id, {
        ...req.body,
        team: req.body.team ?? [],
        plan: req.body.plan ?? [],
      });
      return reply.status(201).send(view);
    },
  );
  r.patch(
    '/api/v1/cases/:id/key',
    {
      schema: {
        tags,
        summary: 'Change the leader, team or plan (given fields replace the old; version must match)',
        params: CaseParams,
        body: Type.Object(
          {
            version: Type.Integer({ minimum: 1 }),
            reason: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
            leaderUserId: Type.Optional(Type.Integer({ minimum: 1 })),
            team: Type.Optional(Team),
            plan: Type.Optional(Plan),
          },
          { additionalProperties: false },
        ),
        response: { 200: KeyCase },
      },
    },
    async (req) => service().update(requireStaff(req), req.params.id, req.body),
  );
  r.post(
    '/api/v1/cases/:id/key/plan/:seq/done',
    {
      schema: {
        tags,
        summary: 'Report a plan step done (the owning leader or a team member)',
        params: Type.Object({ id: CaseParams.properties.id, seq: Type.Integer({ minimum: 1 }) }),
        body: Type.Object(
          { note: Type.Optional(Type.String({ maxLength: 2000 })) },
          { additionalProperties: false },
        ),
        response: { 200: KeyCase },
      },
    },
    async (req) =>
      service().completeStep(requireStaff(req), req.params.id, req.params.seq, req.body.note ?? ''),
  );
  r.delete(
    '/api/v1/cases/:id/key',
    {
      schema: {
        tags,
        summary: 'Stop treating a case as key (leaders, centre operators)',
        params: CaseParams,
        querystring: Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500 })) }),
        response: noContent('no longer a key case'),
      },
    },
    async (req, reply) => {
      await service().unmark(requireStaff(req), req.params.id, req.query.reason ?? '');
      return reply.status(204).send(null);
    },
  );
}
