import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../context.ts';
import { requireRole, requireStaff } from './http.ts';
import { originOf } from './routes-auth.ts';
import { AuditEntrySchema, IdParams, PersonSchema, Text } from './schemas.ts';
import type { AuditQuery } from './service-audit.ts';

const AuditQuerySchema = Type.Object(
  {
    action: Type.Optional(Type.String({ maxLength: 60 })),
    actorUserId: Type.Optional(Type.Integer({ minimum: 1 })),
    objectType: Type.Optional(Type.String({ maxLength: 40 })),
    objectId: Type.Optional(Type.String({ maxLength: 60 })),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    cursor: Type.Optional(Type.Integer({ minimum: 1 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
);

/** The audit log (auditors and administrators, in scope), its verification, and audited reveals of personal data. */
export async function auditRoutes(app: FastifyInstance, ctx: AppContext) {
  const { audit, persons } = ctx.services.identity;

  app.get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit entries in your scope, newest first (auditors and administrators)',
        querystring: AuditQuerySchema,
        response: {
          200: Type.Object({
            items: Type.Array(AuditEntrySchema),
            nextCursor: Type.Union([Type.Integer(), Type.Null()]),
          }),
        },
      },
    },
    async (request) =>
      audit.list(requireRole(requireStaff(request), 'auditor', 'admin'), request.query as AuditQuery),
  );

  app.get(
    '/api/v1/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: 'Check the hash chain of the whole audit log; reports the first broken link',
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            checked: Type.Integer(),
            lastId: Type.Integer(),
            firstBroken: Type.Union([
              Type.Object({ id: Type.Integer(), reason: Type.String() }),
              Type.Null(),
            ]),
          }),
        },
      },
    },
    async (request) => {
      requireRole(requireStaff(request), 'auditor', 'admin');
      return audit.verify();
    },
  );

  app.post(
    '/api/v1/persons/:id/reveal',
    {
      schema: {
        tags: ['persons'],
        summary: "Reveal a person's personal data with a stated reason (audited; 404 outside your scope)",
        params: IdParams,
        body: Type.Object({ reason: Text(500) }, { additionalProperties: false }),
        response: { 200: PersonSchema },
      },
    },
    async (request) =>
      persons.reveal(
        requireStaff(request),
        (request.params as { id: number }).id,
        (request.body as { reason: string }).reason,
        originOf(request).ip,
      ),
  );
}
