import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.ts';
import { api, multipart, workbook } from './inspections-helpers.ts';
import { type LoggedIn, loginAs } from './login.ts';

/** Importing places from Excel: checked first, errors per row, dry run, upsert by key. */
describe('places import', () => {
  let t: TestApp;
  let op: LoggedIn;
  let grid: string;
  const header = ['编号', '名称', '类型', '网格', '经度', '纬度', '负责人', '负责人电话', '风险等级'];
  const send = async (rows: (string | number | null)[][], dryRun = false) => {
    const body = multipart(await workbook([header, ...rows]));
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/places/import${dryRun ? '?dryRun=true' : ''}`,
      headers: { ...op.headers, 'content-type': body.contentType },
      payload: body.payload,
    });
    return { status: res.statusCode, body: res.json() };
  };
  const count = async () => (await api(t)(op, 'GET', `/api/v1/places?region=${grid}`)).body.total as number;

  beforeAll(async () => {
    t = await createTestApp();
    op = await loginAs(t.app, 'district_op');
    const g = await t.ctx.db
      .selectFrom('region')
      .select('code')
      .where('level', '=', 'grid')
      .where('path', 'like', '%120101000000/%')
      .orderBy('code')
      .executeTakeFirstOrThrow();
    grid = g.code;
  });
  afterAll(() => t?.close());

  it('refuses the whole file when a row has an unknown type or a point outside the city, listing each row', async () => {
    const before = await count();
    const r = await send([
      ['IMP-1', '好的小店', '小商店', grid, null, null, null, null, null],
      ['IMP-2', '坏类型', '夜总会', grid, null, null, null, null, null],
      ['IMP-3', '城外', 'shop', null, 100.5, 20.1, null, null, null],
    ]);
    expect(r.status).toBe(422);
    expect(r.body.errors.map((e: { field: string }) => e.field)).toEqual(['rows.3.type', 'rows.4.lon']);
    expect(await count()).toBe(before);
  });

  it('a dry run checks and counts without writing; the import then creates, and a second import updates by key', async () => {
    const before = await count();
    const rows = [
      ['IMP-10', '和平小吃', '小餐饮', grid, null, null, '李四', '13900000000', '中'],
      ['IMP-11', '和平五金', 'shop', grid, null, null, null, null, null],
    ];
    const dry = await send(rows, true);
    expect(dry).toEqual({ status: 200, body: { rows: 2, created: 2, updated: 0, dryRun: true } });
    expect(await count()).toBe(before);
    expect((await send(rows)).body).toEqual({ rows: 2, created: 2, updated: 0, dryRun: false });
    expect(await count()).toBe(before + 2);
    const again = await send([['IMP-10', '和平小吃（更名）', '小餐饮', grid, null, null, null, null, '高']]);
    expect(again.body).toMatchObject({ created: 0, updated: 1 });
    const list = await api(t)(op, 'GET', '/api/v1/places?q=IMP-10');
    expect(list.body.items[0]).toMatchObject({ name: '和平小吃（更名）', riskTier: 'high' });
    expect(list.body.items[0].responsible.name).not.toBe('李四');
    expect(list.body.items[0].responsible.masked).toBe(true);
    const high = await api(t)(op, 'GET', `/api/v1/places?region=${grid}&riskTier=high&limit=500`);
    expect(high.body.items.map((p: { key: string }) => p.key)).toContain('IMP-10');
    expect(high.body.items.every((p: { riskTier: string }) => p.riskTier === 'high')).toBe(true);
    const low = await api(t)(op, 'GET', `/api/v1/places?region=${grid}&riskTier=low&type=shop&limit=500`);
    expect(low.body.items.map((p: { key: string }) => p.key)).toContain('IMP-11');
    expect(low.body.items.map((p: { key: string }) => p.key)).not.toContain('IMP-10');
  });

  it('refuses rows in another district for a district operator', async () => {
    const hexi = await t.ctx.db
      .selectFrom('region')
      .select('code')
      .where('level', '=', 'grid')
      .where('path', 'like', '%120103000000/%')
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const r = await send([['IMP-20', '河西小店', 'shop', hexi.code, null, null, null, null, null]]);
    expect(r.status).toBe(422);
    expect(r.body.errors).toEqual([{ field: 'rows.2.gridCode', message: 'outside your area' }]);
  });

  it('refuses a file that is not a readable workbook with a 422 problem, not a 500', async () => {
    const post = async (payload: Buffer) => {
      const body = multipart(payload);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/places/import',
        headers: { ...op.headers, 'content-type': body.contentType },
        payload: body.payload,
      });
      return { status: res.statusCode, type: res.headers['content-type'], body: res.json() };
    };
    const broken = (file: Buffer) => {
      const at = file.indexOf('xl/worksheets/sheet1.xml');
      return Buffer.concat([file.subarray(0, at + 40), Buffer.alloc(60, 0xff), file.subarray(at + 100)]);
    };
    const good = await workbook([header, ['IMP-30', '半截', 'shop', grid, null, null, null, null, null]]);
    for (const bad of [
      good.subarray(0, good.length - 100), // cut short: no central directory
      broken(good), // the sheet's deflated data overwritten
      Buffer.from('PK\u0003\u0004 not a zip at all'),
    ]) {
      const r = await post(bad);
      expect(r.status).toBe(422);
      expect(r.type).toContain('application/problem+json');
      expect(r.body.errors[0].field).toBe('body.file');
    }
    expect((await api(t)(op, 'GET', '/api/v1/places?q=IMP-30')).body.total).toBe(0);
  });
});
