import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { type StoredFile, storeAttachment } from '../cases/index.ts';
import type { AppContext } from '../context.ts';
import { badRequest, Problem, unprocessable } from '../http/problem.ts';
import { langFrom, residentCategories } from '../open311/index.ts';
import { installPortalRateLimits, portalLimits } from './rate-limits.ts';
import { CaseView, Nearby, PortalCategories } from './schemas.ts';
import { addPhotos, follow, nearby, report, reporterAction, requireReporter } from './service-report.ts';
import { caseView } from './service-view.ts';

export const SECRET_HEADER = 'x-portal-secret';
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
export const MAX_PHOTOS = 3;
const tags = ['portal'];

const Number_ = Type.Object({ number: Type.String({ pattern: '^[0-9]{6}-[0-9]{4}-[0-9]{6}$' }) });
const Tracked = Type.Object({ number: Type.String(), secret: Type.String(), trackPath: Type.String() });
const ReportBody = Type.Object(
  {
    category: Type.String({ minLength: 1, maxLength: 100 }),
    description: Type.String({ minLength: 5, maxLength: 2000 }),
    attributes: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    location: Type.Optional(
      Type.Object(
        {
          lon: Type.Number({ minimum: -180, maximum: 180 }),
          lat: Type.Number({ minimum: -90, maximum: 90 }),
        },
        { additionalProperties: false },
      ),
    ),
    address: Type.Optional(Type.String({ maxLength: 200 })),
    anonymous: Type.Boolean(),
    contact: Type.Optional(
      Type.Object(
        {
          name: Type.Optional(Type.String({ maxLength: 50 })),
          phone: Type.Optional(Type.String({ pattern: '^\\+?[0-9 ()-]{5,20}$' })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

const secretOf = (request: FastifyRequest) => {
  const v = request.headers[SECRET_HEADER];
  return typeof v === 'string' && v.length > 0 ? v : undefined;
};

/** The residents' portal API under /api/v1/portal (no account; a secret link per report or follow). */
export async function portalRoutes(app: FastifyInstance, ctx: AppContext) {
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<TypeBoxTypeProvider>();
    installPortalRateLimits(plain, portalLimits(ctx.config));
    await plain.register(multipart, {
      limits: { fileSize: MAX_PHOTO_BYTES + 1, files: MAX_PHOTOS, fields: 5 },
    });

    scope.get(
      '/api/v1/portal/categories',
      {
        schema: {
          tags,
          summary: 'Categories residents may report, with their attributes',
          querystring: Type.Object({ lang: Type.Optional(Type.String()) }),
          response: { 200: PortalCategories },
        },
      },
      async (request) => {
        const lang = langFrom(request.headers['accept-language'], request.query.lang);
        return (await residentCategories(ctx)).map((c) => ({
          code: c.code,
          name: lang === 'zh' ? c.name_zh : c.name_en,
          group: lang === 'zh' ? c.parent_name_zh : c.parent_name_en,
          attributes: c.attributes.map((a) => ({
            code: a.code,
            label: lang === 'zh' ? a.label_zh : a.label_en,
            type: a.type,
            required: a.required,
            options: (a.options ?? []).map((o) => ({
              value: o.value,
              label: lang === 'zh' ? o.label_zh : o.label_en,
            })),
          })),
        }));
      },
    );

    scope.get(
      '/api/v1/portal/nearby',
      {
        schema: {
          tags,
          summary: 'Open problems of a category near a point (to follow instead of reporting again)',
          querystring: Type.Object({
            category: Type.String({ minLength: 1 }),
            lon: Type.Number({ minimum: -180, maximum: 180 }),
            lat: Type.Number({ minimum: -90, maximum: 90 }),
          }),
          response: { 200: Nearby },
        },
      },
      async (request) => ({ items: await nearby(ctx, request.query.category, request.query) }),
    );

    scope.post(
      '/api/v1/portal/reports',
      {
        schema: {
          tags,
          summary: 'Report a problem (returns the case number and a secret tracking link)',
          body: ReportBody,
          response: { 201: Tracked },
        },
        bodyLimit: 64 * 1024,
      },
      async (request, reply) => {
        const body = request.body;
        if (!body.location && !body.address?.trim())
          throw badRequest('body.location', 'put a point on the map or write the address');
        return reply.status(201).send(await report(ctx, body));
      },
    );

    scope.get(
      '/api/v1/portal/cases/:number',
      {
        schema: {
          tags,
          summary: `A case's public page (send ${SECRET_HEADER} to see it as its reporter)`,
          params: Number_,
          response: { 200: CaseView },
        },
      },
      async (request) => caseView(ctx, request.params.number, secretOf(request)),
    );

    scope.post(
      '/api/v1/portal/cases/:number/photos',
      {
        schema: {
          tags,
          summary: `Add photos to your report (multipart "file", at most ${MAX_PHOTOS}; ${SECRET_HEADER})`,
          params: Number_,
          consumes: ['multipart/form-data'],
          response: { 201: CaseView },
        },
      },
      async (request, reply) => {
        // who may add photos is settled before a byte of the upload is read or stored
        await requireReporter(ctx, request.params.number, secretOf(request));
        if (!request.isMultipart())
          throw new Problem(415, 'Unsupported Media Type', 'send multipart/form-data');
        const uploads: StoredFile[] = [];
        for await (const part of request.parts()) {
          if (part.type !== 'file') continue;
          const data = await part.toBuffer().catch((e: { code?: string }) => {
            if (e.code === 'FST_REQ_FILE_TOO_LARGE')
              throw new Problem(413, 'Content Too Large', `body.file: at most ${MAX_PHOTO_BYTES} bytes`, [
                { field: 'body.file', message: 'too large' },
              ]);
            throw e;
          });
          if (data.length > MAX_PHOTO_BYTES)
            throw new Problem(413, 'Content Too Large', `body.file: at most ${MAX_PHOTO_BYTES} bytes`, [
              { field: 'body.file', message: 'too large' },
            ]);
          const stored = await storeAttachment(ctx, data, part.mimetype, part.filename);
          if (!stored.mediaType.startsWith('image/'))
            throw unprocessable('body.file', 'only photos (JPEG, PNG, …) are accepted');
          uploads.push(stored);
        }
        if (uploads.length === 0) throw badRequest('body.file', 'no photo was sent');
        await addPhotos(ctx, request.params.number, secretOf(request), uploads);
        return reply.status(201).send(await caseView(ctx, request.params.number, secretOf(request)));
      },
    );

    scope.post(
      '/api/v1/portal/cases/:number/rating',
      {
        schema: {
          tags,
          summary: `Rate the result once the case is closed (reporter; ${SECRET_HEADER})`,
          params: Number_,
          body: Type.Object(
            {
              rating: Type.Union([
                Type.Literal('satisfied'),
                Type.Literal('basically_satisfied'),
                Type.Literal('unsatisfied'),
              ]),
              comment: Type.Optional(Type.String({ maxLength: 500 })),
            },
            { additionalProperties: false },
          ),
          response: { 200: CaseView },
        },
      },
      async (request) => {
        const { rating, comment } = request.body;
        await reporterAction(
          ctx,
          request.params.number,
          secretOf(request),
          'rate',
          comment?.trim() ? { rating, comment: comment.trim() } : { rating },
        );
        return caseView(ctx, request.params.number, secretOf(request));
      },
    );

    scope.post(
      '/api/v1/portal/cases/:number/reopen',
      {
        schema: {
          tags,
          summary: `Reopen a closed case when the problem is not solved (reporter; ${SECRET_HEADER})`,
          params: Number_,
          body: Type.Object(
            { reason: Type.String({ minLength: 2, maxLength: 500 }) },
            { additionalProperties: false },
          ),
          response: { 200: CaseView },
        },
      },
      async (request) => {
        await reporterAction(ctx, request.params.number, secretOf(request), 'reopen', {
          reason: request.body.reason.trim(),
        });
        return caseView(ctx, request.params.number, secretOf(request));
      },
    );

    scope.post(
      '/api/v1/portal/cases/:number/follow',
      {
        schema: {
          tags,
          summary: 'Follow an open problem (a tracking link of your own)',
          params: Number_,
          response: { 201: Tracked },
        },
      },
      async (request, reply) => reply.status(201).send(await follow(ctx, request.params.number)),
    );
  });
}
