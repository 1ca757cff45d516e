import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Static } from 'typebox';
import type { AppContext } from '../context.ts';
import { badRequest } from '../http/problem.ts';
import { type Actor, ANONYMOUS } from '../identity/index.ts';
import { isRankable, RANKABLE } from './domain/figures.ts';
import {
  BreakdownSchema,
  ChildrenQuerySchema,
  ChildrenSchema,
  DashboardQuerySchema,
  OverdueQuerySchema,
  OverdueSchema,
  SummarySchema,
  TrendSchema,
} from './schemas.ts';

/** The caller, as the identity module put it on the request (anonymous when it did not). */
const actorOf = (request: FastifyRequest): Actor => (request as { actor?: Actor }).actor ?? ANONYMOUS;

export async function dashboardRoutes(app: FastifyInstance, ctx: AppContext) {
  const service = ctx.services.dashboard;
  const tags = ['dashboard'];
  await app.register(
    async (r) => {
      r.get(
        '/summary',
        {
          schema: {
            tags,
            summary: 'Key figures of a region subtree over a period, with change against the previous period',
            querystring: DashboardQuerySchema,
            response: { 200: SummarySchema },
          },
        },
        async (req) => service.summary(actorOf(req), req.query as Static<typeof DashboardQuerySchema>),
      );
      r.get(
        '/trend',
        {
          schema: {
            tags,
            summary: 'Figures per day of the period (days without cases are zero)',
            querystring: DashboardQuerySchema,
            response: { 200: TrendSchema },
          },
        },
        async (req) => service.trend(actorOf(req), req.query as Static<typeof DashboardQuerySchema>),
      );
      r.get(
        '/breakdown',
        {
          schema: {
            tags,
            summary: 'Figures by case kind and by category',
            querystring: DashboardQuerySchema,
            response: { 200: BreakdownSchema },
          },
        },
        async (req) => service.breakdown(actorOf(req), req.query as Static<typeof DashboardQuerySchema>),
      );
      r.get(
        '/children',
        {
          schema: {
            tags,
            summary: 'The region’s children ranked by a figure',
            querystring: ChildrenQuerySchema,
            response: { 200: ChildrenSchema },
          },
        },
        async (req) => {
          const q = req.query as Static<typeof ChildrenQuerySchema>;
          const figure = q.figure ?? 'received';
          if (!isRankable(figure)) throw badRequest('query.figure', `must be one of: ${RANKABLE.join(', ')}`);
          return service.children(actorOf(req), {
            ...q,
            figure,
            order: q.order ?? 'desc',
            limit: q.limit ?? 100,
          });
        },
      );
      r.get(
        '/overdue',
        {
          schema: {
            tags,
            summary: 'Open overdue (red-card) cases of the subtree, the longest overdue first',
            querystring: OverdueQuerySchema,
            response: { 200: OverdueSchema },
          },
        },
        async (req) => {
          const q = req.query as Static<typeof OverdueQuerySchema>;
          return service.overdue(actorOf(req), { ...q, limit: q.limit ?? 50 });
        },
      );
    },
    { prefix: '/api/v1/dashboard' },
  );
}
