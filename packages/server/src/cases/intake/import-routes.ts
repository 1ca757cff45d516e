import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.ts';
import { uploadedFile } from '../../http/uploads.ts';
import { requireStaff } from '../../identity/index.ts';
import { importCases, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from './import-service.ts';

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
