import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSheets } from '../src/lib/spreadsheet.ts';
import { toMultiPolygon } from '../src/regions/geo/geometry.ts';
import { seedPoints } from '../src/regions/geo/partition.ts';
import { randomFor } from '../src/regions/geo/random.ts';
import type { GeoJsonGeometry } from '../src/regions/tables.ts';
import { firstLogin, postFile, workbook } from './golive-helpers.ts';
import { createTestApp, type TestApp } from './harness.ts';
import type { LoggedIn } from './login.ts';

// The go-live drill: a second real city, 天水市 (620500), from an empty database to a
// resident's report located, routed and closed, with nothing but the setup command and files.
const DATA = new URL('../../../data/tianshui/', import.meta.url);
const CITY = '620500000000';
const QINZHOU = '620502000000';
const STREET = '620502001000';
let COMMUNITY = '';

describe('go live as 天水市: setup command, files, a first real report', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let categorySheet: Buffer;
  const as = (who: LoggedIn) => who.headers;

  beforeAll(async () => {
    // The categories come from another installation's export (here: the demo's).
    const demo = await createTestApp();
    const demoAdmin = await (await import('./login.ts')).loginAs(demo.app, 'admin');
    const exported = await demo.app.inject({
      method: 'GET',
      url: '/api/v1/setup/export/categories',
      headers: demoAdmin.headers,
    });
    expect(exported.statusCode).toBe(200);
    categorySheet = exported.rawPayload;
    await demo.close();
    t = await createTestApp({}, undefined, { empty: true });
    COMMUNITY =
      readFileSync(new URL('divisions.csv', DATA), 'utf8')
        .split('\n')
        .find((l) => l.endsWith(`,community,${STREET}`))
        ?.split(',')[0] ?? '';
    // two installations, one migrated from nothing: minutes on a busy 2-core machine
  }, 300_000);
  afterAll(() => t?.close());

  it('an empty installation has no city; the setup command names it and makes the first administrator', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/city' })).json()).toMatchObject({
      code: null,
      name: null,
      live: false,
    });
    const { password } = await t.ctx.services.setup.initialiseCity({
      code: '620500',
      name: '天水市',
      adminUsername: 'ts_admin',
      adminDisplayName: '天水市系统管理员',
    });
    await expect(
      t.ctx.services.setup.initialiseCity({
        code: '620500',
        name: '天水市',
        adminUsername: 'other',
        adminDisplayName: 'x',
      }),
    ).rejects.toMatchObject({ status: 409 });
    admin = await firstLogin(t.app, 'ts_admin', password);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/city' })).json()).toMatchObject({
      code: CITY,
      name: '天水市',
      demoBanner: true,
    });
    const status = (
      await t.app.inject({ method: 'GET', url: '/api/v1/setup/status', headers: as(admin) })
    ).json();
    expect(status.canGoLive).toBe(false);
    expect(status.steps.find((s: { key: string }) => s.key === 'divisions').state).toBe('todo');
  });

  it('imports the division tree (a dry run first writes nothing)', async () => {
    const csv = readFileSync(new URL('divisions.csv', DATA));
    const dry = await postFile(
      t.app,
      as(admin),
      '/api/v1/setup/import/divisions?dryRun=true',
      'divisions.csv',
      csv,
    );
    expect(dry.json()).toMatchObject({ created: 2761, dryRun: true });
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/regions/${QINZHOU}`, headers: as(admin) }))
        .statusCode,
    ).toBe(404);
    const res = await postFile(t.app, as(admin), '/api/v1/setup/import/divisions', 'divisions.csv', csv);
    expect(res.json()).toEqual({ created: 2761, updated: 0, unchanged: 1, dryRun: false });
    const again = await postFile(t.app, as(admin), '/api/v1/setup/import/divisions', 'divisions.csv', csv);
    expect(again.json()).toMatchObject({ created: 0, unchanged: 2762 });
  });

  it('imports the districts’ boundaries (GeoJSON), then grids partitioned from their community', async () => {
    const geojson = readFileSync(new URL('districts.geojson', DATA));
    const res = await postFile(
      t.app,
      as(admin),
      '/api/v1/setup/import/boundaries',
      'districts.geojson',
      geojson,
    );
    expect(res.json()).toEqual({ updated: 7, dryRun: false });
    const grids = await workbook({
      grids: {
        columns: ['grid_code', 'name', 'community_code', 'kind', 'households', 'boundary'],
        rows: [
          [`${COMMUNITY}001`, '第1网格', COMMUNITY, 'basic', 320, ''],
          [`${COMMUNITY}002`, '第2网格', COMMUNITY, 'basic', 290, ''],
        ],
      },
    });
    const imported = await postFile(t.app, as(admin), '/api/v1/setup/import/grids', 'grids.xlsx', grids);
    expect(imported.json()).toMatchObject({ created: 2, partitioned: 2, dryRun: false });
    expect(imported.json().derived).toBeGreaterThan(0);
  });

  it('imports units and users from Excel; the one-time passwords come as a sheet only the importer may download, once', async () => {
    const grid = `${COMMUNITY}001`;
    const staff = await workbook({
      units: {
        columns: ['kind', 'department_type', 'region_code', 'name', 'phone', 'parent_unit'],
        rows: [
          ['centre', '', CITY, '天水市综治中心', '0938-1', ''],
          ['centre', '', QINZHOU, '秦州区综治中心', '', `centre:${CITY}`],
          ['centre', '', STREET, '大城街道综治中心', '', `centre:${QINZHOU}`],
          ['centre', '', COMMUNITY, '社区综治中心', '', `centre:${STREET}`],
          ['department', 'urban_management', QINZHOU, '秦州区城市管理局', '', ''],
        ],
      },
      users: {
        columns: ['username', 'display_name', 'role', 'unit', 'region_code'],
        rows: [
          ['ts_community', '社区值班员', 'centre_operator', `centre:${COMMUNITY}`, ''],
          ['ts_urban', '城管办理员', 'department_handler', `urban_management:${QINZHOU}`, ''],
          ['ts_grid', '网格员', 'grid_worker', `centre:${COMMUNITY}`, grid],
        ],
      },
    });
    const res = await postFile(t.app, as(admin), '/api/v1/setup/import/staff', 'staff.xlsx', staff);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      units: { created: 5, updated: 0 },
      users: { created: 3, posts: 3 },
      dryRun: false,
    });
    const url = `/api/v1/setup/password-sheets/${body.passwordSheet.id}`;
    const community = await t.app.inject({ method: 'GET', url, headers: as(admin) });
    expect(community.statusCode).toBe(200);
    const [sheet] = await readSheets(community.rawPayload);
    const passwords = new Map(sheet?.rows.map((r) => [r.cells.username, r.cells.one_time_password]));
    expect([...passwords.keys()].sort()).toEqual(['ts_community', 'ts_grid', 'ts_urban']);
    expect((await t.app.inject({ method: 'GET', url, headers: as(admin) })).statusCode).toBe(404);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'user.passwords.download')
      .execute();
    expect(audit).toHaveLength(1);
    // Re-importing the same file creates nobody twice.
    const again = (
      await postFile(t.app, as(admin), '/api/v1/setup/import/staff', 'staff.xlsx', staff)
    ).json();
    expect(again).toMatchObject({
      units: { created: 0, updated: 5 },
      users: { created: 0, updated: 3, posts: 0 },
      passwordSheet: null,
    });
    (globalThis as { tsPasswords?: Map<string, string> }).tsPasswords = passwords as Map<string, string>;
  });

  it('imports the categories exported elsewhere and the year’s calendar; then goes live and the banner goes', async () => {
    const res = await postFile(
      t.app,
      as(admin),
      '/api/v1/setup/import/categories',
      'categories.xlsx',
      categorySheet,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().created).toBeGreaterThan(10);
    const calendar = [
      'day,kind,name_zh,name_en',
      '2026-01-01,off,元旦,New Year',
      '2026-01-04,work,元旦调休上班,Make-up working day',
    ].join('\n');
    const cal = await postFile(
      t.app,
      as(admin),
      '/api/v1/setup/import/calendar?year=2026',
      'holidays.csv',
      calendar,
    );
    expect(cal.json()).toMatchObject({ year: 2026, off: 1, work: 1, dryRun: false });
    await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/setup/city',
      headers: as(admin),
      payload: { portalTitle: '天水市民随手拍', portalIntro: '发现问题，随手上报' },
    });
    const live = await t.app.inject({ method: 'POST', url: '/api/v1/setup/go-live', headers: as(admin) });
    expect(live.statusCode, live.body).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/city' })).json()).toMatchObject({
      name: '天水市',
      portalTitle: '天水市民随手拍',
      live: true,
      demoBanner: false,
    });
  });

  it("a resident's report is located in 天水, routed to a 天水 unit and closed", async () => {
    const passwords = (globalThis as { tsPasswords?: Map<string, string> }).tsPasswords as Map<
      string,
      string
    >;
    const grid = `${COMMUNITY}001`;
    const boundary = await t.ctx.db
      .selectFrom('region')
      .select('boundary')
      .where('code', '=', grid)
      .executeTakeFirstOrThrow();
    const [lon, lat] = seedPoints(
      toMultiPolygon(boundary.boundary as GeoJsonGeometry),
      1,
      randomFor('drill', grid),
    )[0] as [number, number];
    const category = await t.ctx.db
      .selectFrom('case_category as c')
      .select('c.code')
      .where('c.open_to_residents', '=', true)
      .where('c.responsible_unit_type', '=', 'urban_management')
      .where('c.retired_at', 'is', null)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb.selectFrom('case_category as k').select('k.code').whereRef('k.parent_code', '=', 'c.code'),
          ),
        ),
      )
      .where((eb) => eb(eb.fn('jsonb_array_length', ['c.attributes']), '=', 0))
      .orderBy('c.code')
      .executeTakeFirstOrThrow();
    const report = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/reports',
      headers: { 'x-forwarded-for': '10.9.9.9' },
      payload: {
        category: category.code,
        description: '人行道上的井盖缺失，夜里很危险',
        location: { lon, lat },
        anonymous: true,
      },
    });
    expect(report.statusCode, report.body).toBe(201);
    const { number } = report.json();
    const row = await t.ctx.db
      .selectFrom('cases')
      .innerJoin('unit', 'unit.id', 'cases.current_unit_id')
      .select(['cases.grid_code', 'cases.region_path', 'unit.code as unit'])
      .where('cases.number', '=', number)
      .executeTakeFirstOrThrow();
    expect(row.grid_code).toBe(grid);
    expect(row.region_path?.startsWith(`${CITY}/`)).toBe(true);
    // Routed at once to the unit of the category's type covering the place: 秦州区's urban management.
    expect(row.unit).toBe(`urban_management:${QINZHOU}`);
    const op = await firstLogin(t.app, 'ts_community', passwords.get('ts_community') as string);
    const handler = await firstLogin(t.app, 'ts_urban', passwords.get('ts_urban') as string);
    const act = async (who: LoggedIn, action: string, payload: Record<string, unknown>) => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${number}/actions`,
        headers: who.headers,
        payload: { action, clientId: `${action}-${number}`, payload },
      });
      expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
      return res.json();
    };
    await act(handler, 'start', { comment: '已到场' });
    await act(handler, 'resolve', { result: '井盖已补装' });
    await act(op, 'verify_pass', { comment: '现场核实' });
    const closed = await t.ctx.db
      .selectFrom('cases')
      .select('status')
      .where('number', '=', number)
      .executeTakeFirstOrThrow();
    expect(closed.status).toBe('closed');
    expect((await t.ctx.services.identity.audit.verify()).ok).toBe(true);
  });
});
