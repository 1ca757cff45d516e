import { Type } from 'typebox';
import type { AppContext } from '../context.ts';
import type { FastifyTyped } from '../http/typed.ts';
import { notFound311 } from './domain/errors.ts';
import { splitFormat } from './domain/format.ts';
import { langFrom, toService, toServiceDefinition } from './domain/services.ts';
import { checkJurisdiction } from './jurisdiction.ts';
import { formatOf, send } from './render.ts';
import { Discovery, open311Responses, ServiceDefinition, Services } from './schemas.ts';
import { jurisdictions, residentCategories } from './service-categories.ts';

export const SPEC_URL = 'http://wiki.open311.org/GeoReport_v2';
/** When this endpoint's document last changed (the discovery `changeset`). */
export const CHANGESET = '2026-05-01T00:00:00+08:00';

export const withFormats = (path: string) => [path, `${path}.json`, `${path}.xml`];

const JurisdictionQuery = Type.Object({
  jurisdiction_id: Type.Optional(Type.String({ description: "the city's region code (optional: one city)" })),
  lang: Type.Optional(Type.String({ description: 'zh or en (default: Accept-Language, then zh)' })),
});

export function serviceRoutes(app: FastifyTyped, ctx: AppContext) {
  for (const url of withFormats('/discovery'))
    app.get(
      url,
      {
        schema: {
          tags: ['open311'],
          summary: 'GeoReport v2 service discovery',
          response: open311Responses(Discovery, 'the endpoint, its formats and how to get a key'),
          querystring: JurisdictionQuery,
        },
      },
      async (request, reply) => {
        const base = `${request.protocol}://${request.host}/open311/v2`;
        const cities = await jurisdictions(ctx);
        return send(reply, formatOf(request), 'discovery', {
          changeset: CHANGESET,
          contact: `CivicGrid open311 endpoint for ${cities.map((c) => `${c.name} (jurisdiction_id ${c.code})`).join(', ')}`,
          key_service:
            'API keys are issued by the city administrator (系统管理 → API 令牌, POST /api/v1/tokens)',
          endpoints: [
            {
              specification: SPEC_URL,
              url: base,
              changeset: CHANGESET,
              type: 'production',
              formats: ['text/xml', 'application/json'],
            },
          ],
        });
      },
    );

  for (const url of withFormats('/services'))
    app.get(
      url,
      {
        schema: {
          tags: ['open311'],
          summary: 'GeoReport v2: list of services',
          response: open311Responses(Services, 'the categories residents may report'),
          querystring: JurisdictionQuery,
        },
      },
      async (request, reply) => {
        await checkJurisdiction(ctx, request.query.jurisdiction_id);
        const lang = langFrom(request.headers['accept-language'], request.query.lang);
        const services = await residentCategories(ctx);
        return send(
          reply,
          formatOf(request),
          'services',
          services.map((c) => toService(c, lang)),
        );
      },
    );

  app.get(
    '/services/:resource',
    {
      schema: {
        tags: ['open311'],
        summary: 'GeoReport v2: service definition (services/{service_code}.json|.xml)',
        response: open311Responses(ServiceDefinition, "the category's attributes"),
        params: Type.Object({ resource: Type.String() }),
        querystring: JurisdictionQuery,
      },
    },
    async (request, reply) => {
      const { name: code, format } = splitFormat(request.params.resource);
      await checkJurisdiction(ctx, request.query.jurisdiction_id);
      if (!code) throw notFound311('service_code');
      const lang = langFrom(request.headers['accept-language'], request.query.lang);
      const [category] = await residentCategories(ctx, code);
      if (!category) throw notFound311(`service_code ${code}`);
      return send(reply, format, 'service_definition', toServiceDefinition(category, lang));
    },
  );
}
