import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postFile, workbook } from './golive-helpers.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { type LoggedIn, loginAs } from './login.ts';

// Bad setup files: every row's error is listed (422 problem+json), nothing is written.
const HEPING = '120101000000';
const HEXI = '120103000000';

describe('setup files that are wrong are refused whole, listing every row', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let community: { code: string; boundary: unknown };
  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAs(t.app, 'admin');
    community = (await t.ctx.db
      .selectFrom('region')
      .select(['code', 'boundary'])
      .where('parent_code', 'like', `${HEPING.slice(0, 6)}%`)
      .where('level', '=', 'community')
      .orderBy('code')
      .executeTakeFirstOrThrow()) as { code: string; boundary: unknown };
  });
  afterAll(() => t.close());
  const send = (url: string, name: string, data: Buffer | string, who = admin) =>
    postFile(t.app, who.headers, url, name, data);
  const fields = (body: { errors: { field: string }[] }) => body.errors.map((e) => e.field);

  it('divisions whose parent is missing: every such row listed, none created', async () => {
    const csv = [
      'code,name,level,parent_code',
      `${HEPING.slice(0, 6)}999000,新街道,street,${HEPING}`,
      '120199001000,孤儿街道,street,120199000000',
      '120199001001,孤儿社区,community,120199001000',
      `${HEPING.slice(0, 6)}998000,怪街道,town,${HEPING}`,
    ].join('\n');
    for (const dryRun of ['?dryRun=true', '']) {
      const res = await send(`/api/v1/setup/import/divisions${dryRun}`, 'divisions.csv', csv);
      expect(res.statusCode).toBe(422);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(fields(res.json())).toEqual([
        'file.row.3.parent_code',
        'file.row.4.parent_code',
        'file.row.5.level',
      ]);
    }
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/regions/${HEPING.slice(0, 6)}999000`,
          headers: admin.headers,
        })
      ).statusCode,
    ).toBe(404);
  });

  it('a boundary outside its parent and an unknown code: both listed, no boundary changed', async () => {
    const far = {
      type: 'Polygon',
      coordinates: [
        [
          [100, 30],
          [100.01, 30],
          [100.01, 30.01],
          [100, 30.01],
          [100, 30],
        ],
      ],
    };
    const file = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { code: community.code }, geometry: far },
        { type: 'Feature', properties: { code: '129999999999' }, geometry: far },
      ],
    });
    const res = await send('/api/v1/setup/import/boundaries', 'b.geojson', file);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      {
        field: 'file.features.0.geometry',
        message: `100% of it lies outside its parent ${community.code.slice(0, 9)}000's boundary`,
      },
      { field: 'file.features.1.properties.code', message: 'no region has the code 129999999999' },
    ]);
    const after = await t.ctx.db
      .selectFrom('region')
      .select('boundary')
      .where('code', '=', community.code)
      .executeTakeFirstOrThrow();
    expect(after.boundary).toEqual(community.boundary);
  });

  it('a user whose post names an unknown unit: listed with every other bad row, nobody created', async () => {
    const staff = await workbook({
      units: {
        columns: ['kind', 'department_type', 'region_code', 'name'],
        rows: [
          ['department', 'urban_management', HEXI, '河西区城管委（新）'],
          ['department', 'no_such_type', HEXI, '无名局'],
        ],
      },
      users: {
        columns: ['username', 'display_name', 'role', 'unit', 'region_code'],
        rows: [
          ['new_op', '新值班员', 'centre_operator', 'centre:129999999999', ''],
          ['new_handler', '新办理员', 'department_handler', `urban_management:${HEXI}`, ''],
          ['new_chief', '新主任', 'chief', `centre:${HEPING}`, ''],
        ],
      },
    });
    const res = await send('/api/v1/setup/import/staff', 'staff.xlsx', staff);
    expect(res.statusCode).toBe(422);
    expect(fields(res.json())).toEqual([
      'file.users.2.unit',
      'file.users.4.role',
      'file.units.3.department_type',
    ]);
    expect(res.json().errors[0].message).toBe(
      'unknown unit centre:129999999999 (neither in the units sheet nor an active unit)',
    );
    const made = await t.ctx.db
      .selectFrom('app_user')
      .select('id')
      .where('username', 'in', ['new_op', 'new_handler', 'new_chief'])
      .execute();
    expect(made).toEqual([]);
  });

  it('categories and calendar sheets: bad cells listed; nothing changed', async () => {
    const categories = await workbook({
      categories: {
        columns: [
          'code',
          'kind',
          'parent_code',
          'name_zh',
          'name_en',
          'responsible_unit_type',
          'time_limits',
        ],
        rows: [
          ['x.one', 'request', 'no.parent', '一', 'One', 'centre', '{}'],
          ['x.two', 'request', '', '二', 'Two', 'nobody', '{"default": {"handle": 5}}'],
        ],
      },
    });
    const res = await send('/api/v1/setup/import/categories', 'c.xlsx', categories);
    expect(res.statusCode).toBe(422);
    expect(fields(res.json())).toEqual([
      'file.row.2.parent_code',
      'file.row.3.responsible_unit_type',
      'file.row.3.time_limits',
    ]);
    const cal = await send(
      '/api/v1/setup/import/calendar?year=2027',
      'h.csv',
      'day,kind,name_zh,name_en\n2026-10-01,off,国庆节,National Day\n2027-02-31,off,x,x\n',
    );
    expect(cal.statusCode).toBe(422);
    expect(fields(cal.json())).toEqual(['file.row.2.day', 'file.row.3.day']);
    const holidays2027 = await t.ctx.db
      .selectFrom('holiday')
      .select('day')
      .where('day', '>=', '2027-01-01')
      .execute();
    expect(holidays2027.length).toBeGreaterThan(0);
  });

  it('files that are not what they claim, no file, and callers who are not the city administrator', async () => {
    const garbage = Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 0, 0, 9]);
    for (const url of ['divisions', 'grids', 'staff', 'categories', 'calendar?year=2026', 'boundaries']) {
      const res = await send(`/api/v1/setup/import/${url}`, 'x.xlsx', garbage);
      expect(res.statusCode, url).toBe(422);
      expect(res.json().errors[0].field).toBe('file');
    }
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/v1/setup/import/divisions',
      headers: admin.headers,
      payload: { a: 1 },
    });
    expect(json.statusCode).toBe(415);
    const districtAdmin = await loginAs(t.app, 'district_admin');
    expect((await send('/api/v1/setup/import/divisions', 'd.csv', 'code\n', districtAdmin)).statusCode).toBe(
      403,
    );
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/v1/setup/import/divisions',
      payload: 'x',
    });
    expect(anonymous.statusCode).toBe(401);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/setup/status', headers: districtAdmin.headers }))
        .statusCode,
    ).toBe(403);
  });
});
