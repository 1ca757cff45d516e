import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.ts';

const CITY = '120000000000';
const HEPING = '120101000000';
const QUANYECHANG = '120101001000';
const HUAYUANLU = '120101001001';

describe('regions API: reading the Tianjin tree', () => {
  let t: TestApp;
  const get = (url: string) => t.app.inject({ method: 'GET', url: `/api/v1${url}` });
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('gives a community with its ancestor chain, root first, without signing in', async () => {
    const res = await get(`/regions/${HUAYUANLU}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      code: HUAYUANLU,
      name: '花园路社区居委会',
      level: 'community',
      parentCode: QUANYECHANG,
      path: `${CITY}/${HEPING}/${QUANYECHANG}/${HUAYUANLU}/`,
      depth: 3,
      retiredAt: null,
    });
    expect(body.ancestors).toEqual([
      { code: CITY, name: '天津市', level: 'city' },
      { code: HEPING, name: '和平区', level: 'district' },
      { code: QUANYECHANG, name: '劝业场街道', level: 'street' },
    ]);
    expect(body.childCount).toBeGreaterThan(0);
    expect(body.boundary.type).toMatch(/Polygon$/);
    expect(body.bbox).toHaveLength(4);
  });

  it('lists the 16 districts of the city in code order, each with its number of streets', async () => {
    const res = await get(`/regions/${CITY}/children`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { code: string; name: string; level: string; childCount: number }[];
    expect(items).toHaveLength(16);
    expect(items[0]).toMatchObject({ code: HEPING, name: '和平区', level: 'district' });
    expect(items.map((i) => i.code)).toEqual([...items.map((i) => i.code)].sort());
    expect(items.every((i) => i.childCount > 0)).toBe(true);
    expect(items.reduce((n, i) => n + i.childCount, 0)).toBe(299);
  });

  it('counts the regions of every level inside the city and inside a district', async () => {
    const city = (await get(`/regions/${CITY}/counts`)).json();
    expect(city.counts).toMatchObject({ city: 0, district: 16, street: 299, community: 5617 });
    expect(city.counts.grid).toBeGreaterThan(12_000);
    expect(city.dedicatedGrids).toBeGreaterThan(0);
    const heping = (await get(`/regions/${HEPING}/counts`)).json();
    expect(heping.counts).toMatchObject({ city: 0, district: 0, street: 6 });
    expect(heping.counts.community).toBeGreaterThan(0);
    expect(heping.counts.grid).toBeLessThan(city.counts.grid);
  });

  it('finds regions by part of their name, those starting with it first, with their ancestors', async () => {
    const res = await get(`/regions?q=${encodeURIComponent('和平')}&limit=5`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items[0]).toMatchObject({ code: HEPING, name: '和平区', ancestorNames: ['天津市'] });
    expect(items.length).toBeLessThanOrEqual(5);
  });

  it('finds regions by code prefix and level, and within a subtree', async () => {
    const streets = (await get(`/regions?codePrefix=120101&level=street&limit=50`)).json().items;
    expect(streets).toHaveLength(6);
    expect(
      streets.every(
        (s: { code: string; level: string }) => s.code.startsWith('120101') && s.level === 'street',
      ),
    ).toBe(true);
    const grids = (await get(`/regions?within=${HUAYUANLU}&level=grid&limit=200`)).json().items;
    expect(grids.length).toBeGreaterThan(0);
    expect(grids[0].ancestorNames).toEqual(['天津市', '和平区', '劝业场街道', '花园路社区居委会']);
  });

  it('treats name search text literally (wildcards match nothing)', async () => {
    const res = await get(`/regions?q=${encodeURIComponent('%')}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([]);
  });

  it('draws the streets of a district as GeoJSON features', async () => {
    const res = await get(`/regions/${HEPING}/boundaries`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/geo+json');
    const fc = res.json();
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(6);
    expect(fc.features[0]).toMatchObject({ type: 'Feature', properties: { level: 'street' } });
    expect(fc.features[0].properties.code.startsWith('120101')).toBe(true);
    expect(fc.bbox).toHaveLength(4);
  });

  it('simplifies the whole city’s grids for drawing, and keeps them exact when asked', async () => {
    const light = (await get(`/regions/${CITY}/boundaries?level=grid`)).json();
    expect(light.tolerance).toBeGreaterThan(0);
    const exact = (await get(`/regions/${HEPING}/boundaries?level=grid&simplify=0`)).json();
    expect(exact.tolerance).toBe(0);
    const positions = (fc: { features: { geometry: { coordinates: unknown } }[] }) =>
      fc.features.reduce((n, f) => n + JSON.stringify(f.geometry.coordinates).split('],[').length, 0);
    const hepingLight = light.features.filter((f: { properties: { code: string } }) =>
      f.properties.code.startsWith('120101'),
    );
    expect(hepingLight).toHaveLength(exact.features.length);
    expect(positions({ features: hepingLight })).toBeLessThan(positions(exact));
  });

  it('exports a subtree as GeoJSON with exact boundaries, parents first', async () => {
    const res = await get(`/regions/${QUANYECHANG}/export`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(`regions-${QUANYECHANG}.geojson`);
    const fc = res.json();
    expect(fc.features[0]).toMatchObject({
      id: QUANYECHANG,
      properties: { code: QUANYECHANG, level: 'street', parentCode: HEPING },
    });
    const levels = fc.features.map((f: { properties: { level: string } }) => f.properties.level);
    expect(levels).toContain('community');
    expect(levels).toContain('grid');
    expect(levels.indexOf('grid')).toBeGreaterThan(levels.lastIndexOf('community'));
  });

  describe('bad requests', () => {
    it.each([
      ['a code with letters', '/regions/12010100100A', 'params.code'],
      ['a code of the wrong length', '/regions/1201010010', 'params.code'],
      ['a code of the wrong length for children', '/regions/12010/children', 'params.code'],
      ['an unknown level in a search', '/regions?level=province', 'query.level'],
      ['a limit over 200', '/regions?limit=500', 'query.limit'],
      ['a negative simplification', `/regions/${HEPING}/boundaries?simplify=-1`, 'query.simplify'],
    ])('refuses %s with a 400 naming the field', async (_name, url, field) => {
      const res = await get(url);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('refuses a level above the region for its boundaries', async () => {
      const res = await get(`/regions/${HEPING}/boundaries?level=city`);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].field).toBe('query.level');
    });

    it.each([
      ['the region', '/regions/120199000000'],
      ['its children', '/regions/120199000000/children'],
      ['its counts', '/regions/120199000000/counts'],
      ['its boundaries', '/regions/120199000000/boundaries'],
      ['its export', '/regions/120199000000/export'],
      ['its history', '/regions/120199001001001/history'],
      ['a search within it', '/regions?within=120199000000'],
    ])('answers 404 for %s when the code is unknown', async (_name, url) => {
      const res = await get(url);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ status: 404, title: 'Not Found' });
    });
  });
});
