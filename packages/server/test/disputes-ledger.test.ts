import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEDGER_COLUMNS, LEDGER_GROUPS } from '../src/disputes/domain/ledger.ts';
import { exportLedger } from '../src/disputes/ledger-export.ts';
import type { Actor } from '../src/identity/index.ts';
import { A, caller, newDispute } from './disputes-helpers.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { type LoggedIn, loginAs } from './login.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A ledger in the exported layout: the merged group row, the column row, then these rows. */
async function ledger(rows: Record<string, string | number>[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('台账');
  sheet.addRow(LEDGER_COLUMNS.map((c) => c.group));
  sheet.addRow(LEDGER_COLUMNS.map((c) => c.zh));
  for (const r of rows) sheet.addRow(LEDGER_COLUMNS.map((c) => r[c.key] ?? null));
  return Buffer.from(await book.xlsx.writeBuffer());
}

function form(file: Buffer) {
  const boundary = '----civicgrid-ledger';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="ledger.xlsx"\r\nContent-Type: ${XLSX}\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The disputes ledger (台账): exported to Excel and imported back, every row checked first. */
describe('disputes ledger', () => {
  let t: TestApp;
  let op: LoggedIn;
  let grid: string;
  const send = async (who: LoggedIn, file: Buffer, dryRun: boolean) => {
    const f = form(file);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/disputes-ledger/import?dryRun=${dryRun}`,
      headers: { ...who.headers, 'content-type': f.contentType },
      payload: f.body,
    });
    return { status: res.statusCode, body: res.json() };
  };
  const count = async () =>
    Number(
      (
        await t.ctx.db
          .selectFrom('dispute')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const row = (key: string, over: Record<string, string | number> = {}) => ({
    key,
    type: '邻里纠纷',
    grid,
    screenedAt: '2026-11-03',
    matter: '楼道堆物引发争吵',
    amount: 500,
    people: 2,
    risk: '低',
    applicant: '孙立',
    applicantPhone: '13700137001',
    respondent: '李明',
    respondentPhone: '13700137002',
    ...over,
  });

  beforeAll(async () => {
    t = await createTestApp();
    op = await loginAs(t.app, 'street_op');
    const worker = await loginAs(t.app, 'gridworker');
    grid = (worker.regionPaths[0] ?? '').split('/').filter(Boolean).pop() as string;
    const made = await caller(t)(worker, 'POST', '/api/v1/disputes', newDispute(grid));
    expect(made.status).toBe(201);
  });
  afterAll(() => t.close());

  it('exports one row per dispute under merged group headers, parties masked', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/disputes-ledger', headers: op.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0] as ExcelJS.Worksheet;
    expect(
      LEDGER_GROUPS.map((g) => sheet.getCell(1, LEDGER_COLUMNS.findIndex((c) => c.group === g) + 1).value),
    ).toEqual(LEDGER_GROUPS);
    expect(sheet.getCell(1, 2).isMerged).toBe(true);
    expect(sheet.getRow(2).getCell(1).value).toBe('台账编号');
    const rows = sheet.getRows(3, sheet.rowCount - 2) ?? [];
    expect(rows.length).toBe(await count());
    const text = JSON.stringify(rows.map((r) => r.values));
    expect(text).toContain('邻里纠纷');
    expect(text).not.toContain(A.name);
    expect(text).not.toContain(A.phone);
    // the first party on each side, masked: 赵大海 → 赵**, 钱小川 → 钱**, their phones 138****8001 …
    const at = (key: string) => LEDGER_COLUMNS.findIndex((c) => c.key === key) + 1;
    const ours = rows.find((r) => r.getCell(at('applicant')).value === '赵**');
    expect(ours, text).toBeDefined();
    expect(ours?.getCell(at('respondent')).value).toBe('钱**');
    expect(ours?.getCell(at('applicantPhone')).value).toBe('138****8001');
    expect(ours?.getCell(at('respondentPhone')).value).toBe('139****9002');
  });

  it('reads the same rows page by page, however small the pages, each dispute once in case order', async () => {
    const read = async (stream: Readable | Buffer) => {
      const book = new ExcelJS.Workbook();
      if (Buffer.isBuffer(stream)) await book.xlsx.load(stream as unknown as ArrayBuffer);
      else await book.xlsx.read(stream);
      const sheet = book.worksheets[0] as ExcelJS.Worksheet;
      return (sheet.getRows(3, sheet.rowCount - 2) ?? []).map((r) => JSON.stringify(r.values));
    };
    const worker = await loginAs(t.app, 'gridworker');
    for (const type of ['family', 'labour'])
      expect((await caller(t)(worker, 'POST', '/api/v1/disputes', newDispute(grid, { type }))).status).toBe(
        201,
      );
    const admin = await loginAs(t.app, 'admin');
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/disputes-ledger', headers: admin.headers });
    const whole = await read(res.rawPayload);
    expect(whole.length).toBeGreaterThan(2);
    const city = `${(admin.regionPaths[0] ?? '').split('/')[0]}/`;
    const actor: Actor = {
      kind: 'staff',
      userId: null,
      username: 'ledger-test',
      displayName: 'ledger test',
      posts: [{ id: 0, role: 'admin', unitId: null, regionCode: null, regionPath: city, gridCodes: [] }],
      roles: ['admin'],
      regionPaths: [city],
      unitIds: [],
      via: 'token',
    };
    const paged = await read(await exportLedger(t.ctx, actor, { pageSize: 2 }));
    expect(paged).toEqual(whole);
    const keys = whole.map((r) => JSON.parse(r)[1]);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('stops after ?limit= rows, the first disputes in case order', async () => {
    const admin = await loginAs(t.app, 'admin');
    const rowsOf = async (url: string) => {
      const res = await t.app.inject({ method: 'GET', url, headers: admin.headers });
      expect(res.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = book.worksheets[0] as ExcelJS.Worksheet;
      return (sheet.getRows(3, sheet.rowCount - 2) ?? []).map((r) => JSON.stringify(r.values));
    };
    const whole = await rowsOf('/api/v1/disputes-ledger');
    expect(whole.length).toBeGreaterThan(2);
    expect(await rowsOf('/api/v1/disputes-ledger?limit=2')).toEqual(whole.slice(0, 2));
    const zero = await t.app.inject({
      method: 'GET',
      url: '/api/v1/disputes-ledger?limit=0',
      headers: admin.headers,
    });
    expect(zero.statusCode).toBe(400);
  });

  it('refuses the whole file listing every row’s error (unknown type, unknown grid), and writes nothing', async () => {
    const before = await count();
    const file = await ledger([
      row('L-1'),
      row('L-2', { type: '宠物纠纷' }),
      row('L-3', { grid: '120199999999999' }),
    ]);
    for (const dryRun of [true, false]) {
      const res = await send(op, file, dryRun);
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([
        { field: 'rows.4.type', message: 'unknown dispute type 宠物纠纷' },
        { field: 'rows.5.grid', message: 'no grid 120199999999999 in your area' },
      ]);
    }
    expect(await count()).toBe(before);
  });

  it('checks on a dry run, then upserts by key: new keys register disputes, a known key updates its dispute', async () => {
    const before = await count();
    const file = await ledger([row('L-10'), row('L-11', { people: 6, risk: '高' })]);
    const dry = await send(op, file, true);
    expect(dry).toMatchObject({ status: 200, body: { rows: 2, created: 2, updated: 0, dryRun: true } });
    expect(await count()).toBe(before);
    const done = await send(op, file, false);
    expect(done).toMatchObject({ status: 201, body: { rows: 2, created: 2, updated: 0, dryRun: false } });
    expect(await count()).toBe(before + 2);
    const made = await t.ctx.db
      .selectFrom('dispute')
      .selectAll()
      .where('ledger_key', '=', 'L-11')
      .executeTakeFirstOrThrow();
    expect(made).toMatchObject({ is_group: true, risk_level: 'high', type: 'neighbour' });
    const again = await send(
      op,
      await ledger([row('L-11', { matter: '楼道堆物，已协商清理', people: 3 })]),
      false,
    );
    expect(again.body).toMatchObject({ created: 0, updated: 1 });
    const updated = await t.ctx.db
      .selectFrom('dispute')
      .selectAll()
      .where('ledger_key', '=', 'L-11')
      .executeTakeFirstOrThrow();
    expect(updated).toMatchObject({ matter: '楼道堆物，已协商清理', people_involved: 3, is_group: false });
    expect(await count()).toBe(before + 2);
    // a known key cannot change the dispute's type
    const retype = await send(op, await ledger([row('L-11', { type: '劳动争议' })]), true);
    expect(retype.status).toBe(422);
    expect(retype.body.errors[0].field).toBe('rows.3.type');
  });

  it('answers a grid outside the importer’s area like one that does not exist', async () => {
    const hexi = await loginAs(t.app, 'hexi_op');
    const res = await send(hexi, await ledger([row('L-20')]), true);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ field: 'rows.3.grid', message: `no grid ${grid} in your area` }]);
  });

  it('is one transaction: a database failure at a later row leaves nothing of the file', async () => {
    const cases = async () =>
      Number(
        (
          await t.ctx.db
            .selectFrom('cases')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const known = () =>
      t.ctx.db
        .selectFrom('dispute')
        .select(['matter', 'version'])
        .where('ledger_key', '=', 'L-11')
        .executeTakeFirstOrThrow();
    const [disputesBefore, casesBefore, l11] = [await count(), await cases(), await known()];
    // the database refuses one dispute row (a constraint the checks cannot see)
    await sql`create function refuse_test_dispute() returns trigger language plpgsql as $$
      begin raise exception 'refused by the test'; end $$`.execute(t.ctx.db);
    await sql`create trigger refuse_test_dispute before insert on dispute for each row
      when (new.matter = '数据库拒绝此行') execute function refuse_test_dispute()`.execute(t.ctx.db);
    try {
      const file = await ledger([
        row('L-11', { matter: '已更新但应回滚', people: 4 }),
        row('L-30'),
        row('L-31'),
        row('L-32', { matter: '数据库拒绝此行' }),
        row('L-33'),
      ]);
      expect((await send(op, file, true)).body).toMatchObject({ rows: 5, created: 4, updated: 1 });
      const res = await send(op, file, false);
      expect(res.status).toBe(500);
    } finally {
      await sql`drop trigger refuse_test_dispute on dispute`.execute(t.ctx.db);
      await sql`drop function refuse_test_dispute()`.execute(t.ctx.db);
    }
    expect(await count()).toBe(disputesBefore);
    expect(await cases()).toBe(casesBefore);
    expect(await known()).toEqual(l11);
    const keys = await t.ctx.db
      .selectFrom('dispute')
      .select('ledger_key')
      .where('ledger_key', 'in', ['L-30', 'L-31', 'L-33'])
      .execute();
    expect(keys).toEqual([]);
    // the same file without the refused row goes in whole
    const ok = await send(op, await ledger([row('L-30'), row('L-31'), row('L-33')]), false);
    expect(ok).toMatchObject({ status: 201, body: { created: 3 } });
    expect(await count()).toBe(disputesBefore + 3);
  });
});
