import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rewritePathPrefix } from '../src/regions/service-move.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { type LoggedIn, loginAs } from './login.ts';

const CITY = '120000000000';
const HEPING = '120101000000';
const QUANYECHANG = '120101001000';
const XIAOBAILOU = '120101002000';
const HUAYUANLU = '120101001001';
const BINXI = '120101001002';
const ZHAOFENGLU = '120101001004';

interface Item {
  code: string;
  path: string;
  level: string;
  retiredAt: string | null;
}

describe('regions API: move and retire', () => {
  let t: TestApp;
  let admin: LoggedIn;
  const post = (url: string, payload: unknown = {}) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      payload: payload as object,
      headers: admin.headers,
    });
  const get = (url: string) => t.app.inject({ method: 'GET', url: `/api/v1${url}` });
  const children = async (code: string, retired = false): Promise<Item[]> =>
    (await get(`/regions/${code}/children${retired ? '?includeRetired=true' : ''}`)).json().items;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAs(t.app, 'admin');
  });
  afterAll(() => t.close());

  it('moves a community with its grids to another street: paths follow, codes stay', async () => {
    const grids = await children(HUAYUANLU);
    const before = (await get(`/regions/${QUANYECHANG}/counts`)).json().counts;
    const res = await post(`/regions/${HUAYUANLU}/move`, { parentCode: XIAOBAILOU });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      code: HUAYUANLU,
      parentCode: XIAOBAILOU,
      path: `${CITY}/${HEPING}/${XIAOBAILOU}/${HUAYUANLU}/`,
      version: 2,
    });
    const grid = (await get(`/regions/${grids[0]?.code}`)).json();
    expect(grid.path).toBe(`${CITY}/${HEPING}/${XIAOBAILOU}/${HUAYUANLU}/${grid.code}/`);
    expect(grid.ancestors.map((a: { code: string }) => a.code)).toEqual([
      CITY,
      HEPING,
      XIAOBAILOU,
      HUAYUANLU,
    ]);
    const after = (await get(`/regions/${QUANYECHANG}/counts`)).json().counts;
    expect(after.community).toBe(before.community - 1);
    expect(after.grid).toBe(before.grid - grids.length);
    expect((await children(XIAOBAILOU)).map((c) => c.code)).toContain(HUAYUANLU);
    const history = (await get(`/regions/${HUAYUANLU}/history`)).json().items;
    expect(history.at(-1)).toMatchObject({
      action: 'move',
      payload: { fromParent: QUANYECHANG, toParent: XIAOBAILOU, regionsMoved: grids.length + 1 },
    });
  });

  it('finds a moved grid by locating a point inside it, with its new ancestors', async () => {
    const grid = (await children(HUAYUANLU))[0] as Item;
    const { boundary } = (await get(`/regions/${grid.code}`)).json();
    const ring = (
      boundary.type === 'Polygon' ? boundary.coordinates[0] : boundary.coordinates[0][0]
    ) as number[][];
    // The centre of a triangle of three consecutive corners of a convex cell lies inside it.
    const [a, b, c] = ring as [number[], number[], number[]];
    const lon = ((a[0] ?? 0) + (b[0] ?? 0) + (c[0] ?? 0)) / 3;
    const lat = ((a[1] ?? 0) + (b[1] ?? 0) + (c[1] ?? 0)) / 3;
    const res = await get(`/locate?lon=${lon}&lat=${lat}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().ancestors.map((r: { code: string }) => r.code)).toEqual([
      CITY,
      HEPING,
      XIAOBAILOU,
      HUAYUANLU,
    ]);
  });

  describe('refuses a bad move, changing nothing', () => {
    it.each([
      ['under its own community (a cycle)', QUANYECHANG, BINXI, 422, /cycle/],
      ['under itself (a cycle)', QUANYECHANG, QUANYECHANG, 422, /cycle/],
      ['under a parent of the wrong level', BINXI, HEPING, 422, /must be a street/],
      ['under an unknown parent', BINXI, '120101099000', 422, /no region/],
    ])('%s', async (_name, code, parentCode, status, message) => {
      const before = (await get(`/regions/${code}`)).json();
      const res = await post(`/regions/${code}/move`, { parentCode });
      expect(res.statusCode).toBe(status);
      expect(res.json().errors[0]).toMatchObject({ field: 'body.parentCode' });
      expect(res.json().errors[0].message).toMatch(message);
      expect((await get(`/regions/${code}`)).json()).toEqual(before);
    });

    it('answers 404 for an unknown region', async () => {
      expect((await post('/regions/120101001099/move', { parentCode: QUANYECHANG })).statusCode).toBe(404);
    });

    it('answers 400 for a malformed code', async () => {
      const res = await post('/regions/12010100109/move', { parentCode: QUANYECHANG });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].field).toBe('params.code');
    });
  });

  it('retires a grid: kept and readable, but out of lists, counts and locating', async () => {
    const grid = (await children(BINXI))[0] as Item;
    const { boundary } = (await get(`/regions/${grid.code}`)).json();
    const ring = (
      boundary.type === 'Polygon' ? boundary.coordinates[0] : boundary.coordinates[0][0]
    ) as number[][];
    const [a, b, c] = ring as [number[], number[], number[]];
    const point = `lon=${((a[0] ?? 0) + (b[0] ?? 0) + (c[0] ?? 0)) / 3}&lat=${((a[1] ?? 0) + (b[1] ?? 0) + (c[1] ?? 0)) / 3}`;
    expect((await get(`/locate?${point}`)).json().grid.code).toBe(grid.code);
    const before = (await get(`/regions/${BINXI}/counts`)).json().counts.grid;

    const res = await post(`/regions/${grid.code}/retire`, { reason: '并入相邻网格' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code: grid.code, retiredCount: 1 });
    expect(res.json().retiredAt).not.toBeNull();

    expect((await get(`/regions/${grid.code}`)).json().retiredAt).not.toBeNull();
    expect((await children(BINXI)).map((g) => g.code)).not.toContain(grid.code);
    expect((await children(BINXI, true)).map((g) => g.code)).toContain(grid.code);
    expect((await get(`/regions/${BINXI}/counts`)).json().counts.grid).toBe(before - 1);
    expect((await get(`/locate?${point}`)).statusCode).toBe(404);
    expect((await get(`/regions/${grid.code}/history`)).json().items.at(-1)).toMatchObject({
      action: 'retire',
      payload: { reason: '并入相邻网格' },
    });
  });

  it('refuses to retire a region that has active children unless asked to cascade', async () => {
    const active = (await children(BINXI)).length;
    const refused = await post(`/regions/${BINXI}/retire`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ activeDescendants: active });
    expect((await get(`/regions/${BINXI}`)).json().retiredAt).toBeNull();

    const res = await post(`/regions/${BINXI}/retire`, { cascade: true });
    expect(res.statusCode).toBe(200);
    expect(res.json().retiredCount).toBe(active + 1);
    expect((await children(BINXI)).length).toBe(0);
    expect((await children(QUANYECHANG)).map((c) => c.code)).not.toContain(BINXI);
  });

  it('keeps retired regions unchanged: no second retirement, update, move or new child', async () => {
    expect((await post(`/regions/${BINXI}/retire`)).statusCode).toBe(409);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/regions/${BINXI}`,
      payload: { name: '复活' },
      headers: admin.headers,
    });
    expect(patch.statusCode).toBe(409);
    expect((await post(`/regions/${BINXI}/move`, { parentCode: XIAOBAILOU })).statusCode).toBe(409);
    const child = await post('/regions', {
      code: `${BINXI}990`,
      name: '新网格',
      level: 'grid',
      parentCode: BINXI,
    });
    expect(child.statusCode).toBe(422);
    expect(child.json().errors[0].field).toBe('body.parentCode');
    expect((await get(`/regions?q=${encodeURIComponent('滨西社区')}`)).json().items).toEqual([]);
    expect(
      (await get(`/regions?q=${encodeURIComponent('滨西社区')}&includeRetired=true`)).json().items,
    ).toHaveLength(1);
  });

  describe('copies of paths kept by other modules', () => {
    const unitPath = async () =>
      (
        await sql<{
          region_path: string;
        }>`select region_path from unit where code = ${`centre:${ZHAOFENGLU}`}`.execute(t.ctx.db)
      ).rows[0]?.region_path;

    it('are refused along with the move when a listener fails', async () => {
      const before = (await get(`/regions/${ZHAOFENGLU}`)).json();
      const unitBefore = await unitPath();
      let calls = 0;
      t.ctx.services.regions.onMove(async (trx, move) => {
        calls++;
        await rewritePathPrefix(trx, 'unit', 'region_path', move);
        if (calls === 1) throw new Error('a module could not follow');
      });
      const res = await post(`/regions/${ZHAOFENGLU}/move`, { parentCode: XIAOBAILOU });
      expect(res.statusCode).toBe(500);
      expect((await get(`/regions/${ZHAOFENGLU}`)).json()).toEqual(before);
      expect(await unitPath()).toBe(unitBefore);
    });

    it('move in the same transaction as the regions', async () => {
      const res = await post(`/regions/${ZHAOFENGLU}/move`, { parentCode: XIAOBAILOU });
      expect(res.statusCode).toBe(200);
      expect(await unitPath()).toBe(`${CITY}/${HEPING}/${XIAOBAILOU}/${ZHAOFENGLU}/`);
    });
  });
});
