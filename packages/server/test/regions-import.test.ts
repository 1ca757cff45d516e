import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.ts';
import { type LoggedIn, loginAs } from './login.ts';

const HEPING = '120101000000';
const STREET = '120101098000';
const HEADER = 'code,name,level,parent_code,households';
const GOOD = [
  `${STREET},新港街道,street,${HEPING},`,
  '120101098001,新港一社区,community,120101098000,1200',
  '120101098002,新港二社区,community,120101098000,900',
  '120101098001001,第1网格,grid,120101098001,300',
];
const csv = (...lines: string[]) => [HEADER, ...lines].join('\n');

/** A square boundary of 0.01° with its south-west corner at (lon, lat). */
const square = (lon: number, lat: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon, lat],
      [lon + 0.01, lat],
      [lon + 0.01, lat + 0.01],
      [lon, lat + 0.01],
      [lon, lat],
    ],
  ],
});

describe('regions API: imports and export', () => {
  let t: TestApp;
  let admin: LoggedIn;
  const get = (url: string) => t.app.inject({ method: 'GET', url: `/api/v1${url}` });
  const importCsv = (body: string, who: LoggedIn | null = admin) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/regions/import/divisions',
      payload: body,
      headers: { 'content-type': 'text/csv; charset=utf-8', ...(who?.headers ?? {}) },
    });
  const importGeoJson = (body: unknown, type = 'application/json') =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/regions/import/boundaries',
      payload: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'content-type': type, ...admin.headers },
    });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAs(t.app, 'admin');
  });
  afterAll(() => t.close());

  it('refuses a whole divisions file for one bad line, naming the line and reason, writing nothing', async () => {
    const res = await importCsv(csv(...GOOD, '120101098003,新港三社区,community,120101000000,100'));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      line: 6,
      column: 'parent_code',
      errors: [{ field: 'body.line.6.parent_code' }],
    });
    expect(res.json().reason).toMatch(/must be a street/);
    expect(res.json().detail).toMatch(/nothing was imported/);
    for (const line of GOOD) expect((await get(`/regions/${line.split(',')[0]}`)).statusCode).toBe(404);
  });

  it.each([
    ['a wrongly segmented code', '120101098010,新港,street,120101000000,', 2, 'code', /denote a community/],
    ['a malformed code', '1201010980X1,新港,community,120101098000,', 2, 'code', /digits only/],
    [
      'an unknown parent',
      '120101097001,新港,community,120101097000,',
      2,
      'parent_code',
      /neither in the file/,
    ],
    ['an unclosed quote', '"120101098001,新港,community,120101098000,', 2, null, /quote/i],
  ])('refuses %s on line %i', async (_name, line, lineNo, column, reason) => {
    const res = await importCsv(csv(line));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ line: lineNo, column });
    expect(res.json().reason).toMatch(reason);
  });

  it('asks for an administrator, and writes nothing for anyone else', async () => {
    expect((await importCsv(csv(...GOOD), null)).statusCode).toBe(401);
    // Refused before the body is read: an anonymous oversized upload is a 401, not a 413.
    expect((await importCsv(`${HEADER}\n${'x'.repeat(9 * 1024 * 1024)}`, null)).statusCode).toBe(401);
    const hexi = await loginAs(t.app, 'hexi_op');
    expect((await importCsv(csv(...GOOD), hexi)).statusCode).toBe(403);
    expect((await get(`/regions/${STREET}`)).statusCode).toBe(404);
  });

  it('imports a divisions file: parents before children, then updates and leaves the rest alone', async () => {
    const res = await importCsv(csv(...[...GOOD].reverse()));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ created: 4, updated: 0, unchanged: 0, dryRun: false });
    const grid = (await get('/regions/120101098001001')).json();
    expect(grid).toMatchObject({ level: 'grid', gridKind: 'basic', households: 300 });
    expect(grid.ancestors.map((a: { code: string }) => a.code)).toEqual([
      '120000000000',
      HEPING,
      STREET,
      '120101098001',
    ]);

    const again = await importCsv(csv(...GOOD.slice(0, 3), '120101098001001,第一网格,grid,120101098001,300'));
    expect(again.json()).toEqual({ created: 0, updated: 1, unchanged: 3, dryRun: false });
    expect((await get('/regions/120101098001001')).json().name).toBe('第一网格');
  });

  it('re-imports the real Tianjin divisions file without changing anything', async () => {
    const tianjin = readFileSync(new URL('../../../data/tianjin/divisions.csv', import.meta.url), 'utf8');
    const res = await importCsv(tianjin);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ created: 0, updated: 0, unchanged: 1 + 16 + 299 + 5617, dryRun: false });
  });

  it('sets boundaries from GeoJSON, and the new grid is then located', async () => {
    const res = await importGeoJson(
      {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { code: '120101098001001', name: 'ignored' },
            geometry: square(100, 30),
          },
          { type: 'Feature', properties: { code: '120101098001' }, geometry: square(100, 30) },
        ],
      },
      'application/geo+json',
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ updated: 2, dryRun: false });
    expect((await get('/regions/120101098001001')).json().bbox).toEqual([100, 30, 100.01, 30.01]);
    expect((await get('/locate?lon=100.002&lat=30.002')).json().grid.code).toBe('120101098001001');
  });

  describe('refuses a bad boundaries collection as a whole', () => {
    const ok = { type: 'Feature', properties: { code: '120101098002' }, geometry: square(101, 30) };
    it.each([
      [
        'an unclosed ring in the second feature',
        [
          ok,
          {
            ...ok,
            properties: { code: '120101098001' },
            geometry: { type: 'Polygon', coordinates: [square(101, 30).coordinates[0]?.slice(0, 4)] },
          },
        ],
        422,
        'body.features.1.geometry.coordinates.0',
      ],
      [
        'an unknown code',
        [{ ...ok, properties: { code: '120101097001' } }],
        422,
        'body.features.0.properties.code',
      ],
      ['a repeated code', [ok, ok], 422, 'body.features.1.properties.code'],
      ['a feature without a code', [{ ...ok, properties: {} }], 400, 'body.features.0.properties.code'],
      [
        'a line instead of a polygon',
        [
          {
            ...ok,
            geometry: {
              type: 'LineString',
              coordinates: [
                [101, 30],
                [102, 31],
              ],
            },
          },
        ],
        422,
        'body.features.0.geometry.type',
      ],
    ])('%s', async (_name, features, status, field) => {
      const res = await importGeoJson({ type: 'FeatureCollection', features });
      expect(res.statusCode).toBe(status);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
      expect((await get('/regions/120101098002')).json().bbox).toBeNull();
    });

    it('refuses something that is not a FeatureCollection', async () => {
      const res = await importGeoJson(square(101, 30));
      expect(res.statusCode).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain('body.type');
    });

    it('refuses malformed JSON', async () => {
      const res = await importGeoJson('{"type": "FeatureCollection", "features": [');
      expect(res.statusCode).toBe(400);
    });
  });

  it('exports a subtree that imports back unchanged', async () => {
    const exported = await get(`/regions/${STREET}/export`);
    expect(exported.statusCode).toBe(200);
    const fc = exported.json();
    expect(fc.features.map((f: { id: string }) => f.id)).toEqual([
      STREET,
      '120101098001',
      '120101098002',
      '120101098001001',
    ]);
    expect(fc.features[0].geometry).toBeNull();
    const withBoundaries = fc.features.filter((f: { geometry: unknown }) => f.geometry !== null);
    const res = await importGeoJson({ type: 'FeatureCollection', features: withBoundaries });
    expect(res.json()).toEqual({ updated: 2, dryRun: false });
    expect(
      (await get(`/regions/${STREET}/export`)).json().features.map((f: { geometry: unknown }) => f.geometry),
    ).toEqual(fc.features.map((f: { geometry: unknown }) => f.geometry));
  });

  it('refuses oversized import bodies with a 413 problem', async () => {
    const bigCsv = `${HEADER}\n${'x'.repeat(8 * 1024 * 1024)}`;
    const csvRes = await importCsv(bigCsv);
    expect(csvRes.statusCode).toBe(413);
    expect(csvRes.headers['content-type']).toContain('application/problem+json');
    const bigJson = `{"type":"FeatureCollection","features":[],"pad":"${'x'.repeat(64 * 1024 * 1024)}"}`;
    const jsonRes = await importGeoJson(bigJson);
    expect(jsonRes.statusCode).toBe(413);
    const bigCreate = await t.app.inject({
      method: 'POST',
      url: '/api/v1/regions',
      payload: JSON.stringify({ code: '120101098003', name: 'x'.repeat(3 * 1024 * 1024) }),
      headers: { 'content-type': 'application/json', ...admin.headers },
    });
    expect(bigCreate.statusCode).toBe(413);
  });
});
