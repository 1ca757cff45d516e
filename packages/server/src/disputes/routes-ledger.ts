import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../context.ts';
import { uploadedFile } from '../http/uploads.ts';
import { exportLedger } from './ledger-export.ts';
import { importLedger } from './ledger-import.ts';
import { staff } from './routes-disputes.ts';

const tags = ['disputes'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_BYTES = 20 * 1024 * 1024;
const Code = Type.String({ pattern: '^\\d{12}(\\d{3,4})?$', description: 'a region code' });
const ImportResult = Type.Object({
  rows: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  dryRun: Type.Boolean(),
});

/** The disputes ledger (台账): exported to Excel (streamed), and an existing one imported. */
export async function ledgerRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get(
    '/api/v1/disputes-ledger',
    {
      schema: {
        tags,
        summary:
          'The disputes ledger (台账) in your scope as an Excel workbook (one row per dispute under merged group headers; parties masked)',
        querystring: Type.Object(
          {
            region: Type.Optional(Code),
            limit: Type.Optional(
              Type.Integer({
                minimum: 1,
                description: 'at most this many rows (the first disputes in case order)',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        produces: [XLSX],
        response: {
          200: {
            description: 'the ledger workbook',
            content: { [XLSX]: { schema: Type.String({ format: 'binary' }) } },
          },
        },
      },
    },
    async (req, reply) => {
      const stream = await exportLedger(ctx, staff(req), req.query as { region?: string; limit?: number });
      return reply
        .type(XLSX)
        .header(
          'content-disposition',
          `attachment; filename="disputes-ledger.xlsx"; filename*=UTF-8''${encodeURIComponent('矛盾纠纷台账.xlsx')}`,
        )
        .send(stream);
    },
  );
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: MAX_BYTES, files: 1, fields: 5 } });
    scope.post(
      '/api/v1/disputes-ledger/import',
      {
        schema: {
          tags,
          summary:
            'Import a disputes ledger from Excel (multipart field "file"; the exported layout: 台账编号/key, 纠纷类型/type, 网格代码/grid, 纠纷事项/matter, 涉及人数/people, 风险等级/risk, and optionally 排查日期, 涉及金额, 申请人, 申请人电话, 被申请人, 被申请人电话). Every row is checked first: one bad row refuses the whole file (422 naming rows.<row>.<column>); a known key updates its dispute, a new key registers one; dryRun=true only checks.',
          consumes: ['multipart/form-data'],
          querystring: Type.Object(
            { dryRun: Type.Optional(Type.Boolean()) },
            { additionalProperties: false },
          ),
          response: { 200: ImportResult, 201: ImportResult },
        },
      },
      async (req, reply) => {
        const actor = staff(req);
        const dryRun = (req.query as { dryRun?: boolean }).dryRun === true;
        const result = await importLedger(ctx, actor, await uploadedFile(req), { dryRun });
        return reply.status(dryRun || result.created + result.updated === 0 ? 200 : 201).send(result);
      },
    );
  });
}
