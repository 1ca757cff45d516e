import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.ts';
import { badRequest, conflict, forbidden, notFound, Problem } from '../../http/problem.ts';
import { file } from '../../http/responses.ts';
import { CaseDetailSchema } from '../case-schemas.ts';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES } from '../domain/attachment-policy.ts';
import { decide } from '../domain/state-machine.ts';
import { caseScopeOf, visibleTo } from '../policy.ts';
import { caseDetailOfWritten } from '../read/case-detail.ts';
import { signedIn } from '../read/case-routes.ts';
import { applyCaseAction, caseForActor } from '../workflow/action-service.ts';
import { openAttachment, type StoredFile, storeAttachment } from './attachment-store.ts';

const MAX_FILES = 10;

/** Upload photos and documents to a case (multipart), and read them back by SHA-256 within scope. */
export async function attachmentRoutes(app: FastifyInstance, ctx: AppContext) {
  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: MAX_ATTACHMENT_BYTES + 1, files: MAX_FILES, fields: 10 },
    });
    scope.post(
      '/api/v1/cases/:id/attachments',
      {
        schema: {
          tags: ['cases'],
          summary: 'Attach photos or documents (multipart field "file"; optional field "clientId")',
          params: Type.Object({ id: Type.String({ pattern: '^[0-9]{1,15}$' }) }),
          consumes: ['multipart/form-data'],
          response: { 201: CaseDetailSchema },
        },
      },
      async (request, reply) => {
        const actor = signedIn(request);
        const { id } = request.params as { id: string };
        // scope and the workflow first: nothing is stored for someone who may not attach
        const seen = await caseForActor(ctx, actor, id);
        const may = decide(seen.state, 'attach', seen.capacities);
        if (!may.ok) {
          const current = {
            status: seen.row.status,
            version: seen.row.version,
            allowedActions: seen.allowed,
          };
          if (may.reason === 'state')
            throw conflict(`attach is not possible while the case is ${seen.row.status}`, current);
          throw forbidden('you may not attach files to this case', current);
        }
        if (!request.isMultipart())
          throw new Problem(415, 'Unsupported Media Type', 'send multipart/form-data');
        const stored: StoredFile[] = [];
        let clientId: string | undefined;
        for await (const part of request.parts()) {
          if (part.type === 'field') {
            if (part.fieldname === 'clientId') clientId = String(part.value).slice(0, 100);
            continue;
          }
          const data = await part.toBuffer().catch((e: { code?: string }) => {
            if (e.code === 'FST_REQ_FILE_TOO_LARGE')
              throw new Problem(413, 'Content Too Large', 'body.file: the file is too large', [
                { field: 'body.file', message: 'too large' },
              ]);
            throw e;
          });
          stored.push(await storeAttachment(ctx, data, part.mimetype, part.filename));
        }
        if (stored.length === 0) throw badRequest('body.file', 'no file was sent');
        const result = await applyCaseAction(
          ctx,
          actor,
          id,
          {
            action: 'attach',
            clientId: clientId ?? `upload:${stored.map((s) => s.sha256.slice(0, 16)).join(',')}`,
            payload: { sha256: stored.map((s) => s.sha256) },
          },
          { uploads: stored },
        );
        return reply.status(201).send(await caseDetailOfWritten(ctx, actor, result));
      },
    );
  });

  app.get(
    '/api/v1/attachments/:sha256',
    {
      schema: {
        tags: ['cases'],
        summary: 'A stored attachment, if it belongs to a case in your scope',
        params: Type.Object({ sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }) }),
        response: { 200: file('the file as uploaded', ...Object.keys(ATTACHMENT_TYPES)) },
      },
    },
    async (request, reply) => {
      const actor = signedIn(request);
      const { sha256 } = request.params as { sha256: string };
      const row = await ctx.db
        .selectFrom('case_attachment')
        .innerJoin('cases', 'cases.id', 'case_attachment.case_id')
        .select(['case_attachment.media_type', 'case_attachment.file_name'])
        .where('case_attachment.sha256', '=', sha256)
        .where((eb) => visibleTo(eb as never, caseScopeOf(actor, ctx.services.caseKinds)))
        .executeTakeFirst();
      const stream = row ? openAttachment(ctx, sha256) : null;
      if (!row || !stream) throw notFound('attachment');
      return reply
        .type(row.media_type)
        .header('cache-control', 'private, max-age=86400, immutable')
        .header('x-content-type-options', 'nosniff')
        .send(stream);
    },
  );
}
