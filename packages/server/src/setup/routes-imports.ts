import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../context.ts';
import { notFound } from '../http/problem.ts';
import { passwordWorkbook, requireStaff } from '../identity/index.ts';
import { sheetNamed, sheetToCsv, UnreadableFile } from '../lib/spreadsheet.ts';
import { readBoundaryFile } from './boundary-files.ts';
import { createPasswordSheets } from './password-sheets.ts';
import {
  BoundariesResult,
  CalendarResult,
  CategoriesResult,
  DivisionsResult,
  DryRun,
  GridsResult,
  StaffResult,
  XLSX_TYPE,
  Xlsx,
} from './schemas.ts';
import { assertCityAdmin } from './service.ts';
import { acceptUploads, fileProblem, uploadedFile, uploadedSheets } from './uploads.ts';

const tags = ['setup'];
const multipartBody = { consumes: ['multipart/form-data'] };
const ip = (req: FastifyRequest) => req.ip;

/** The city's setup files: each checked whole first (422 listing every row's problem), dry run, re-import updates by code. */
export async function setupImportRoutes(app: FastifyInstance, ctx: AppContext) {
  const { regions, identity, cases } = ctx.services;
  const passwordSheets = createPasswordSheets(ctx);
  await app.register(async (scope) => {
    await acceptUploads(scope);
    // A city-wide administrator only, checked before the upload is read.
    scope.addHook('preParsing', async (req, _reply, payload) => {
      assertCityAdmin(requireStaff(req));
      return payload;
    });

    scope.post(
      '/api/v1/setup/import/divisions',
      {
        schema: {
          tags,
          summary:
            'Import the division tree (CSV or Excel: code, name, level, parent_code[, households, population])',
          description:
            'National statistical division codes (12 digits). Rows of an unknown parent, bad codes or levels: 422 listing every row (errors[].field = file.row.<row>.<column>).',
          ...multipartBody,
          querystring: Type.Object({ dryRun: DryRun }),
          response: { 200: DivisionsResult },
        },
      },
      async (req) => {
        const sheet = sheetNamed(await uploadedSheets(req), ['divisions', '行政区划']);
        if (!sheet) throw fileProblem('the workbook has no sheet');
        const { dryRun } = req.query as { dryRun?: boolean };
        return regions.importDivisions(requireStaff(req), sheetToCsv(sheet), {
          dryRun: dryRun === true,
          errorPrefix: 'file.row',
        });
      },
    );

    scope.post(
      '/api/v1/setup/import/boundaries',
      {
        schema: {
          tags,
          summary: 'Import boundaries: GeoJSON FeatureCollection or a zipped Shapefile, in WGS-84 or GCJ-02',
          description:
            'Each feature names its region by the property `codeField` (default `code`; 6-digit county codes are widened to 12). A boundary outside its parent, an invalid geometry or an unknown code: 422 listing every feature.',
          ...multipartBody,
          querystring: Type.Object({
            dryRun: DryRun,
            crs: Type.Optional(
              Type.Union([Type.Literal('wgs84'), Type.Literal('gcj02')], { default: 'wgs84' }),
            ),
            codeField: Type.Optional(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]{0,39}$' })),
          }),
          response: { 200: BoundariesResult },
        },
      },
      async (req) => {
        const q = req.query as { dryRun?: boolean; crs?: 'wgs84' | 'gcj02'; codeField?: string };
        const data = await uploadedFile(req);
        let collection: Awaited<ReturnType<typeof readBoundaryFile>>;
        try {
          collection = await readBoundaryFile(data, {
            crs: q.crs ?? 'wgs84',
            codeField: q.codeField ?? 'code',
          });
        } catch (error) {
          if (error instanceof UnreadableFile) throw fileProblem(error.message);
          throw error;
        }
        return regions.importBoundaries(requireStaff(req), collection, {
          dryRun: q.dryRun === true,
          errorPrefix: 'file.features',
        });
      },
    );

    scope.post(
      '/api/v1/setup/import/grids',
      {
        schema: {
          tags,
          summary:
            'Import grids (Excel or CSV: grid_code, name, community_code[, kind, dedicated_type, households, population, boundary])',
          description:
            'boundary: GeoJSON or WKT; empty: the grids of a community are drawn by partitioning its boundary (or the nearest one above).',
          ...multipartBody,
          querystring: Type.Object({ dryRun: DryRun }),
          response: { 200: GridsResult },
        },
      },
      async (req) => {
        const sheet = sheetNamed(await uploadedSheets(req), ['grids', '网格']);
        if (!sheet) throw fileProblem('the workbook has no sheet');
        const { dryRun } = req.query as { dryRun?: boolean };
        return regions.importGrids(requireStaff(req), sheet, { dryRun: dryRun === true });
      },
    );

    scope.post(
      '/api/v1/setup/import/staff',
      {
        schema: {
          tags,
          summary: 'Import units and users with their posts (Excel: sheets "units" and "users")',
          description:
            'units: kind, department_type, region_code, name[, phone, parent_unit]; users: username, display_name, role, unit (a unit code such as centre:620502000000), region_code. New users get one-time passwords in a sheet only you can download, once (passwordSheet.id).',
          ...multipartBody,
          querystring: Type.Object({ dryRun: DryRun }),
          response: { 200: StaffResult },
        },
      },
      async (req) => {
        const actor = requireStaff(req);
        const sheets = await uploadedSheets(req);
        const units = sheetNamed(sheets, ['units', '单位'], false);
        const users = sheetNamed(sheets, ['users', '人员'], false);
        if (!units && !users) throw fileProblem('the workbook has neither a "units" nor a "users" sheet');
        const { dryRun } = req.query as { dryRun?: boolean };
        let passwordSheet: Awaited<ReturnType<typeof passwordSheets.put>> | null = null;
        const { passwords: _shown, ...rest } = await identity.importStaff(
          actor,
          { ...(units ? { units } : {}), ...(users ? { users } : {}) },
          {
            dryRun: dryRun === true,
            ip: ip(req),
            // the sheet is written in the import's transaction: no users without their passwords
            keepPasswords: async (trx, rows) => {
              passwordSheet = await passwordSheets.put(actor.userId as number, rows, trx);
            },
          },
        );
        return { ...rest, passwordSheet };
      },
    );

    scope.get(
      '/api/v1/setup/password-sheets/:id',
      {
        schema: {
          tags,
          summary:
            'Download the one-time passwords of an import (the importing administrator only, once, within an hour)',
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          response: { 200: Xlsx },
        },
      },
      async (req, reply) => {
        const actor = requireStaff(req);
        const { id } = req.params as { id: string };
        const rows = await passwordSheets.take(actor, id, ip(req));
        if (!rows) throw notFound('password sheet');
        return reply
          .type(XLSX_TYPE)
          .header('cache-control', 'no-store')
          .header('content-disposition', 'attachment; filename="one-time-passwords.xlsx"')
          .send(await passwordWorkbook(rows));
      },
    );

    scope.get(
      '/api/v1/setup/export/categories',
      {
        schema: {
          tags,
          summary: 'The categories with limits, routing and attributes as Excel',
          response: { 200: Xlsx },
        },
      },
      async (_req, reply) =>
        reply
          .type(XLSX_TYPE)
          .header('content-disposition', 'attachment; filename="categories.xlsx"')
          .send(await cases.exportCategorySheet(ctx)),
    );

    scope.post(
      '/api/v1/setup/import/categories',
      {
        schema: {
          tags,
          summary: 'Import categories from an exported sheet (new codes created, existing updated)',
          ...multipartBody,
          querystring: Type.Object({ dryRun: DryRun }),
          response: { 200: CategoriesResult },
        },
      },
      async (req) => {
        const sheet = sheetNamed(await uploadedSheets(req), ['categories']);
        if (!sheet) throw fileProblem('the workbook has no sheet');
        const { dryRun } = req.query as { dryRun?: boolean };
        return cases.importCategorySheet(ctx, requireStaff(req), sheet, {
          dryRun: dryRun === true,
          ip: ip(req),
        });
      },
    );

    scope.post(
      '/api/v1/setup/import/calendar',
      {
        schema: {
          tags,
          summary:
            "Import a year's public holidays and make-up working days (Excel or CSV: day, kind off|work, name_zh, name_en)",
          ...multipartBody,
          querystring: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }), dryRun: DryRun }),
          response: { 200: CalendarResult },
        },
      },
      async (req) => {
        const sheet = sheetNamed(await uploadedSheets(req), ['calendar', 'holidays']);
        if (!sheet) throw fileProblem('the workbook has no sheet');
        const { year, dryRun } = req.query as { year: number; dryRun?: boolean };
        return cases.importCalendarYear(ctx, requireStaff(req), year, sheet, {
          dryRun: dryRun === true,
          ip: ip(req),
        });
      },
    );
  });
}
