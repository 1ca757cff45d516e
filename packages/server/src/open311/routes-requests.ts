import { Type } from 'typebox';
import type { AppContext } from '../context.ts';
import type { FastifyTyped } from '../http/typed.ts';
import { serverNow } from '../lib/clock.ts';
import { notFound311 } from './domain/errors.ts';
import { splitFormat } from './domain/format.ts';
import { parseRequestsQuery } from './domain/requests-query.ts';
import { langFrom } from './domain/services.ts';
import { checkJurisdiction } from './jurisdiction.ts';
import { formatOf, send } from './render.ts';
import { withFormats } from './routes-services.ts';
import { open311Responses, ServiceRequests, Tokens } from './schemas.ts';
import { findRequests, findToken } from './service-requests.ts';

const RequestsQuery = Type.Object({
  jurisdiction_id: Type.Optional(Type.String()),
  service_request_id: Type.Optional(
    Type.String({ description: 'comma list; overrides every other argument' }),
  ),
  service_code: Type.Optional(Type.String({ description: 'comma list' })),
  start_date: Type.Optional(
    Type.String({ description: 'W3C date-time; the range may span at most 90 days' }),
  ),
  end_date: Type.Optional(Type.String({ description: 'W3C date-time' })),
  status: Type.Optional(Type.String({ description: 'open, closed or both (comma list)' })),
  page: Type.Optional(Type.String()),
  page_size: Type.Optional(Type.String({ description: 'at most 1000 (the default)' })),
  lang: Type.Optional(Type.String()),
});

const OneQuery = Type.Object({
  jurisdiction_id: Type.Optional(Type.String()),
  lang: Type.Optional(Type.String()),
});

export function requestReadRoutes(app: FastifyTyped, ctx: AppContext) {
  for (const url of withFormats('/requests'))
    app.get(
      url,
      {
        schema: {
          tags: ['open311'],
          summary: 'GeoReport v2: query service requests',
          response: open311Responses(ServiceRequests, 'the public requests, newest first'),
          querystring: RequestsQuery,
        },
      },
      async (request, reply) => {
        await checkJurisdiction(ctx, request.query.jurisdiction_id);
        const query = parseRequestsQuery(request.query, serverNow(ctx));
        const lang = langFrom(request.headers['accept-language'], request.query.lang);
        return send(reply, formatOf(request), 'service_requests', await findRequests(ctx, query, lang));
      },
    );

  app.get(
    '/requests/:resource',
    {
      schema: {
        tags: ['open311'],
        summary: 'GeoReport v2: one service request (a one-element list)',
        response: open311Responses(ServiceRequests, 'a one-element list'),
        params: Type.Object({ resource: Type.String() }),
        querystring: OneQuery,
      },
    },
    async (request, reply) => {
      const { name: id, format } = splitFormat(request.params.resource);
      await checkJurisdiction(ctx, request.query.jurisdiction_id);
      const lang = langFrom(request.headers['accept-language'], request.query.lang);
      const found = id ? await findRequests(ctx, { kind: 'ids', ids: [id] }, lang) : [];
      if (found.length === 0) throw notFound311(`service_request_id ${id}`);
      return send(reply, format, 'service_requests', found);
    },
  );

  app.get(
    '/tokens/:resource',
    {
      schema: {
        tags: ['open311'],
        summary: 'GeoReport v2: the service_request_id of a submission token',
        response: open311Responses(Tokens, 'a one-element list'),
        params: Type.Object({ resource: Type.String() }),
        querystring: OneQuery,
      },
    },
    async (request, reply) => {
      const { name: token, format } = splitFormat(request.params.resource);
      await checkJurisdiction(ctx, request.query.jurisdiction_id);
      const found = token ? await findToken(ctx, token) : undefined;
      if (!found) throw notFound311(`token ${token}`);
      return send(reply, format, 'service_requests', [found]);
    },
  );
}
