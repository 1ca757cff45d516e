import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../context.ts';
import { staff } from './routes-disputes.ts';
import {
  ConflictInput,
  IdParams,
  IdSchema,
  MediatorInput,
  MediatorsSchema,
  Month,
  OrgInput,
  OrgSchema,
  OrgsQuery,
} from './routes-schemas.ts';
import type { FiguresQuery } from './service-figures.ts';
import type { MediatorInput as MediatorData, OrgInput as OrgData } from './service-registry.ts';

const tags = ['disputes'];
const Code = Type.String({ pattern: '^\\d{12}(\\d{3,4})?$' });
const closed = <T extends Parameters<typeof Type.Object>[0]>(p: T) =>
  Type.Object(p, { additionalProperties: false });

/** Mediation organisations, mediators and their declared conflicts; screening; figures. */
export async function registryRoutes(app: FastifyInstance, ctx: AppContext) {
  const s = () => ctx.services.disputes;
  app.get(
    '/api/v1/mediation-orgs',
    {
      schema: {
        tags,
        summary: 'Mediation organisations whose area holds or covers your scope',
        querystring: OrgsQuery,
        response: { 200: Type.Object({ items: Type.Array(OrgSchema) }) },
      },
    },
    async (req) => s().registry.listOrgs(staff(req), req.query as { kind?: string; region?: string }),
  );
  app.post(
    '/api/v1/mediation-orgs',
    {
      schema: {
        tags,
        summary: 'Register a mediation organisation in your area',
        body: OrgInput,
        response: { 201: OrgSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await s().registry.createOrg(staff(req), req.body as OrgData)),
  );
  app.get(
    '/api/v1/mediation-orgs/:id/mediators',
    {
      schema: {
        tags,
        summary: 'An organisation’s mediators with specialties, current caseload and declared conflicts',
        params: IdParams,
        response: { 200: MediatorsSchema },
      },
    },
    async (req) => s().registry.listMediators(staff(req), (req.params as { id: number }).id),
  );
  app.post(
    '/api/v1/mediators',
    {
      schema: {
        tags,
        summary: 'Register a mediator of an organisation',
        body: MediatorInput,
        response: { 201: IdSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await s().registry.createMediator(staff(req), req.body as MediatorData)),
  );
  app.post(
    '/api/v1/mediators/:id/conflicts',
    {
      schema: {
        tags,
        summary:
          'Declare a mediator’s conflict of interest (a related person by phone, kept hashed, or an organisation)',
        params: IdParams,
        body: ConflictInput,
        response: { 201: IdSchema },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await s().registry.declareConflict(
            staff(req),
            (req.params as { id: number }).id,
            req.body as { note: string },
          ),
        ),
  );

  // screening
  const GridReport = closed({
    gridCode: Code,
    period: Month,
    found: Type.Integer({ minimum: 0, maximum: 10_000 }),
    note: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
  });
  app.post(
    '/api/v1/screening/reports',
    {
      schema: {
        tags,
        summary: 'A grid’s screening for a month, also when nothing was found (found: 0)',
        body: GridReport,
        response: {
          200: Type.Object({
            gridCode: Type.String(),
            period: Type.String(),
            found: Type.Integer(),
            reportedAt: Type.String(),
          }),
        },
      },
    },
    async (req) =>
      s().screening.reportGrid(staff(req), req.body as { gridCode: string; period: string; found: number }),
  );
  app.get(
    '/api/v1/screening/board',
    {
      schema: {
        tags,
        summary: 'Every grid under a region for a month: reported or not, what it found, coverage',
        querystring: closed({ region: Code, period: Month }),
        response: {
          200: Type.Object({
            region: Type.String(),
            period: Type.String(),
            grids: Type.Integer(),
            reported: Type.Integer(),
            nothingFound: Type.Integer(),
            found: Type.Integer(),
            coverage: Type.Union([Type.Number(), Type.Null()]),
            items: Type.Array(
              Type.Object({
                gridCode: Type.String(),
                name: Type.String(),
                reported: Type.Boolean(),
                found: Type.Union([Type.Integer(), Type.Null()]),
                note: Type.Union([Type.String(), Type.Null()]),
                reportedAt: Type.Union([Type.String(), Type.Null()]),
              }),
            ),
          }),
        },
      },
    },
    async (req) => s().screening.board(staff(req), req.query as { region: string; period: string }),
  );
  const StreetStatus = Type.Union(['complete', 'late', 'missing', 'pending'].map((x) => Type.Literal(x)));
  app.post(
    '/api/v1/screening/street-reports',
    {
      schema: {
        tags,
        summary: 'The street’s monthly screening report, due by the 1st of the next month (每月逢1)',
        body: closed({
          streetCode: Code,
          month: Month,
          summary: Type.String({ minLength: 1, maxLength: 5000, pattern: '\\S' }),
        }),
        response: {
          201: Type.Object({
            streetCode: Type.String(),
            month: Type.String(),
            disputes: Type.Integer(),
            filedAt: Type.String(),
            status: StreetStatus,
          }),
        },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await s().screening.fileStreetReport(
            staff(req),
            req.body as { streetCode: string; month: string; summary: string },
          ),
        ),
  );
  app.get(
    '/api/v1/screening/street-board',
    {
      schema: {
        tags,
        summary: 'Each street of a district: its monthly report complete, late, missing or pending',
        querystring: closed({ district: Code, month: Month }),
        response: {
          200: Type.Object({
            district: Type.String(),
            month: Type.String(),
            dueAt: Type.String(),
            complete: Type.Integer(),
            late: Type.Integer(),
            missing: Type.Integer(),
            pending: Type.Integer(),
            items: Type.Array(
              Type.Object({
                streetCode: Type.String(),
                name: Type.String(),
                status: StreetStatus,
                filedAt: Type.Union([Type.String(), Type.Null()]),
                disputes: Type.Union([Type.Integer(), Type.Null()]),
                summary: Type.Union([Type.String(), Type.Null()]),
              }),
            ),
          }),
        },
      },
    },
    async (req) => s().screening.streetBoard(staff(req), req.query as { district: string; month: string }),
  );

  // figures
  const Nr = Type.Union([Type.Number(), Type.Null()]);
  const FigureItem = Type.Object({
    key: Type.String(),
    label: Type.String(),
    screened: Type.Integer(),
    resolved: Type.Integer(),
    mediated: Type.Integer(),
    succeeded: Type.Integer(),
    on_time: Type.Integer(),
    days_sum: Type.Integer(),
    resolutionRate: Nr,
    successRate: Nr,
    onTimeRate: Nr,
    averageDays: Nr,
  });
  app.get(
    '/api/v1/disputes-figures',
    {
      schema: {
        tags,
        summary:
          'Resolution rate (resolved ÷ screened), success and on-time rates, average days; by type, organisation, mediator or region',
        querystring: closed({
          region: Code,
          from: Month,
          to: Month,
          by: Type.Optional(
            Type.Union(
              ['total', 'type', 'org', 'mediator', 'street', 'district'].map((x) => Type.Literal(x)),
            ),
          ),
        }),
        response: {
          200: Type.Object({
            region: Type.String(),
            from: Type.String(),
            to: Type.String(),
            by: Type.String(),
            items: Type.Array(FigureItem),
          }),
        },
      },
    },
    async (req) => s().figures.figures(staff(req), req.query as FiguresQuery),
  );
  app.post(
    '/api/v1/disputes-figures/rebuild',
    {
      schema: {
        tags,
        summary:
          'Rebuild the disputes figures from the disputes (city administrator); says how many rows differed',
        response: {
          200: Type.Object({ rows: Type.Integer(), mediatorRows: Type.Integer(), differing: Type.Integer() }),
        },
      },
    },
    async (req) => s().figures.rebuild(staff(req)),
  );
}
