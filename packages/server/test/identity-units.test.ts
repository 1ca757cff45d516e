import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdentityService } from '../src/identity/service.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { type LoggedIn, loginAs } from './login.ts';

const HEPING = '120101000000';
const HEXI = '120103000000';

describe('units: the seeded city and the look-ups routing and dispatch use', () => {
  let t: TestApp;
  let identity: IdentityService;
  let grid: { code: string; path: string };
  beforeAll(async () => {
    t = await createTestApp();
    identity = t.ctx.services.identity;
    grid = await t.ctx.db
      .selectFrom('region')
      .select(['code', 'path'])
      .where('level', '=', 'grid')
      .where('path', 'like', `%/${HEPING}/%`)
      .orderBy('code')
      .executeTakeFirstOrThrow();
  });
  afterAll(() => t.close());

  it('seeds a centre for every region above grid level and every department in every district', async () => {
    const counts = await sql<{ kind: string; level: string; n: number }>`
      select kind, level, count(*)::int as n from unit group by kind, level order by kind, level`.execute(
      t.ctx.db,
    );
    const n = (kind: string, level: string) =>
      counts.rows.find((r) => r.kind === kind && r.level === level)?.n;
    expect([
      n('centre', 'city'),
      n('centre', 'district'),
      n('centre', 'street'),
      n('centre', 'community'),
    ]).toEqual([1, 16, 299, 5617]);
    expect(n('department', 'district')).toBe(16 * 12);
    expect(n('station', 'street')).toBe(299 * 3);
  });

  it("finds a grid's centre: its community's", async () => {
    const centre = await identity.centreFor(grid.code);
    expect(centre).toMatchObject({ kind: 'centre', level: 'community', regionCode: grid.code.slice(0, 12) });
  });

  it('picks the lowest unit of a type covering the place: a street station before the district bureau', async () => {
    const police = await identity.responsibleUnit('public_security', grid.path);
    expect(police).toMatchObject({
      kind: 'station',
      level: 'street',
      regionCode: `${grid.code.slice(0, 9)}000`,
    });
    expect(police?.name).toMatch(/派出所$/);
    const housing = await identity.responsibleUnit('housing', grid.code);
    expect(housing).toMatchObject({ kind: 'department', regionCode: HEPING });
    expect(await identity.responsibleUnit('no_such_department', grid.code)).toBeUndefined();
    expect(await identity.responsibleUnit('housing', '999999999999')).toBeUndefined();
  });

  it('escalates to the parent centre: community → street → district → city → none', async () => {
    const community = await identity.centreFor(grid.code);
    const street = await identity.parentCentre(community?.id ?? 0);
    const district = await identity.parentCentre(street?.id ?? 0);
    const city = await identity.parentCentre(district?.id ?? 0);
    expect([street?.level, district?.regionCode, city?.level]).toEqual(['street', HEPING, 'city']);
    expect(await identity.parentCentre(city?.id ?? 0)).toBeUndefined();
    const housing = await identity.responsibleUnit('housing', HEPING);
    expect((await identity.parentCentre(housing?.id ?? 0))?.id).toBe(district?.id);
  });

  it("lists a district centre's dispatch targets: its street centres and its departments, not communities", async () => {
    const district = await identity.centreFor(HEPING);
    const targets = await identity.unitsInJurisdiction(district?.id ?? 0);
    const kinds = new Set(targets.map((u) => `${u.kind}/${u.level}`));
    expect(kinds.has('centre/street')).toBe(true);
    expect(kinds.has('department/district')).toBe(true);
    expect(kinds.has('centre/community')).toBe(false);
    expect(targets.every((u) => u.regionPath.startsWith(district?.regionPath ?? '-'))).toBe(true);
    const police = await identity.responsibleUnit('public_security', HEPING);
    const stations = await identity.unitsInJurisdiction(police?.id ?? 0);
    expect(stations.length).toBeGreaterThan(0);
    expect(stations.every((s) => s.kind === 'station' && s.departmentType === 'public_security')).toBe(true);
  });
});

