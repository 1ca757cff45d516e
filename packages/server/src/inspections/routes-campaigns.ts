import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import type { AppContext } from '../context.ts';
import { file, XLSX } from '../http/responses.ts';
import { actorOf, creating, idOf, paged } from './routes-common.ts';
import * as S from './schemas.ts';
import { boardRows, campaignBoard, createCampaign, listCampaigns } from './service-campaigns.ts';
import { campaignLedger } from './service-ledger.ts';
import { changeTier, createRiskSource, riskMap, riskSource } from './service-risk.ts';

const tags = ['inspections'];

/** Campaigns (专项行动) with their board and ledger; risk sources and the risk map. */
export async function campaignRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get(
    '/api/v1/campaigns',
    {
      schema: {
        tags,
        summary: 'Campaigns over or inside the caller’s area',
        response: { 200: S.CampaignList },
      },
    },
    async (req) => listCampaigns(ctx, actorOf(req)),
  );
  app.post(
    '/api/v1/campaigns',
    {
      schema: {
        tags,
        summary: 'Start a campaign: place types, region, period, targets and checklist',
        body: S.CampaignBody,
        response: { 201: S.CampaignView },
      },
    },
    creating((actor, body: Static<typeof S.CampaignBody>) => createCampaign(ctx, actor, body)),
  );
  app.get(
    '/api/v1/campaigns/:id/board',
    {
      schema: {
        tags,
        summary:
          'The board below a region (default: the campaign’s): places due, visited, hazards found, fixed, overdue per child region',
        params: S.IdParams,
        querystring: S.BoardQuery,
        response: { 200: S.Board },
      },
    },
    async (req) => campaignBoard(ctx, actorOf(req), idOf(req), (req.query as { region?: string }).region),
  );
  app.get(
    '/api/v1/campaigns/:id/board/rows',
    {
      schema: {
        tags,
        summary: 'The places or hazards behind one figure of the board',
        params: S.IdParams,
        querystring: S.BoardRowsQuery,
        response: { 200: S.BoardRows },
      },
    },
    async (req) => {
      const q = req.query as Static<typeof S.BoardRowsQuery>;
      return boardRows(ctx, actorOf(req), idOf(req), paged(q));
    },
  );
  app.get(
    '/api/v1/campaigns/:id/ledger',
    {
      schema: {
        tags,
        summary: 'The campaign’s ledger (台账) as an Excel workbook',
        params: S.IdParams,
        querystring: S.BoardQuery,
        response: { 200: file('the ledger workbook (.xlsx)', XLSX) },
      },
    },
    async (req, reply) => {
      const data = await campaignLedger(
        ctx,
        actorOf(req),
        idOf(req),
        (req.query as { region?: string }).region,
      );
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="campaign-${idOf(req)}-ledger.xlsx"`)
        .send(data);
    },
  );
  app.post(
    '/api/v1/risk-sources',
    {
      schema: {
        tags,
        summary: 'Register a risk source with its control tier and plan',
        body: S.RiskSourceBody,
        response: { 201: S.RiskSourceCreated },
      },
    },
    creating((actor, body: Static<typeof S.RiskSourceBody>) => createRiskSource(ctx, actor, body)),
  );
  app.get(
    '/api/v1/risk-sources/:id',
    {
      schema: {
        tags,
        summary: 'A risk source with its tier changes',
        params: S.IdParams,
        response: { 200: S.RiskSourceDetail },
      },
    },
    async (req) => riskSource(ctx, actorOf(req), idOf(req)),
  );
  app.post(
    '/api/v1/risk-sources/:id/tier',
    {
      schema: {
        tags,
        summary: 'Change a risk source’s control tier, with the reason (logged)',
        params: S.IdParams,
        body: S.TierBody,
        response: { 200: S.RiskSourceDetail },
      },
    },
    async (req) => changeTier(ctx, actorOf(req), idOf(req), req.body as Static<typeof S.TierBody>),
  );
  app.get(
    '/api/v1/risk-map',
    {
      schema: {
        tags,
        summary: 'Risk sources by tier and each grid’s open hazards',
        querystring: S.RiskMapQuery,
        response: { 200: S.RiskMap },
      },
    },
    async (req) => riskMap(ctx, actorOf(req), (req.query as { region?: string }).region),
  );
}
