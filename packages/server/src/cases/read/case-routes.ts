import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.ts';
import { badRequest, unauthorized } from '../../http/problem.ts';
import type { Actor } from '../../identity/index.ts';
import {
  actionBodySchema,
  CaseCreatedSchema,
  CaseDetailSchema,
  CaseListSchema,
  InboxSchema,
  SummonsRatingsSchema,
} from '../case-schemas.ts';
import { intakeCase } from '../intake/intake-service.ts';
import { applyCaseAction } from '../workflow/action-service.ts';
import { summonsRatings } from '../workflow/summons-ratings.ts';
import { caseDetail, caseDetailOfWritten } from './case-detail.ts';
import { INBOX_STEPS, inbox, searchCases } from './case-lists.ts';

const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
export const KINDS = ['request', 'dispute', 'hazard', 'incident', 'tip'] as const;
const CHANNELS = ['field', 'phone', 'walk_in', 'portal', 'open311', 'transfer', 'import'] as const;
const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
const opt = Type.Optional;

export const IntakeBody = Type.Object(
  {
    kind: lit(KINDS),
    category: Type.String({ minLength: 1, maxLength: 100 }),
    attributes: opt(Type.Record(Type.String(), Type.Unknown())),
    title: opt(Type.String({ maxLength: 200 })),
    description: Type.String({ minLength: 1, maxLength: 4000 }),
    location: opt(
      Type.Object(
        {
          lon: Type.Number({ minimum: -180, maximum: 180 }),
          lat: Type.Number({ minimum: -90, maximum: 90 }),
        },
        { additionalProperties: false },
      ),
    ),
    address: opt(Type.String({ maxLength: 500 })),
    gridCode: opt(Type.String({ pattern: '^[0-9]{12,18}$' })),
    reporter: opt(
      Type.Object(
        {
          name: opt(Type.String({ maxLength: 100 })),
          phone: opt(Type.String({ pattern: '^[0-9+\\- ]{5,20}$' })),
          idNumber: opt(Type.String({ pattern: '^[0-9]{17}[0-9Xx]$' })),
          address: opt(Type.String({ maxLength: 500 })),
        },
        { additionalProperties: false },
      ),
    ),
    anonymous: opt(Type.Boolean()),
    channel: lit(CHANNELS),
    priority: opt(lit(PRIORITIES)),
    handledOnSpot: opt(
      Type.Object(
        { result: Type.String({ minLength: 1, maxLength: 2000 }) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

const SearchQuery = Type.Object({
  kind: opt(lit(KINDS)),
  category: opt(Type.String({ maxLength: 100 })),
  status: opt(Type.String({ maxLength: 200 })),
  region: opt(Type.String({ pattern: '^[0-9]{12,18}$' })),
  from: opt(Type.String({ format: 'date-time' })),
  to: opt(Type.String({ format: 'date-time' })),
  overdue: opt(Type.Boolean()),
  key: opt(Type.Boolean()),
  q: opt(Type.String({ maxLength: 200 })),
  cursor: opt(Type.String({ maxLength: 500 })),
  limit: opt(Type.Integer({ minimum: 1, maximum: 100 })),
});

/** Anyone signed in (staff or resident); anonymous callers get 401. */
export function signedIn(request: FastifyRequest): Actor {
  const actor = request.actor;
  if (!actor || actor.kind === 'anonymous') throw unauthorized();
  return actor;
}

const IDEMPOTENCY = /^[\x21-\x7e]{1,200}$/;

export async function caseRoutes(app: FastifyInstance, ctx: AppContext) {
  const tags = ['cases'];
  app.post(
    '/api/v1/cases',
    {
      schema: {
        tags,
        summary:
          'Report a new case (Idempotency-Key: the same key returns the same case; Prefer: return=minimal answers {id, number})',
        body: IntakeBody,
        response: { 200: CaseCreatedSchema, 201: CaseCreatedSchema },
      },
    },
    async (request, reply) => {
      const actor = signedIn(request);
      const key = request.headers['idempotency-key'];
      if (key !== undefined && (typeof key !== 'string' || !IDEMPOTENCY.test(key)))
        throw badRequest('header.idempotency-key', 'must be 1–200 visible ASCII characters');
      const result = await intakeCase(ctx, actor, request.body as never, { idempotencyKey: key ?? null });
      // RFC 7240: a client that needs only the number (bulk or high-rate intake) skips the full view
      const minimal = /return=minimal/.test(String(request.headers.prefer ?? ''));
      const detail = minimal
        ? { id: result.caseId, number: result.number }
        : await caseDetail(ctx, actor, result.caseId);
      return reply
        .status(result.created ? 201 : 200)
        .header('location', `/api/v1/cases/${result.caseId}`)
        .send(detail);
    },
  );

  app.get(
    '/api/v1/cases',
    {
      schema: {
        tags,
        summary: 'Search the cases in your scope (cursor-paged, with the total)',
        querystring: SearchQuery,
        response: { 200: CaseListSchema },
      },
    },
    async (request) => searchCases(ctx, signedIn(request), request.query as never),
  );

  app.get(
    '/api/v1/cases/inbox',
    {
      schema: {
        tags,
        summary: 'Your work by step, with counts; overdue first',
        querystring: Type.Object({
          step: opt(lit(INBOX_STEPS)),
          limit: opt(Type.Integer({ minimum: 1, maximum: 200 })),
        }),
        response: { 200: InboxSchema },
      },
    },
    async (request) => {
      const q = request.query as { step?: (typeof INBOX_STEPS)[number]; limit?: number };
      return inbox(ctx, signedIn(request), q.step, q.limit);
    },
  );

  app.get(
    '/api/v1/cases/summons-ratings',
    {
      schema: {
        tags,
        summary: 'Ratings of departments’ responses to summons (for evaluation)',
        querystring: Type.Object({
          unit: opt(Type.Integer({ minimum: 1 })),
          from: opt(Type.String({ format: 'date-time' })),
          to: opt(Type.String({ format: 'date-time' })),
        }),
        response: { 200: SummonsRatingsSchema },
      },
    },
    async (request) => summonsRatings(ctx, signedIn(request), request.query as never),
  );

  app.get(
    '/api/v1/cases/:idOrNumber',
    {
      schema: {
        tags,
        summary: 'One case with its history, allowed actions, deadlines, summons and links',
        params: Type.Object({
          idOrNumber: Type.String({ pattern: '^([0-9]{1,15}|[0-9]{6}-[0-9]{4}-[0-9]{6,})$' }),
        }),
        response: { 200: CaseDetailSchema },
      },
    },
    async (request) =>
      caseDetail(ctx, signedIn(request), (request.params as { idOrNumber: string }).idOrNumber),
  );

  app.post(
    '/api/v1/cases/:id/actions',
    {
      schema: {
        tags,
        summary: 'Take a workflow action (409 with allowedActions when not possible now, 403 when not yours)',
        params: Type.Object({ id: Type.String({ pattern: '^([0-9]{1,15}|[0-9]{6}-[0-9]{4}-[0-9]{6,})$' }) }),
        body: actionBodySchema(ctx.services.caseKinds.payloads()),
        response: { 200: CaseDetailSchema },
      },
    },
    async (request) => {
      const actor = signedIn(request);
      const { id } = request.params as { id: string };
      const result = await applyCaseAction(ctx, actor, id, request.body as never);
      return caseDetailOfWritten(ctx, actor, result);
    },
  );
}
