import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { unauthorized } from '../http/problem.ts';
import { DOCX, file } from '../http/responses.ts';
import type { Actor } from '../identity/index.ts';
import { DOCX_TYPE } from './agreement-docx.ts';
import type { MediationAction } from './domain/mediation-machine.ts';
import {
  ActionBody,
  ActionResult,
  CreatedSchema,
  DetailSchema,
  IdParams,
  LinkSchema,
  ListQuery,
  ListSchema,
  NewDisputeSchema,
  PartyParams,
  SuggestionsSchema,
} from './routes-schemas.ts';
import type { NewDispute } from './service-intake.ts';

/** The staff actor of a request, or 401. */
export function staff(request: FastifyRequest): Actor {
  const actor = (request as { actor?: Actor }).actor;
  if (actor?.kind !== 'staff') throw unauthorized();
  return actor;
}

const tags = ['disputes'];

export async function disputeRoutes(app: FastifyInstance, ctx: AppContext) {
  const service = () => ctx.services.disputes;
  app.post(
    '/api/v1/disputes',
    {
      schema: {
        tags,
        summary:
          'Register a dispute found by screening (its case is made through the case engine); parties’ data kept masked',
        body: NewDisputeSchema,
        response: { 201: CreatedSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service().register(staff(req), req.body as NewDispute)),
  );
  app.get(
    '/api/v1/disputes',
    {
      schema: {
        tags,
        summary: 'Disputes in your scope, most urgent first',
        querystring: ListQuery,
        response: { 200: ListSchema },
      },
    },
    async (req) => service().list(staff(req), req.query as object),
  );
  app.get(
    '/api/v1/disputes/:id',
    {
      schema: {
        tags,
        summary: 'A dispute: parties (masked), mediation, sessions, agreement, countdowns, what you may do',
        params: IdParams,
        response: { 200: DetailSchema },
      },
    },
    async (req) => service().detail(staff(req), (req.params as { id: number }).id),
  );
  app.post(
    '/api/v1/disputes/:id/actions',
    {
      schema: {
        tags,
        summary:
          'A mediation action (assign, accept, decline, sessions, agreement, referral, judicial confirmation, close, follow-up): taken through the case engine as the case action dispute.<action>',
        params: IdParams,
        body: ActionBody,
        response: { 200: ActionResult },
      },
    },
    async (req) => {
      const body = req.body as {
        action: MediationAction;
        payload?: Record<string, unknown>;
        clientId?: string;
      };
      const id = (req.params as { id: number }).id;
      return service().act(staff(req), id, body.action, body.payload ?? {}, body.clientId);
    },
  );
  app.get(
    '/api/v1/disputes/:id/mediator-suggestions',
    {
      schema: {
        tags,
        summary:
          'Mediators for the dispute by kind, area and load (a conflicted mediator is marked, not assignable)',
        params: IdParams,
        response: { 200: SuggestionsSchema },
      },
    },
    async (req) => service().suggestions(staff(req), (req.params as { id: number }).id),
  );
  for (const [path, which, summary] of [
    [
      'agreement.docx',
      'agreement',
      'The mediation agreement as a Word document (names the parties: each reveal is audited)',
    ],
    [
      'judicial-application.docx',
      'judicial',
      'The judicial-confirmation application pack as a Word document (audited reveal)',
    ],
  ] as const)
    app.get(
      `/api/v1/disputes/:id/${path}`,
      {
        schema: { tags, summary, params: IdParams, response: { 200: file('the Word document', DOCX) } },
      },
      async (req, reply) => {
        const doc = await service().document(staff(req), (req.params as { id: number }).id, which, req.ip);
        return reply
          .type(DOCX_TYPE)
          .header('content-disposition', `attachment; filename="${doc.filename}"`)
          .header('cache-control', 'no-store')
          .send(doc.bytes);
      },
    );
  app.post(
    '/api/v1/disputes/:id/parties/:partyId/link',
    {
      schema: {
        tags,
        summary: 'A new secret portal link for a party (the earlier one stops working)',
        params: PartyParams,
        response: { 200: LinkSchema },
      },
    },
    async (req) => {
      const p = req.params as { id: number; partyId: number };
      return service().portal.issueLink(staff(req), p.id, p.partyId);
    },
  );
}
