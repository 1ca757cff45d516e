import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../context.ts';
import { Problem } from '../http/problem.ts';
import {
  BoundariesQuery,
  BoundaryCollection,
  ChildrenQuery,
  Counts,
  codeParams,
  ExportQuery,
  HistoryEntry,
  Located,
  LocateQuery,
  RegionDetail,
  RegionExport,
  RegionFound,
  RegionWithChildren,
  SearchQuery,
} from './routes-schemas.ts';
import { regionWriteRoutes } from './routes-write.ts';

const tags = ['regions'];

/** The regions API under /api/v1: reads are public (boundaries are not personal data). */
export async function regionRoutes(app: FastifyInstance, ctx: AppContext) {
  // A listening server builds the locate index at once; tests driving it by inject build it on first use.
  app.addHook('onListen', async () => ctx.services.regions.locator.warmUp());
  await app.register(
    async (scope) => {
      const r = scope.withTypeProvider<TypeBoxTypeProvider>();
      const regions = ctx.services.regions;
      const params = codeParams(ctx.config.gridCodeWidth);

      r.get(
        '/regions',
        {
          schema: {
            tags,
            summary: 'Search regions by part of their name or a code prefix',
            querystring: SearchQuery,
            response: { 200: Type.Object({ items: Type.Array(RegionFound) }) },
          },
        },
        async (req) => ({ items: await regions.search(req.query) }),
      );

      r.get(
        '/regions/:code',
        {
          schema: {
            tags,
            summary: 'A region with its ancestor chain (root first) and boundary',
            params,
            response: { 200: RegionDetail },
          },
        },
        async (req) => regions.get(req.params.code),
      );

      r.get(
        '/regions/:code/children',
        {
          schema: {
            tags,
            summary: "A region's children in code order (retired ones only when asked)",
            params,
            querystring: ChildrenQuery,
            response: { 200: Type.Object({ items: Type.Array(RegionWithChildren) }) },
          },
        },
        async (req) => ({ items: await regions.children(req.params.code, req.query.includeRetired) }),
      );

      r.get(
        '/regions/:code/counts',
        {
          schema: {
            tags,
            summary: 'How many active regions of each level lie inside the region',
            params,
            response: { 200: Counts },
          },
        },
        async (req) => regions.counts(req.params.code),
      );

      r.get(
        '/regions/:code/boundaries',
        {
          schema: {
            tags,
            summary: 'GeoJSON of one level inside the region, simplified for the extent drawn',
            params,
            querystring: BoundariesQuery,
            response: { 200: BoundaryCollection },
          },
        },
        async (req, reply) => {
          reply.type('application/geo+json');
          return regions.boundaries(req.params.code, req.query);
        },
      );

      r.get(
        '/regions/:code/export',
        {
          schema: {
            tags,
            summary: 'The whole subtree as a GeoJSON FeatureCollection with exact boundaries',
            params,
            querystring: ExportQuery,
            produces: ['application/geo+json'],
            response: { 200: RegionExport },
          },
        },
        async (req, reply) => {
          const collection = await regions.export(req.params.code, req.query);
          reply
            .type('application/geo+json')
            .header('content-disposition', `attachment; filename="regions-${req.params.code}.geojson"`);
          return collection;
        },
      );

      r.get(
        '/regions/:code/history',
        {
          schema: {
            tags,
            summary: 'Every recorded change to the region, oldest first',
            params,
            response: { 200: Type.Object({ items: Type.Array(HistoryEntry) }) },
          },
        },
        async (req) => ({ items: await regions.history(req.params.code) }),
      );

      r.get(
        '/locate',
        {
          schema: {
            tags,
            summary: 'The grid containing a point, and its ancestor chain',
            querystring: LocateQuery,
            response: { 200: Located },
          },
        },
        async (req) => {
          const found = await regions.locate(req.query.lon, req.query.lat);
          if (!found)
            throw new Problem(
              404,
              'Not Found',
              `no grid contains the point lon ${req.query.lon}, lat ${req.query.lat}`,
            );
          return found;
        },
      );

      await regionWriteRoutes(scope, ctx);
    },
    { prefix: '/api/v1' },
  );
}
