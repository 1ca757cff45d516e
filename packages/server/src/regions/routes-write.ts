import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../context.ts';
import { actorOf } from './routes-access.ts';
import {
  BoundaryImportBody,
  BoundaryImportResult,
  CreateBody,
  codeParams,
  DivisionsImportResult,
  DryRunQuery,
  MoveBody,
  Region,
  RetireBody,
  RetiredRegion,
  UpdateBody,
} from './routes-schemas.ts';
import { assertMayManageSomewhere } from './service-access.ts';

/** The largest divisions CSV accepted (the whole of Tianjin's tree is 0.35 MB). */
export const DIVISIONS_BODY_LIMIT = 8 * 1024 * 1024;
/** The largest boundaries GeoJSON accepted (Tianjin's 15,000 grids are about 20 MB). */
export const BOUNDARIES_BODY_LIMIT = 64 * 1024 * 1024;

const tags = ['regions'];

/** Region writes: an administrator whose scope covers the region (checked in the service). */
export async function regionWriteRoutes(scope: FastifyInstance, ctx: AppContext) {
  const api = scope.withTypeProvider<TypeBoxTypeProvider>();
  const regions = ctx.services.regions;
  const params = codeParams(ctx.config.gridCodeWidth);

  // Refuse callers who administer no region before their body is read (after the identity
  // module's onRequest hook has found the caller); scope is checked by the service.
  api.addHook('preParsing', async (req, _reply, payload) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') assertMayManageSomewhere(actorOf(req));
    return payload;
  });
  api.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  );
  api.addContentTypeParser(
    'application/geo+json',
    { parseAs: 'string' },
    api.getDefaultJsonParser('error', 'error'),
  );

  api.post(
    '/regions',
    {
      schema: {
        tags,
        summary: 'Create a region under a parent of the level above',
        body: CreateBody,
        response: { 201: Region },
      },
    },
    async (req, reply) => reply.status(201).send(await regions.create(actorOf(req), req.body)),
  );

  api.patch(
    '/regions/:code',
    {
      schema: {
        tags,
        summary: 'Change a region: name, figures, grid kind, boundary (null clears it)',
        params,
        body: UpdateBody,
        response: { 200: Region },
      },
    },
    async (req) => regions.update(actorOf(req), req.params.code, req.body),
  );

  api.post(
    '/regions/:code/move',
    {
      schema: {
        tags,
        summary: 'Put a region (and its subtree) under another parent of the level above; codes stay',
        params,
        body: MoveBody,
        response: { 200: Region },
      },
    },
    async (req) => regions.move(actorOf(req), req.params.code, req.body.parentCode, req.body.version),
  );

  api.post(
    '/regions/:code/retire',
    {
      schema: {
        tags,
        summary: 'Retire a region (kept for history); with cascade, its whole subtree',
        params,
        body: Type.Optional(RetireBody),
        response: { 200: RetiredRegion },
      },
    },
    async (req) => regions.retire(actorOf(req), req.params.code, req.body ?? {}),
  );

  api.post(
    '/regions/import/divisions',
    {
      bodyLimit: DIVISIONS_BODY_LIMIT,
      schema: {
        tags,
        summary:
          'Import a divisions CSV (code,name,level,parent_code[,households,population,grid_kind,dedicated_type])',
        description:
          'All or nothing: any bad line refuses the file with a 422 listing every bad line (errors: body.line.N.column).',
        consumes: ['text/csv'],
        querystring: DryRunQuery,
        body: Type.String({
          description: 'the CSV text, UTF-8, header line first',
          maxLength: DIVISIONS_BODY_LIMIT,
        }),
        response: { 200: DivisionsImportResult },
      },
    },
    async (req) => regions.importDivisions(actorOf(req), req.body, { dryRun: req.query.dryRun === true }),
  );

  api.post(
    '/regions/import/boundaries',
    {
      bodyLimit: BOUNDARIES_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Set boundaries from a GeoJSON FeatureCollection (properties.code names the region)',
        description:
          'All or nothing: any bad feature (invalid, unknown code, outside its parent) refuses the collection with a 422 listing every one.',
        consumes: ['application/json', 'application/geo+json'],
        querystring: DryRunQuery,
        body: BoundaryImportBody,
        response: { 200: BoundaryImportResult },
      },
    },
    async (req) => regions.importBoundaries(actorOf(req), req.body, { dryRun: req.query.dryRun === true }),
  );
}
