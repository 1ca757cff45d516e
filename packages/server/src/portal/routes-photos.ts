import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { openAttachment } from '../cases/index.ts';
import type { AppContext } from '../context.ts';
import { notFound } from '../http/problem.ts';
import { file } from '../http/responses.ts';
import { isPhotoKey } from '../open311/index.ts';
import { portalCase } from './service-view.ts';

const PhotoQuery = Type.Object({
  key: Type.Optional(Type.String({ pattern: '^[0-9a-f]{32}$', description: "a resident's photo: its key" })),
});
const PhotoParams = Type.Object({
  number: Type.String({ pattern: '^[0-9]{6}-[0-9]{4}-[0-9]{6}$' }),
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
});

/**
 * The photos of a public case, as its tracking page and Open311's media_url show them: only images
 * attached to that case, nothing else stored. A handler's photo is public; a resident's own photo
 * only with its key (its reporter's tracking page gives it): case numbers run in order, so a number
 * alone opens nobody's photo. Anything else is 404, like a photo that does not exist.
 */
export async function portalPhotoRoutes(app: FastifyInstance, ctx: AppContext) {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/v1/portal/cases/:number/photos/:sha256',
    {
      schema: {
        tags: ['portal'],
        summary: 'A photo of a public case (its tracking page, Open311 media_url)',
        params: PhotoParams,
        querystring: PhotoQuery,
        response: { 200: file('the photo as uploaded', 'image/jpeg', 'image/png', 'image/webp') },
      },
    },
    async (request, reply) => {
      const c = await portalCase(ctx, request.params.number);
      const row = await ctx.db
        .selectFrom('case_attachment')
        .select(['media_type', 'uploaded_by'])
        .where('case_id', '=', c.id)
        .where('sha256', '=', request.params.sha256)
        .where('media_type', 'like', 'image/%')
        .orderBy('id')
        .executeTakeFirst();
      // residents act under a negative id (their tracker), staff under their user id
      const resident = row && (row.uploaded_by === null || row.uploaded_by < 0);
      const allowed =
        row && (!resident || isPhotoKey(ctx, c.number, request.params.sha256, request.query.key));
      const stream = allowed ? openAttachment(ctx, request.params.sha256) : null;
      if (!row || !stream) throw notFound('photo');
      return reply
        .type(row.media_type)
        .header('cache-control', resident ? 'private, max-age=86400' : 'public, max-age=86400, immutable')
        .header('x-content-type-options', 'nosniff')
        .send(stream);
    },
  );
}
