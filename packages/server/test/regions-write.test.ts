import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.ts';
import { type LoggedIn, loginAs } from './login.ts';

const HEPING = '120101000000';
const HEXI = '120103000000';
const QUANYECHANG = '120101001000';
const HUAYUANLU = '120101001001';
const NEW_GRID = `${HUAYUANLU}990`;

/** A square boundary of `size` degrees with its south-west corner at (lon, lat). */
const square = (lon: number, lat: number, size = 0.01) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon, lat],
      [lon + size, lat],
      [lon + size, lat + size],
      [lon, lat + size],
      [lon, lat],
    ],
  ],
});

describe('regions API: create and update', () => {
  let t: TestApp;
  let admin: LoggedIn;
  const send = (method: 'POST' | 'PATCH', url: string, payload: unknown, who: LoggedIn | null = admin) =>
    t.app.inject({ method, url: `/api/v1${url}`, payload: payload as object, headers: who?.headers ?? {} });
  const get = (url: string) => t.app.inject({ method: 'GET', url: `/api/v1${url}` });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAs(t.app, 'admin');
  });
  afterAll(() => t.close());

  it('lets the city administrator create a dedicated grid with a boundary, and locates points in it', async () => {
    const res = await send('POST', '/regions', {
      code: NEW_GRID,
      name: '第一中学网格',
      level: 'grid',
      parentCode: HUAYUANLU,
      gridKind: 'dedicated',
      dedicatedType: 'school',
      households: 0,
      boundary: square(100, 30),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      code: NEW_GRID,
      level: 'grid',
      parentCode: HUAYUANLU,
      gridKind: 'dedicated',
      dedicatedType: 'school',
      depth: 4,
      path: `120000000000/${HEPING}/${QUANYECHANG}/${HUAYUANLU}/${NEW_GRID}/`,
      bbox: [100, 30, 100.01, 30.01],
      version: 1,
    });
    const located = await get('/locate?lon=100.005&lat=30.005');
    expect(located.statusCode).toBe(200);
    expect(located.json().grid.code).toBe(NEW_GRID);
    expect(located.json().ancestors.map((a: { code: string }) => a.code)).toEqual([
      '120000000000',
      HEPING,
      QUANYECHANG,
      HUAYUANLU,
    ]);
    const history = (await get(`/regions/${NEW_GRID}/history`)).json().items;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ action: 'create', actorId: admin.userId });
  });

  it('updates a region, records before and after, and refuses a stale version', async () => {
    const res = await send('PATCH', `/regions/${NEW_GRID}`, {
      name: '天津一中网格',
      households: 12,
      version: 1,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '天津一中网格', households: 12, version: 2 });
    const stale = await send('PATCH', `/regions/${NEW_GRID}`, { name: '别的名字', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ status: 409, version: 2 });
    const history = (await get(`/regions/${NEW_GRID}/history`)).json().items;
    expect(history.at(-1)).toMatchObject({
      action: 'update',
      payload: {
        before: { name: '第一中学网格', households: 0 },
        after: { name: '天津一中网格', households: 12 },
      },
    });
    expect((await get(`/regions/${NEW_GRID}`)).json().name).toBe('天津一中网格');
  });

  it('moves the locate index with a new boundary', async () => {
    const res = await send('PATCH', `/regions/${NEW_GRID}`, { boundary: square(101, 31) });
    expect(res.statusCode).toBe(200);
    expect((await get('/locate?lon=101.005&lat=31.005')).json().grid.code).toBe(NEW_GRID);
    expect((await get('/locate?lon=100.005&lat=30.005')).statusCode).toBe(404);
  });

  describe('refuses bad boundaries with a 422 naming the part, changing nothing', () => {
    const ring = square(101, 31).coordinates[0] as number[][];
    it.each([
      [
        'an unclosed ring',
        { type: 'Polygon', coordinates: [ring.slice(0, 4)] },
        'body.boundary.coordinates.0',
        /closed/,
      ],
      [
        'a self-intersecting ring',
        { type: 'Polygon', coordinates: [[ring[0], ring[2], ring[1], ring[3], ring[0]]] },
        'body.boundary.coordinates',
        /intersect/,
      ],
      [
        'a latitude out of range',
        { type: 'Polygon', coordinates: [[ring[0], ring[1], [101.01, 95], ring[3], ring[0]]] },
        'body.boundary.coordinates.0.2',
        /latitude 95/,
      ],
      ['a point', { type: 'Point', coordinates: [101, 31] }, 'body.boundary.type', /Polygon or MultiPolygon/],
      [
        'text coordinates',
        { type: 'Polygon', coordinates: [[ring[0], ['101.01', '31'], ...ring.slice(2)]] },
        'body.boundary.coordinates.0.1',
        /numbers/,
      ],
      ['a string', 'POLYGON((101 31, 102 31, 102 32, 101 31))', 'body.boundary', /geometry object/],
    ])('%s', async (_name, boundary, field, message) => {
      const before = (await get(`/regions/${NEW_GRID}`)).json();
      const res = await send('PATCH', `/regions/${NEW_GRID}`, { boundary, name: '不该改的名字' });
      expect(res.statusCode).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors[0].field).toBe(field);
      expect(res.json().errors[0].message).toMatch(message);
      const after = (await get(`/regions/${NEW_GRID}`)).json();
      expect(after).toEqual(before);
    });
  });

  describe('refuses a bad new region, writing nothing', () => {
    it.each([
      [
        'a code with a letter',
        { code: '12010100100A', level: 'community', parentCode: QUANYECHANG },
        400,
        'body.code',
      ],
      [
        'a street code for a community',
        { code: '120101098000', level: 'community', parentCode: QUANYECHANG },
        400,
        'body.code',
      ],
      [
        'a grid code of the wrong width',
        { code: '1201010010019', level: 'grid', parentCode: HUAYUANLU },
        400,
        'body.code',
      ],
      [
        'a parent of the wrong level',
        { code: '120101001098', level: 'community', parentCode: HEPING },
        422,
        'body.parentCode',
      ],
      [
        'a code not extending its parent',
        { code: '120103001098', level: 'community', parentCode: QUANYECHANG },
        422,
        'body.code',
      ],
      [
        'an unknown parent',
        { code: '120101097001', level: 'community', parentCode: '120101097000' },
        422,
        'body.parentCode',
      ],
      [
        'a district without parent',
        { code: '120199000000', level: 'district', parentCode: null },
        422,
        'body.parentCode',
      ],
      [
        'a grid kind on a community',
        { code: '120101001098', level: 'community', parentCode: QUANYECHANG, gridKind: 'basic' },
        400,
        'body.gridKind',
      ],
      [
        'a school type on a basic grid',
        { code: `${HUAYUANLU}991`, level: 'grid', parentCode: HUAYUANLU, dedicatedType: 'school' },
        400,
        'body.dedicatedType',
      ],
      [
        'an unknown field',
        { code: '120101001098', level: 'community', parentCode: QUANYECHANG, colour: 'red' },
        400,
        'body.colour',
      ],
      [
        'an unknown level',
        { code: '120101001098', level: 'village', parentCode: QUANYECHANG },
        400,
        'body.level',
      ],
      [
        'a negative population',
        { code: '120101001098', level: 'community', parentCode: QUANYECHANG, population: -1 },
        400,
        'body.population',
      ],
    ])('%s', async (_name, fields, status, field) => {
      const res = await send('POST', '/regions', { name: '新社区', ...fields });
      expect(res.statusCode).toBe(status);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
      expect((await get(`/regions/${fields.code}`)).statusCode).not.toBe(200);
    });

    it('refuses a code that exists with a 409', async () => {
      const res = await send('POST', '/regions', {
        code: HUAYUANLU,
        name: '重复',
        level: 'community',
        parentCode: QUANYECHANG,
      });
      expect(res.statusCode).toBe(409);
      expect((await get(`/regions/${HUAYUANLU}`)).json().name).toBe('花园路社区居委会');
    });

    it('answers 404 for an update of an unknown code', async () => {
      const res = await send('PATCH', '/regions/120101001099', { name: '无' });
      expect(res.statusCode).toBe(404);
    });
  });

  describe('who may write', () => {
    const community = { code: '120101001097', name: '新建社区', level: 'community', parentCode: QUANYECHANG };

    it('asks an anonymous caller to sign in (401)', async () => {
      const res = await send('POST', '/regions', community, null);
      expect(res.statusCode).toBe(401);
    });

    it('refuses a staff member who is not an administrator (403)', async () => {
      const operator = await loginAs(t.app, 'district_op');
      const res = await send('POST', '/regions', community, operator);
      expect(res.statusCode).toBe(403);
    });

    it('lets a district administrator change their district, not another (403)', async () => {
      const districtAdmin = await loginAs(t.app, 'district_admin');
      expect((await send('POST', '/regions', community, districtAdmin)).statusCode).toBe(201);
      const hexiStreet = (await get(`/regions/${HEXI}/children`)).json().items[0].code;
      const res = await send('PATCH', `/regions/${hexiStreet}`, { name: '改名' }, districtAdmin);
      expect(res.statusCode).toBe(403);
      expect((await get(`/regions/${hexiStreet}`)).json().name).not.toBe('改名');
    });

    it('refuses a write with a session but without its CSRF token', async () => {
      const res = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/regions/${NEW_GRID}`,
        payload: { name: '跨站' },
        headers: { cookie: admin.cookie },
      });
      expect(res.statusCode).toBe(403);
      expect((await get(`/regions/${NEW_GRID}`)).json().name).not.toBe('跨站');
    });
  });
});
