import { Type } from 'typebox';
import type { AppContext } from '../context.ts';
import type { FastifyTyped } from '../http/typed.ts';
import { langFrom } from './domain/services.ts';
import { checkJurisdiction } from './jurisdiction.ts';
import { formatOf, send } from './render.ts';
import { withFormats } from './routes-services.ts';
import { open311Responses, Submitted } from './schemas.ts';
import { submitRequest } from './service-submit.ts';

const SubmitBody = Type.Object(
  {
    api_key: Type.Optional(Type.String()),
    jurisdiction_id: Type.Optional(Type.String()),
    service_code: Type.Optional(Type.String()),
    lat: Type.Optional(Type.String()),
    long: Type.Optional(Type.String()),
    address_string: Type.Optional(Type.String()),
    address_id: Type.Optional(Type.String()),
    email: Type.Optional(Type.String()),
    device_id: Type.Optional(Type.String()),
    account_id: Type.Optional(Type.String()),
    first_name: Type.Optional(Type.String()),
    last_name: Type.Optional(Type.String()),
    phone: Type.Optional(Type.String()),
    description: Type.Optional(Type.String({ description: 'at most 4,000 characters' })),
    media_url: Type.Optional(Type.String()),
  },
  {
    additionalProperties: true,
    description: 'form-encoded; attribute[code]=v and attribute[code][]=v as needed',
  },
);

export function submitRoutes(app: FastifyTyped, ctx: AppContext) {
  for (const url of withFormats('/requests'))
    app.post(
      url,
      {
        schema: {
          tags: ['open311'],
          summary: 'GeoReport v2: submit a service request (api_key required)',
          response: open311Responses(Submitted, 'the new request (a retried submission answers the first)'),
          consumes: ['application/x-www-form-urlencoded'],
          querystring: Type.Object({
            jurisdiction_id: Type.Optional(Type.String()),
            api_key: Type.Optional(Type.String()),
          }),
          body: SubmitBody,
        },
        bodyLimit: 64 * 1024,
      },
      async (request, reply) => {
        const body = { ...(request.body as Record<string, unknown>) };
        body.api_key ??= request.query.api_key;
        await checkJurisdiction(ctx, body.jurisdiction_id ?? request.query.jurisdiction_id);
        const lang = langFrom(request.headers['accept-language']);
        const answer = await submitRequest(ctx, body, lang);
        return send(reply, formatOf(request), 'service_requests', [answer]);
      },
    );
}
