import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { Type } from 'typebox';
import type { AppContext } from '../context.ts';
import { notFound } from '../http/problem.ts';
import { file } from '../http/responses.ts';
import { uploadedFile } from '../http/uploads.ts';
import { actorOf, creating, idOf, paged } from './routes-common.ts';
import * as S from './schemas.ts';
import { getChecklist, listChecklists, saveChecklist } from './service-checklists.ts';
import { importPlaces } from './service-import.ts';
import { placePage } from './service-place-page.ts';
import { createPlace, listPlaces, placeFor, updatePlace } from './service-places.ts';

const tags = ['inspections'];
const MAX_IMPORT_BYTES = 30 * 1024 * 1024;

/** Places registry (with its Excel import and the visits' photos) and checklist templates. */
export async function placeRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get(
    '/api/v1/places',
    {
      schema: {
        tags,
        summary:
          'Places under supervision in scope (overdue=true: the places whose inspection is overdue, most overdue first)',
        querystring: S.PlaceListQuery,
        response: { 200: S.PlaceList },
      },
    },
    async (req) => {
      const q = req.query as Static<typeof S.PlaceListQuery>;
      return listPlaces(ctx, actorOf(req), paged(q));
    },
  );
  app.post(
    '/api/v1/places',
    {
      schema: {
        tags,
        summary: 'Register a place, located to its grid by its point (or the grid of its address)',
        body: S.PlaceBody,
        response: { 201: S.PlacePage },
      },
    },
    creating((actor, body: Static<typeof S.PlaceBody>) => createPlace(ctx, actor, body)),
  );
  app.get(
    '/api/v1/places/:id',
    {
      schema: {
        tags,
        summary: 'A place’s page: the place, its inspections and its hazards with their cases',
        params: S.IdParams,
        response: { 200: S.PlacePage },
      },
    },
    async (req) => placePage(ctx, actorOf(req), idOf(req)),
  );
  app.patch(
    '/api/v1/places/:id',
    {
      schema: {
        tags,
        summary: 'Edit a place (a new risk tier reschedules its next inspection; retired=true retires it)',
        params: S.IdParams,
        body: S.PlacePatch,
        response: { 200: S.PlacePage },
      },
    },
    async (req) => updatePlace(ctx, actorOf(req), idOf(req), req.body as Static<typeof S.PlacePatch>),
  );
  app.get(
    '/api/v1/places/:id/photos/:sha256',
    {
      schema: {
        tags,
        summary: 'A photo of a visit or a fix at this place',
        params: Type.Object({
          id: Type.String({ pattern: '^[0-9]{1,15}$' }),
          sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
        }),
        response: { 200: file('the photo as taken', 'image/jpeg', 'image/png', 'image/webp', 'image/heic') },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { sha256 } = req.params as { sha256: string };
      const place = await placeFor(ctx, actor, idOf(req));
      const used = await ctx.db
        .selectFrom('place_photo')
        .select('sha256')
        .where('place_id', '=', place.id)
        .where('sha256', '=', sha256)
        .executeTakeFirst();
      const stream = used ? ctx.services.cases.attachments.open(ctx, sha256) : null;
      if (!stream) throw notFound('photo');
      return reply.header('cache-control', 'private, max-age=86400').type('image/jpeg').send(stream);
    },
  );
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 5 } });
    scope.post(
      '/api/v1/places/import',
      {
        schema: {
          tags,
          summary:
            'Import places from Excel (multipart field "file"; columns key/编号, name/名称, type/类型, lon/经度 + lat/纬度 or grid/网格, and optionally size, area, address, safetyGrid, risk, responsible, phone, licences). Every row is checked first: one bad row refuses the whole file (422 naming rows.<row>.<column>); known keys update their place; dryRun=true only checks.',
          consumes: ['multipart/form-data'],
          querystring: S.ImportQuery,
          response: { 200: S.ImportResult, 201: S.ImportResult },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const dryRun = (req.query as { dryRun?: boolean }).dryRun === true;
        const result = await importPlaces(ctx, actor, await uploadedFile(req), { dryRun });
        return reply.status(dryRun ? 200 : 201).send(result);
      },
    );
  });
  app.get(
    '/api/v1/checklists',
    {
      schema: {
        tags,
        summary: 'The newest checklist of every place type (placeType: every version of one)',
        querystring: S.ChecklistQuery,
        response: { 200: S.ChecklistList },
      },
    },
    async (req) => listChecklists(ctx, actorOf(req), (req.query as { placeType?: string }).placeType),
  );
  app.get(
    '/api/v1/checklists/:id',
    {
      schema: {
        tags,
        summary: 'One checklist version with its items',
        params: S.IdParams,
        response: { 200: S.ChecklistView },
      },
    },
    async (req) => getChecklist(ctx, actorOf(req), idOf(req)),
  );
  app.post(
    '/api/v1/checklists',
    {
      schema: {
        tags,
        summary: 'Save a place type’s checklist as its next version (inspections keep the version they used)',
        body: S.ChecklistBody,
        response: { 201: S.ChecklistView },
      },
    },
    creating((actor, body: Static<typeof S.ChecklistBody>) => saveChecklist(ctx, actor, body)),
  );
}
