import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.ts';
import { noContent } from '../../http/responses.ts';
import { requireRole, requireStaff } from '../../identity/index.ts';
import { WEBHOOK_EVENTS } from './webhooks-service.ts';

const Subscription = Type.Object({
  id: Type.Integer(),
  url: Type.String(),
  events: Type.Array(Type.String()),
  description: Type.String(),
  regionCode: Type.Union([Type.String(), Type.Null()], {
    description: 'the region whose cases it hears of (null: the whole city)',
  }),
  regionName: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  secret: Type.Optional(Type.String({ description: 'shown once, at creation' })),
});
const Delivery = Type.Object({
  id: Type.Integer(),
  event: Type.String(),
  attempts: Type.Integer(),
  lastStatus: Type.Union([Type.Integer(), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  deliveredAt: Type.Union([Type.String(), Type.Null()]),
  gaveUpAt: Type.Union([Type.String(), Type.Null()]),
  nextAttemptAt: Type.String(),
});
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

/** /api/v1/webhooks: outgoing webhooks for integrations, each of a region (administrators of that region). */
export async function webhooksRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['webhooks'];
  const admin = (req: Parameters<typeof requireStaff>[0]) => requireRole(requireStaff(req), 'admin');
  r.get(
    '/api/v1/webhooks',
    {
      schema: {
        tags,
        summary: 'Webhook subscriptions of the regions you administer',
        querystring: Type.Object(
          {
            region: Type.Optional(
              Type.String({ minLength: 1, maxLength: 40, description: 'only those inside this region' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(Subscription) }) },
      },
    },
    async (req) => {
      return { items: await ctx.services.webhooks.list(admin(req), req.query.region) };
    },
  );
  r.post(
    '/api/v1/webhooks',
    {
      schema: {
        tags,
        summary: `Subscribe a URL to events (${WEBHOOK_EVENTS.join(', ')}, or *) of the cases in a region. Loopback, link-local, metadata and private addresses are refused unless WEBHOOK_ALLOW_LIST names them. Each POST carries x-civicgrid-signature: sha256=HMAC(secret, "<x-civicgrid-timestamp>.<body>")`,
        body: Type.Object(
          {
            url: Type.String({ minLength: 1, maxLength: 2000 }),
            events: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, maxItems: 20 }),
            description: Type.Optional(Type.String({ maxLength: 500 })),
            secret: Type.Optional(Type.String({ minLength: 16, maxLength: 200 })),
            regionCode: Type.Optional(
              Type.String({
                minLength: 1,
                maxLength: 40,
                description: 'the region whose cases it hears of; default: the one you administer',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: Subscription },
      },
    },
    async (req, reply) => {
      const actor = admin(req);
      return reply.status(201).send(await ctx.services.webhooks.create(actor, req.body));
    },
  );
  r.delete(
    '/api/v1/webhooks/:id',
    {
      schema: {
        tags,
        summary: 'Stop a subscription',
        params: IdParams,
        response: noContent('stopped: nothing more is delivered'),
      },
    },
    async (req, reply) => {
      await ctx.services.webhooks.disable(admin(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  r.get(
    '/api/v1/webhooks/:id/deliveries',
    {
      schema: {
        tags,
        summary: 'Recent deliveries of a subscription, with attempts and errors',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(Delivery) }) },
      },
    },
    async (req) => {
      return { items: await ctx.services.webhooks.deliveries(admin(req), req.params.id, 100) };
    },
  );
}
