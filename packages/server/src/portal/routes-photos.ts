import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { openAttachment } from '../cases/index.ts';
import type { AppContext } from '../context.ts';
import { notFound } from '../http/problem.ts';
import { file } from '../http/responses.ts';
import { portalCase } from './service-view.ts';

const PhotoParams = Type.Object({
  number: Type.String({ pattern: '^[0-9]{6}-[0-9]{4}-[0-9]{6}$' }),
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
});

/**
 * The photos of a public case (the resident's and the handler's after-photo), as its tracking page
 * and Open311's media_url show them: only images attached to that case, nothing else stored.
 */
export async function portalPhotoRoutes(app: FastifyInstance, ctx: AppContext) {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/v1/portal/cases/:number/photos/:sha256',
    {
      schema: {
        tags: ['portal'],
        summary: 'A photo of a public case (its tracking page, Open311 media_url)',
        params: PhotoParams,
        response: { 200: file('the photo as uploaded', 'image/jpeg', 'image/png', 'image/webp') },
      },
    },
    async (request, reply) => {
      const c = await portalCase(ctx, request.params.number);
      const row = await ctx.db
        .selectFrom('case_attachment')
        .select(['media_type'])
        .where('case_id', '=', c.id)
        .where('sha256', '=', request.params.sha256)
        .where('media_type', 'like', 'image/%')
        .executeTakeFirst();
      const stream = row ? openAttachment(ctx, request.params.sha256) : null;
      if (!row || !stream) throw notFound('photo');
      return reply
        .type(row.media_type)
        .header('cache-control', 'public, max-age=86400, immutable')
        .header('x-content-type-options', 'nosniff')
        .send(stream);
    },
  );
}
