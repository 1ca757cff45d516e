import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.ts';
import { type LoggedIn, loginAs } from './login.ts';

/**
 * The base map is a city setting (issue 13, item 7): a tile URL with the coordinate system its
 * tiles use, read by the console and the portal from GET /api/v1/city; null: boundaries alone.
 */
describe('the base map setting', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let districtAdmin: LoggedIn;
  const TIANDITU =
    'https://t0.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=demo';
  const patch = (user: LoggedIn, payload: unknown) =>
    t.app.inject({
      method: 'PATCH',
      url: '/api/v1/setup/city',
      headers: user.headers,
      payload: payload as object,
    });
  const city = async () => (await t.app.inject({ method: 'GET', url: '/api/v1/city' })).json();

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAs(t.app, 'admin');
    districtAdmin = await loginAs(t.app, 'district_admin');
  });
  afterAll(() => t.close());

  it('has none at first: the maps draw the boundaries and their labels alone', async () => {
    expect((await city()).baseMap).toBeNull();
  });

  it('keeps a WMTS URL in WGS-84 and an XYZ URL in GCJ-02, and clears it again', async () => {
    const wmts = await patch(admin, { baseMap: { url: TIANDITU, crs: 'wgs84', attribution: '天地图' } });
    expect(wmts.statusCode, wmts.body).toBe(200);
    expect((await city()).baseMap).toEqual({ url: TIANDITU, crs: 'wgs84', attribution: '天地图' });
    const xyz = 'https://tiles.example.gov.cn/{z}/{x}/{y}.png';
    expect((await patch(admin, { baseMap: { url: xyz, crs: 'gcj02' } })).statusCode).toBe(200);
    expect((await city()).baseMap).toEqual({ url: xyz, crs: 'gcj02' });
    // other settings leave it alone
    expect((await patch(admin, { portalTitle: '天津随手拍' })).statusCode).toBe(200);
    expect((await city()).baseMap).toEqual({ url: xyz, crs: 'gcj02' });
    expect((await patch(admin, { baseMap: null })).statusCode).toBe(200);
    expect((await city()).baseMap).toBeNull();
  });

  it('refuses a URL without its tile placeholders, an unknown coordinate system and a district administrator', async () => {
    const noXyz = await patch(admin, {
      baseMap: { url: 'https://tiles.example.gov.cn/map.png', crs: 'wgs84' },
    });
    expect(noXyz.statusCode).toBe(422);
    expect(noXyz.json().errors.map((e: { field: string }) => e.field)).toEqual(['body.baseMap.url']);
    const crs = await patch(admin, { baseMap: { url: 'https://t.example.cn/{z}/{x}/{y}.png', crs: 'bd09' } });
    expect(crs.statusCode).toBe(400);
    const script = await patch(admin, { baseMap: { url: 'javascript:alert(1)//{z}{x}{y}', crs: 'wgs84' } });
    expect(script.statusCode).toBe(400);
    const district = await patch(districtAdmin, {
      baseMap: { url: 'https://t.example.cn/{z}/{x}/{y}.png', crs: 'wgs84' },
    });
    expect(district.statusCode).toBe(403);
    expect((await city()).baseMap).toBeNull();
  });
});
