import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../context.ts';
import { TokenParams } from './routes-schemas.ts';
import { EVIDENCE_TYPES } from './service-portal.ts';

const tags = ['portal'];
const N = (t: ReturnType<typeof Type.String>) => Type.Union([t, Type.Null()]);

/** The parties' pages on the residents' portal, reached by a secret link; no account. */
export async function portalMediationRoutes(app: FastifyInstance, ctx: AppContext) {
  const portal = () => ctx.services.disputes.portal;
  app.get(
    '/api/v1/portal/mediation/:token',
    {
      schema: {
        tags,
        summary:
          'A party’s view of their mediation: schedule, own evidence, the agreement draft (no other party’s personal data)',
        params: TokenParams,
        response: {
          200: Type.Object({
            number: Type.String(),
            type: Type.String(),
            status: Type.String(),
            organisation: Type.Union([
              Type.Object({ name: Type.String(), phone: N(Type.String()) }),
              Type.Null(),
            ]),
            me: Type.Object({ partyId: Type.Integer(), side: Type.String() }),
            parties: Type.Array(
              Type.Object({ side: Type.String(), kind: Type.String(), isMe: Type.Boolean() }),
            ),
            sessions: Type.Array(
              Type.Object({
                id: Type.Integer(),
                at: Type.String(),
                place: N(Type.String()),
                onlineLink: N(Type.String()),
                attended: Type.Boolean(),
                record: N(Type.String()),
                confirmedByMe: Type.Boolean(),
              }),
            ),
            agreement: Type.Union([
              Type.Object({
                facts: Type.String(),
                terms: Type.String(),
                performance: Type.String(),
                performBy: Type.String(),
                confirmedByMe: Type.Boolean(),
                confirmed: Type.Integer(),
                parties: Type.Integer(),
                effective: Type.Boolean(),
              }),
              Type.Null(),
            ]),
            evidence: Type.Array(
              Type.Object({
                id: Type.Integer(),
                filename: Type.String(),
                contentType: Type.String(),
                uploadedAt: Type.String(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => portal().view((req.params as { token: string }).token),
  );
  app.post(
    '/api/v1/portal/mediation/:token/evidence',
    {
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Upload evidence (JPEG, PNG or PDF, base64, at most 2 MB)',
        params: TokenParams,
        body: Type.Object(
          {
            filename: Type.String({ minLength: 1, maxLength: 200, pattern: '^[^/\\\\]+$' }),
            contentType: Type.Union(EVIDENCE_TYPES.map((t) => Type.Literal(t))),
            data: Type.String({ minLength: 1, maxLength: 3_000_000, pattern: '^[A-Za-z0-9+/]+={0,2}$' }),
            note: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.Integer(), filename: Type.String(), size: Type.Integer() }) },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await portal().uploadEvidence(
            (req.params as { token: string }).token,
            req.body as { filename: string; contentType: string; data: string },
          ),
        ),
  );
  app.post(
    '/api/v1/portal/mediation/:token/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm the agreement draft, or the record of a session you attended',
        params: TokenParams,
        body: Type.Union([
          Type.Object({ what: Type.Literal('agreement') }, { additionalProperties: false }),
          Type.Object(
            { what: Type.Literal('record'), sessionId: Type.Integer({ minimum: 1 }) },
            { additionalProperties: false },
          ),
        ]),
        response: { 200: Type.Object({ status: Type.String(), effective: Type.Boolean() }) },
      },
    },
    async (req) =>
      portal().confirm((req.params as { token: string }).token, req.body as { what: 'agreement' }),
  );
}
