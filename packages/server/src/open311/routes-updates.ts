import { Type } from 'typebox';
import type { AppContext } from '../context.ts';
import type { FastifyTyped } from '../http/typed.ts';
import { serverNow } from '../lib/clock.ts';
import { parseRequestsQuery } from './domain/requests-query.ts';
import { checkJurisdiction } from './jurisdiction.ts';
import { formatOf, send } from './render.ts';
import { withFormats } from './routes-services.ts';
import { open311Responses, UpdateReceived, Updates } from './schemas.ts';
import { findUpdates, receiveUpdate } from './service-updates.ts';

const UpdatesQuery = Type.Object({
  jurisdiction_id: Type.Optional(Type.String()),
  start_date: Type.Optional(Type.String({ description: 'W3C date-time (default: 90 days before end_date)' })),
  end_date: Type.Optional(
    Type.String({ description: 'W3C date-time (default: now); at most 90 days after start' }),
  ),
});

const UpdateBody = Type.Object(
  {
    api_key: Type.Optional(Type.String()),
    jurisdiction_id: Type.Optional(Type.String()),
    service_request_id: Type.Optional(Type.String()),
    update_id: Type.Optional(Type.String({ description: "the client's id of the update (applied once)" })),
    status: Type.Optional(Type.String({ description: 'OPEN, CLOSED, FIXED, IN_PROGRESS, REOPEN, …' })),
    updated_datetime: Type.Optional(Type.String()),
    description: Type.Optional(Type.String()),
    media_url: Type.Optional(Type.String()),
  },
  { additionalProperties: true },
);

/** FixMyStreet's extension: service request updates, out (GET) and in (POST). */
export function updateRoutes(app: FastifyTyped, ctx: AppContext) {
  for (const url of withFormats('/servicerequestupdates')) {
    app.get(
      url,
      {
        schema: {
          tags: ['open311'],
          summary: 'Service request updates (FixMyStreet extension)',
          response: open311Responses(Updates, 'the public updates, oldest first'),
          querystring: UpdatesQuery,
        },
      },
      async (request, reply) => {
        await checkJurisdiction(ctx, request.query.jurisdiction_id);
        const window = parseRequestsQuery(
          { start_date: request.query.start_date, end_date: request.query.end_date },
          serverNow(ctx),
        );
        if (window.kind !== 'search') throw new Error('unreachable: no ids were given');
        return send(
          reply,
          formatOf(request),
          'service_request_updates',
          await findUpdates(ctx, window.start, window.end),
        );
      },
    );
    app.post(
      url,
      {
        schema: {
          tags: ['open311'],
          summary: 'Post an update to a service request (FixMyStreet extension; api_key required)',
          response: open311Responses(UpdateReceived, 'the update (a retried update_id answers the first)'),
          consumes: ['application/x-www-form-urlencoded'],
          querystring: Type.Object({
            jurisdiction_id: Type.Optional(Type.String()),
            api_key: Type.Optional(Type.String()),
          }),
          body: UpdateBody,
        },
        bodyLimit: 64 * 1024,
      },
      async (request, reply) => {
        const body = { ...(request.body as Record<string, unknown>) };
        body.api_key ??= request.query.api_key;
        await checkJurisdiction(ctx, body.jurisdiction_id ?? request.query.jurisdiction_id);
        return send(reply, formatOf(request), 'service_request_updates', [await receiveUpdate(ctx, body)]);
      },
    );
  }
}
