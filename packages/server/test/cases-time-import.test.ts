import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridOf } from './cases-helpers.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { type LoggedIn, loginAs } from './login.ts';

let t: TestApp;
let communityOp: LoggedIn;
let gridworker: LoggedIn;
let grid: string;
let hexiGrid: string;

beforeAll(async () => {
  process.env.CASES_PERIODIC_MS = '0';
  t = await createTestApp();
  [communityOp, gridworker] = (await Promise.all(
    ['community_op', 'gridworker'].map((u) => loginAs(t.app, u)),
  )) as [LoggedIn, LoggedIn];
  const hexiOp = await loginAs(t.app, 'hexi_op');
  grid = gridOf(gridworker);
  const hexi = await t.ctx.db
    .selectFrom('region')
    .select('code')
    .where('path', 'like', `${hexiOp.regionPaths[0]}%`)
    .where('level', '=', 'grid')
    .orderBy('code')
    .executeTakeFirstOrThrow();
  hexiGrid = hexi.code;
});
afterAll(async () => {
  await t?.close();
});

function upload(who: LoggedIn, data: Buffer, filename: string, query = '') {
  const boundary = `----cg${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/cases/import${query}`,
    headers: { ...who.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  });
}
const importedCount = async () =>
  Number(
    (
      await t.ctx.db
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('channel', '=', 'import')
        .executeTakeFirstOrThrow()
    ).n,
  );
const csv = (lines: string[]) => Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');

describe('POST /api/v1/cases/import', () => {
  it('imports a CSV with Chinese headers, and never twice', async () => {
    const file = csv([
      '类型,类别,描述,网格编码,报告人,联系电话,属性:pole_number',
      `诉求,request.street_light,小区东门路灯不亮,${grid},王五,13900001111,LD-0042`,
      `request,request.road,人行道地砖松动,${grid},,,`,
      `矛盾纠纷,dispute.neighbour,楼上漏水邻里纠纷,${grid},张三,13812345678,`,
    ]);
    const before = await importedCount();
    const res = await upload(communityOp, file, '台账.csv');
    // the dispute row lacks the attributes its category requires: nothing is imported
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'rows.4.attributes.parties_count',
      'rows.4.attributes.risk_level',
    ]);
    expect(await importedCount()).toBe(before);

    const fixed = csv([
      '类型,类别,描述,网格编码,报告人,联系电话,属性:pole_number',
      `诉求,request.street_light,小区东门路灯不亮,${grid},王五,13900001111,LD-0042`,
      `request,request.road,人行道地砖松动,${grid},,,`,
    ]);
    const ok = await upload(communityOp, fixed, '台账.csv');
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ rows: 2, created: 2, existing: 0, dryRun: false });
    expect(ok.json().cases.map((c: { row: number }) => c.row)).toEqual([2, 3]);
    const first = await t.app.inject({
      url: `/api/v1/cases/${ok.json().cases[0].id}`,
      headers: communityOp.headers,
    });
    expect(first.json()).toMatchObject({
      channel: 'import',
      categoryCode: 'request.street_light',
      attributes: { pole_number: 'LD-0042' },
    });
    expect(first.json().reporter.phone).not.toBe('13900001111');

    const again = await upload(communityOp, fixed, '台账.csv');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ created: 0, existing: 2 });
    expect(await importedCount()).toBe(before + 2);
  });

  it('imports the first sheet of an Excel workbook', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('事件');
    sheet.addRow(['kind', 'category', 'description', 'gridCode', 'priority', 'anonymous', 'attr.place_type']);
    sheet.addRow(['hazard', 'hazard.fire', '楼道堆放电动车充电', grid, '高', '是', 'residential']);
    sheet.addRow(['request', 'request.manhole', '井盖缺失', Number(grid), 'normal', 'no']);
    const data = Buffer.from(await workbook.xlsx.writeBuffer());
    const dry = await upload(communityOp, data, 'cases.xlsx', '?dryRun=true');
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ rows: 2, created: 0, dryRun: true });
    const before = await importedCount();
    const res = await upload(communityOp, data, 'cases.xlsx');
    expect(res.statusCode).toBe(201);
    expect(res.json().created).toBe(2);
    expect(await importedCount()).toBe(before + 2);
  });

  it('lists every bad row and imports nothing', async () => {
    const before = await importedCount();
    const res = await upload(
      communityOp,
      csv([
        'kind,category,description,gridCode',
        `request,request.street_light,ok,${grid}`,
        `request,request.nothing,unknown category,${grid}`,
        `request,request.street_light,another district,${hexiGrid}`,
        `request,dispute.neighbour,wrong kind,${grid}`,
        `request,request.street_light,,${grid}`,
      ]),
      'bad.csv',
    );
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['rows.3.category', 'rows.4.gridCode', 'rows.5.category', 'rows.6.description']),
    );
    expect(res.json().errors.some((e: { field: string }) => e.field.startsWith('rows.2.'))).toBe(false);
    expect(await importedCount()).toBe(before);
  });

  it('refuses files it cannot read, uploads without a file, and people who may not import', async () => {
    const junk = await upload(
      communityOp,
      Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('not a zip')]),
      'x.xlsx',
    );
    expect(junk.statusCode).toBe(422);
    expect(junk.json().errors[0].field).toBe('body.file');
    const header = await upload(communityOp, csv(['kind,category']), 'x.csv');
    expect(header.statusCode).toBe(422);
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases/import',
      headers: communityOp.headers,
      payload: {},
    });
    expect(json.statusCode).toBe(415);
    const worker = await upload(
      gridworker,
      csv(['kind,category,description,gridCode', `request,request.road,x,${grid}`]),
      'x.csv',
    );
    expect(worker.statusCode).toBe(403);
  });
});
