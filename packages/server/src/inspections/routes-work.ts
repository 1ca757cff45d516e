import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import type { AppContext } from '../context.ts';
import { actorOf, creating, idOf, paged } from './routes-common.ts';
import * as S from './schemas.ts';
import { actOnHazard, getHazard, listHazards } from './service-hazards.ts';
import { getVisit, recordVisit } from './service-inspections.ts';

const tags = ['inspections'];
const PHOTO_BODY_LIMIT = 40 * 1024 * 1024;

/** Visits, and hazards with their rectification and re-check. */
export async function workRoutes(app: FastifyInstance, ctx: AppContext) {
  app.post(
    '/api/v1/inspections',
    {
      bodyLimit: PHOTO_BODY_LIMIT,
      schema: {
        tags,
        summary:
          'Record a visit: every checklist item answered (photos base64 with time and place); each failed item opens a hazard and its case',
        body: S.VisitBody,
        response: { 201: S.VisitView },
      },
    },
    creating((actor, body: Static<typeof S.VisitBody>) => recordVisit(ctx, actor, body)),
  );
  app.get(
    '/api/v1/inspections/:id',
    {
      schema: {
        tags,
        summary: 'A visit with its answers and the hazards it found',
        params: S.IdParams,
        response: { 200: S.VisitView },
      },
    },
    async (req) => getVisit(ctx, actorOf(req), idOf(req)),
  );
  app.get(
    '/api/v1/hazards',
    {
      schema: {
        tags,
        summary: 'The hazard ledger in scope, the nearest deadline first',
        querystring: S.HazardQuery,
        response: { 200: S.HazardList },
      },
    },
    async (req) => {
      const q = req.query as Static<typeof S.HazardQuery>;
      return listHazards(ctx, actorOf(req), paged(q));
    },
  );
  app.get(
    '/api/v1/hazards/:id',
    {
      schema: {
        tags,
        summary: 'A hazard with its evidence and history',
        params: S.IdParams,
        response: { 200: S.HazardView },
      },
    },
    async (req) => getHazard(ctx, actorOf(req), idOf(req)),
  );
  app.post(
    '/api/v1/hazards/:id/rectify',
    {
      bodyLimit: PHOTO_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Record the fix with its evidence (photos); an inspector re-checks it next',
        params: S.IdParams,
        body: S.RectifyBody,
        response: { 200: S.HazardView },
      },
    },
    async (req) =>
      actOnHazard(ctx, actorOf(req), idOf(req), 'rectify', req.body as Static<typeof S.RectifyBody>),
  );
  app.post(
    '/api/v1/hazards/:id/recheck',
    {
      bodyLimit: PHOTO_BODY_LIMIT,
      schema: {
        tags,
        summary:
          'Re-check by an inspector: pass closes the hazard; fail extends its deadline once, then escalates to enforcement',
        params: S.IdParams,
        body: S.RecheckBody,
        response: { 200: S.HazardView },
      },
    },
    async (req) => {
      const body = req.body as Static<typeof S.RecheckBody>;
      return actOnHazard(ctx, actorOf(req), idOf(req), { recheck: body.result }, body);
    },
  );
}
