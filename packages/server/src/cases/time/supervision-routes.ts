import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.ts';
import { requireStaff } from '../../identity/index.ts';

const Supervision = Type.Object({
  id: Type.Integer(),
  caseId: Type.Integer(),
  kind: Type.Union([Type.Literal('auto'), Type.Literal('manual')]),
  step: Type.Union([Type.String(), Type.Null()]),
  reason: Type.String(),
  byUserId: Type.Union([Type.Integer(), Type.Null()]),
  targetUnitId: Type.Union([Type.Integer(), Type.Null()]),
  replyDueAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  reply: Type.Union([Type.String(), Type.Null()]),
  repliedBy: Type.Union([Type.Integer(), Type.Null()]),
  repliedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});
const CaseParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 40, description: 'case id or number' }),
});

/** Supervision (督办): automatic on overdue (the sweeper) and by leaders; the unit replies. */
export async function supervisionRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['supervision'];
  r.get(
    '/api/v1/cases/:id/supervisions',
    {
      schema: {
        tags,
        summary: 'Supervision of a case',
        params: CaseParams,
        response: { 200: Type.Object({ items: Type.Array(Supervision) }) },
      },
    },
    async (req) => ({ items: await ctx.services.supervision.list(requireStaff(req), req.params.id) }),
  );
  r.post(
    '/api/v1/cases/:id/supervisions',
    {
      schema: {
        tags,
        summary: 'A leader supervises a case; the responsible unit must reply in time',
        params: CaseParams,
        body: Type.Object(
          {
            reason: Type.String({ minLength: 1, maxLength: 2000 }),
            replyWithinWorkingHours: Type.Optional(
              Type.Number({ exclusiveMinimum: 0, maximum: 700, default: 7 }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: Supervision },
      },
    },
    async (req, reply) => {
      const s = await ctx.services.supervision.supervise(requireStaff(req), req.params.id, {
        reason: req.body.reason,
        replyWithinWorkingHours: req.body.replyWithinWorkingHours ?? 7,
      });
      return reply.status(201).send(s);
    },
  );
  r.post(
    '/api/v1/cases/:id/supervisions/:supervisionId/reply',
    {
      schema: {
        tags,
        summary: 'The supervised unit replies',
        params: Type.Object({ id: CaseParams.properties.id, supervisionId: Type.Integer({ minimum: 1 }) }),
        body: Type.Object(
          { reply: Type.String({ minLength: 1, maxLength: 4000 }) },
          { additionalProperties: false },
        ),
        response: { 200: Supervision },
      },
    },
    async (req) =>
      ctx.services.supervision.reply(
        requireStaff(req),
        req.params.id,
        req.params.supervisionId,
        req.body.reply,
      ),
  );
  r.get(
    '/api/v1/supervisions/open',
    {
      schema: {
        tags,
        summary: 'Supervision waiting for a reply from my units, earliest due first',
        response: { 200: Type.Object({ items: Type.Array(Supervision) }) },
      },
    },
    async (req) => ({ items: await ctx.services.supervision.openForMe(requireStaff(req)) }),
  );
}
