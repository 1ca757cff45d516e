import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.ts';

/** Inside 和平区's real outline, well away from its edges. */
const IN_HEPING = { lon: 117.2012, lat: 39.1196 };

/** Is the point inside the ring (even-odd rule)? */
function inRing([lon, lat]: [number, number], ring: number[][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inBoundary(point: [number, number], boundary: { type: string; coordinates: unknown }): boolean {
  const polygons = (
    boundary.type === 'Polygon' ? [boundary.coordinates] : boundary.coordinates
  ) as number[][][][];
  return polygons.some(
    ([outer = [], ...holes]) => inRing(point, outer) && !holes.some((h) => inRing(point, h)),
  );
}

describe('GET /api/v1/locate', () => {
  let t: TestApp;
  const locate = (query: string) => t.app.inject({ method: 'GET', url: `/api/v1/locate?${query}` });
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('finds the grid of a point in 和平区 and its whole ancestor chain, root first', async () => {
    const res = await locate(`lon=${IN_HEPING.lon}&lat=${IN_HEPING.lat}`);
    expect(res.statusCode).toBe(200);
    const { grid, ancestors } = res.json();
    expect(grid.level).toBe('grid');
    expect(ancestors.map((a: { level: string }) => a.level)).toEqual([
      'city',
      'district',
      'street',
      'community',
    ]);
    expect(ancestors[0]).toEqual({ code: '120000000000', name: '天津市', level: 'city' });
    expect(ancestors[1]).toEqual({ code: '120101000000', name: '和平区', level: 'district' });
    expect(grid.parentCode).toBe(ancestors[3].code);
    const { boundary } = (await t.app.inject({ method: 'GET', url: `/api/v1/regions/${grid.code}` })).json();
    expect(inBoundary([IN_HEPING.lon, IN_HEPING.lat], boundary)).toBe(true);
  });

  it('answers the same grid for the same point every time', async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 3; i++)
      codes.add((await locate(`lon=${IN_HEPING.lon}&lat=${IN_HEPING.lat}`)).json().grid.code);
    expect(codes.size).toBe(1);
  });

  it('answers points across 和平区 with grids that contain them', async () => {
    for (const [lon, lat] of [
      [117.195, 39.115],
      [117.205, 39.125],
      [117.21, 39.12],
    ] as [number, number][]) {
      const res = await locate(`lon=${lon}&lat=${lat}`);
      expect(res.statusCode).toBe(200);
      const { boundary } = (
        await t.app.inject({ method: 'GET', url: `/api/v1/regions/${res.json().grid.code}` })
      ).json();
      expect(inBoundary([lon, lat], boundary)).toBe(true);
    }
  });

  it('answers a point outside every grid with a 404 problem', async () => {
    const res = await locate('lon=121.47&lat=31.23');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().detail).toMatch(/no grid contains the point/);
  });

  it.each([
    ['a longitude beyond 180', 'lon=180.5&lat=39.1', 'lon'],
    ['a latitude beyond -90', 'lon=117.2&lat=-91', 'lat'],
    ['a longitude that is not a number', 'lon=east&lat=39.1', 'lon'],
    ['a missing latitude', 'lon=117.2', 'lat'],
    ['an empty longitude', 'lon=&lat=39.1', 'lon'],
  ])('refuses %s with a 400 naming the field', async (_name, query, field) => {
    const res = await locate(query);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors.map((e: { field: string }) => e.field.split('.').at(-1))).toContain(field);
  });

  it('is part of the OpenAPI document with the regions routes', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const path of [
      '/api/v1/locate',
      '/api/v1/regions',
      '/api/v1/regions/{code}',
      '/api/v1/regions/{code}/children',
      '/api/v1/regions/{code}/counts',
      '/api/v1/regions/{code}/boundaries',
      '/api/v1/regions/{code}/export',
      '/api/v1/regions/{code}/move',
      '/api/v1/regions/{code}/retire',
      '/api/v1/regions/import/divisions',
      '/api/v1/regions/import/boundaries',
    ])
      expect(Object.keys(doc.paths)).toContain(path);
    expect(doc.paths['/api/v1/locate'].get.tags).toEqual(['regions']);
  });
});
