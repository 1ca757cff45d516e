import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.ts';
import { badRequest, unauthorized } from '../../http/problem.ts';

const Notification = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  caseId: Type.Union([Type.Integer(), Type.Null()]),
  caseNumber: Type.Union([Type.String(), Type.Null()]),
  /** In the language of Accept-Language (English or Chinese). */
  title: Type.String(),
  /** The title as a key (see notification-titles.ts) and what it is about; null on older rows. */
  titleKey: Type.Union([Type.String(), Type.Null()]),
  subject: Type.Union([Type.String(), Type.Null()]),
  body: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  read: Type.Boolean(),
});

/** /api/v1/notifications: the signed-in user's in-app notifications. */
export async function notificationsRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['notifications'];
  r.get(
    '/api/v1/notifications',
    {
      schema: {
        tags,
        summary: 'My notifications, newest first (cursor: the last id of the previous page)',
        querystring: Type.Object({
          unread: Type.Optional(Type.Boolean()),
          cursor: Type.Optional(Type.Integer({ minimum: 1 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(Notification),
            unread: Type.Integer(),
            nextCursor: Type.Union([Type.Integer(), Type.Null()]),
          }),
        },
      },
    },
    async (req) => {
      if (req.actor.userId === null) throw unauthorized();
      return ctx.services.notifications.list(req.actor, {
        unread: req.query.unread ?? false,
        ...(req.query.cursor !== undefined ? { before: req.query.cursor } : {}),
        limit: req.query.limit ?? 50,
        lang: /^\s*en/i.test(String(req.headers['accept-language'] ?? '')) ? 'en' : 'zh',
      });
    },
  );
  r.post(
    '/api/v1/notifications/read',
    {
      schema: {
        tags,
        summary: 'Mark notifications read: the ids given, or all of them',
        body: Type.Object(
          {
            ids: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 500 })),
            all: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ updated: Type.Integer() }) },
      },
    },
    async (req) => {
      if (req.actor.userId === null) throw unauthorized();
      if (!req.body.all && !req.body.ids) throw badRequest('body.ids', 'give ids, or all: true');
      const updated = await ctx.services.notifications.markRead(
        req.actor,
        req.body.all ? 'all' : (req.body.ids ?? []),
      );
      return { updated };
    },
  );
}