describe('units API', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let districtAdmin: LoggedIn;
  let districtOp: LoggedIn;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAs(t.app, 'admin');
    districtAdmin = await loginAs(t.app, 'district_admin');
    districtOp = await loginAs(t.app, 'district_op');
  });
  afterAll(() => t.close());

  const get = (who: LoggedIn, url: string) => t.app.inject({ method: 'GET', url, headers: who.headers });
  const post = (who: LoggedIn, url: string, payload: object) =>
    t.app.inject({ method: 'POST', url, headers: who.headers, payload });

  it('lists only units inside the caller’s scope, and counts only those', async () => {
    const res = await get(districtOp, '/api/v1/units?level=district&limit=500');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.every((u: { regionCode: string }) => u.regionCode === HEPING)).toBe(true);
    expect(body.total).toBe(body.items.length);
    const hexi = await get(districtOp, `/api/v1/units?region=${HEXI}`);
    expect(hexi.json()).toEqual({ items: [], total: 0 });
  });

  it('answers a unit in another district with 404', async () => {
    const hexiCentre = await t.ctx.services.identity.centreFor(HEXI);
    expect((await get(districtOp, `/api/v1/units/${hexiCentre?.id}`)).statusCode).toBe(404);
    expect((await get(admin, `/api/v1/units/${hexiCentre?.id}`)).statusCode).toBe(200);
  });

  it('lets an administrator create a unit inside their scope, and not outside it', async () => {
    const street = `${HEPING.slice(0, 6)}001000`;
    const created = await post(districtAdmin, '/api/v1/units', {
      name: '和平区劝业场街市场监管所',
      kind: 'station',
      departmentType: 'market_regulation',
      regionCode: street,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ kind: 'station', level: 'street', regionCode: street });
    const outside = await post(districtAdmin, '/api/v1/units', {
      name: '河西区某所',
      kind: 'station',
      departmentType: 'market_regulation',
      regionCode: `${HEXI.slice(0, 6)}001000`,
    });
    expect(outside.statusCode).toBe(404);
    const notAdmin = await post(districtOp, '/api/v1/units', {
      name: 'x',
      kind: 'station',
      departmentType: 'market_regulation',
      regionCode: street,
    });
    expect(notAdmin.statusCode).toBe(404);
    const twice = await post(districtAdmin, '/api/v1/units', {
      name: 'again',
      kind: 'station',
      departmentType: 'market_regulation',
      regionCode: street,
    });
    expect(twice.statusCode).toBe(409);
  });

  it('refuses a centre with a department type, naming the field', async () => {
    const res = await post(admin, '/api/v1/units', {
      name: 'x',
      kind: 'centre',
      departmentType: 'health',
      regionCode: HEPING,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('body.departmentType');
  });

  it('retires a unit instead of deleting it: its posts end and routing passes it by', async () => {
    const housing = await t.ctx.services.identity.responsibleUnit('housing', HEPING);
    const handler = await loginAs(t.app, 'housing_handler');
    const res = await post(districtAdmin, `/api/v1/units/${housing?.id}/retire`, {
      reason: 'merged into urban management',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().retiredAt).not.toBeNull();
    expect((await post(districtAdmin, `/api/v1/units/${housing?.id}/retire`, {})).statusCode).toBe(409);
    const me = await get(handler, '/api/v1/auth/me');
    expect(me.json().roles).toEqual([]);
    const next = await t.ctx.services.identity.responsibleUnit('housing', HEPING);
    expect(next?.regionCode).toBe('120000000000');
    expect((await get(admin, `/api/v1/units/${housing?.id}`)).json().retiredAt).not.toBeNull();
  });

  it('renames a unit and keeps text exactly as sent', async () => {
    const centre = await t.ctx.services.identity.centreFor(HEPING);
    const name = "和平区'); drop table unit; -- <script>alert(1)</script>";
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/units/${centre?.id}`,
      headers: districtAdmin.headers,
      payload: { name },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect((await get(districtOp, `/api/v1/units/${centre?.id}`)).json().name).toBe(name);
    const empty = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/units/${centre?.id}`,
      headers: districtAdmin.headers,
      payload: { kind: 'department' },
    });
    expect(empty.statusCode).toBe(400);
  });
});
