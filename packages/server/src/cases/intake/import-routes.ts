import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.ts';
import { Problem } from '../../http/problem.ts';
import { requireStaff } from '../../identity/index.ts';
import { importCases, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from './import-service.ts';

const tooLarge = () =>
  new Problem(413, 'Content Too Large', `body.file: at most ${MAX_IMPORT_BYTES} bytes`, [
    { field: 'body.file', message: 'too large' },
  ]);

async function uploadedFile(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart())
    throw new Problem(415, 'Unsupported Media Type', 'send multipart/form-data with a "file" field');
  for await (const part of request.parts()) {
    if (part.type !== 'file' || part.fieldname !== 'file') continue;
    return part.toBuffer().catch((e: { code?: string }) => {
      throw e.code === 'FST_REQ_FILE_TOO_LARGE' ? tooLarge() : e;
    });
  }
  throw new Problem(400, 'Bad Request', 'body.file: is required', [
    { field: 'body.file', message: 'is required' },
  ]);
}

const ImportResultSchema = Type.Object({
  rows: Type.Integer(),
  created: Type.Integer(),
  existing: Type.Integer({ description: 'cases made by an earlier upload of the same file' }),
  dryRun: Type.Boolean(),
  cases: Type.Array(Type.Object({ row: Type.Integer(), id: Type.Integer(), number: Type.String() })),
});

/** POST /api/v1/cases/import: bulk import of cases from CSV or Excel (all rows or none). */
export async function importRoutes(app: FastifyInstance, ctx: AppContext) {
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 5 } });
    scope.post(
      '/api/v1/cases/import',
      {
        schema: {
          tags: ['cases'],
          summary: `Import up to ${MAX_IMPORT_ROWS} cases from a CSV or Excel file (multipart field "file"). Columns: kind, category, description, gridCode or lon+lat, and optionally title, address, reporterName, reporterPhone, anonymous, priority, attr.<code>. One bad row refuses the whole file (422 naming rows.<row>.<column>); dryRun=true only checks.`,
          consumes: ['multipart/form-data'],
          querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean()) }),
          response: { 200: ImportResultSchema, 201: ImportResultSchema },
        },
      },
      async (request, reply) => {
        const actor = requireStaff(request);
        const data = await uploadedFile(request);
        const dryRun = (request.query as { dryRun?: boolean }).dryRun === true;
        const result = await importCases(ctx, actor, data, { dryRun });
        return reply.status(dryRun || result.created === 0 ? 200 : 201).send(result);
      },
    );
  });
}
