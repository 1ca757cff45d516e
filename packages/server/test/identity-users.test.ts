import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.ts';
import { type LoggedIn, loginAs } from './login.ts';

const HEPING = '120101000000';
const HEXI = '120103000000';
const SQL = "x'); update app_user set password_hash = '' where ('1'='1";
const SCRIPT = '<img src=x onerror=alert(1)><script>alert("x")</script>';

describe('users, posts and privilege escalation', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let districtAdmin: LoggedIn;
  let handler: LoggedIn;
  let hexiId: number;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAs(t.app, 'admin');
    districtAdmin = await loginAs(t.app, 'district_admin');
    handler = await loginAs(t.app, 'urban_handler');
    hexiId = Number(
      (
        await t.ctx.db
          .selectFrom('app_user')
          .select('id')
          .where('username', '=', 'hexi_op')
          .executeTakeFirstOrThrow()
      ).id,
    );
  });
  afterAll(() => t.close());

  const req = (who: LoggedIn, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
  const rolesOf = async (who: LoggedIn) => (await req(who, 'GET', '/api/v1/auth/me')).json().roles;

  it('does not let a handler give themselves a role, through any route or body', async () => {
    const grant = await req(handler, 'POST', `/api/v1/users/${handler.userId}/posts`, {
      role: 'admin',
      regionCode: HEPING,
    });
    expect(grant.statusCode).toBe(403);
    const crafted = await req(handler, 'PATCH', `/api/v1/users/${handler.userId}`, {
      displayName: 'me',
      roles: ['admin'],
    });
    expect(crafted.statusCode).toBe(400);
    expect(crafted.json().errors[0].field).toBe('body.roles');
    const create = await req(handler, 'POST', '/api/v1/users', {
      username: 'sock_puppet',
      displayName: 'x',
      password: 'Str0ng#Pass',
      posts: [{ role: 'admin', regionCode: HEPING }],
    });
    expect(create.statusCode).toBe(403);
    expect(await rolesOf(handler)).toEqual(['department_handler']);
    const rename = await req(handler, 'PATCH', `/api/v1/users/${handler.userId}`, {
      displayName: '陈静（城管）',
    });
    expect([rename.statusCode, rename.json().displayName]).toEqual([200, '陈静（城管）']);
  });

  it('does not let an administrator grant a post to themselves', async () => {
    const res = await req(districtAdmin, 'POST', `/api/v1/users/${districtAdmin.userId}/posts`, {
      role: 'leader',
      regionCode: HEPING,
    });
    expect(res.statusCode).toBe(403);
  });

  it('keeps a district administrator inside the district', async () => {
    const outside = await req(districtAdmin, 'POST', '/api/v1/users', {
      username: 'hexi_new',
      displayName: '河西 新人',
      password: 'Str0ng#Pass',
      posts: [{ role: 'leader', regionCode: HEXI }],
    });
    expect(outside.statusCode).toBe(404);
    const upward = await req(districtAdmin, 'POST', `/api/v1/users/${handler.userId}/posts`, {
      role: 'admin',
      regionCode: '120000000000',
    });
    expect(upward.statusCode).toBe(404);
    expect((await req(districtAdmin, 'GET', `/api/v1/users/${hexiId}`)).statusCode).toBe(404);
    expect((await req(districtAdmin, 'POST', `/api/v1/users/${hexiId}/reset-password`, {})).statusCode).toBe(
      404,
    );
    expect(
      await t.ctx.db
        .selectFrom('app_user')
        .select('id')
        .where('username', '=', 'hexi_new')
        .executeTakeFirst(),
    ).toBeUndefined();
  });

  it('creates a user whose posts fit their roles, with every text stored as sent', async () => {
    const centre = await t.ctx.services.identity.centreFor(HEPING);
    const res = await req(districtAdmin, 'POST', '/api/v1/users', {
      username: 'new.operator',
      displayName: `${SQL} ${SCRIPT}`,
      password: 'Str0ng#Pass',
      posts: [{ role: 'centre_operator', unitId: centre?.id }],
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers['content-type']).toContain('application/json');
    const user = res.json();
    expect(user.displayName).toBe(`${SQL} ${SCRIPT}`);
    expect(user.posts).toMatchObject([{ role: 'centre_operator', unitId: centre?.id, regionCode: HEPING }]);
    expect(user.mustChangePassword).toBe(true);
    const fresh = await loginAs(t.app, 'new.operator', 'Str0ng#Pass');
    expect(fresh.regionPaths).toEqual([`120000000000/${HEPING}/`]);
    expect(
      (
        await t.ctx.db
          .selectFrom('app_user')
          .select('password_hash')
          .where('password_hash', '=', '')
          .execute()
      ).length,
    ).toBe(0);
  });

  it('refuses posts that do not fit the role, naming the field', async () => {
    const make = (posts: object[]) =>
      req(admin, 'POST', '/api/v1/users', {
        username: `u${Date.now()}`,
        displayName: 'x',
        password: 'Str0ng#Pass',
        posts,
      });
    const noUnit = await make([{ role: 'centre_operator', regionCode: HEPING }]);
    expect([noUnit.statusCode, noUnit.json().errors[0].field]).toEqual([422, 'body.posts.0.unitId']);
    const gridWorkerAbove = await make([{ role: 'grid_worker', regionCode: HEPING }]);
    expect([gridWorkerAbove.statusCode, gridWorkerAbove.json().errors[0].field]).toEqual([
      422,
      'body.posts.0.regionCode',
    ]);
    const badRole = await make([{ role: 'superuser', regionCode: HEPING }]);
    expect(badRole.statusCode).toBe(400);
    const badName = await req(admin, 'POST', '/api/v1/users', {
      username: "a' or 1=1 --",
      displayName: 'x',
      password: 'Str0ng#Pass',
      posts: [{ role: 'leader', regionCode: HEPING }],
    });
    expect([badName.statusCode, badName.json().errors[0].field]).toEqual([400, 'body.username']);
    const taken = await req(admin, 'POST', '/api/v1/users', {
      username: 'LEADER',
      displayName: 'x',
      password: 'Str0ng#Pass',
      posts: [{ role: 'leader', regionCode: HEPING }],
    });
    expect(taken.statusCode).toBe(409);
  });

  it('lists users with a post in scope, counting no one outside it', async () => {
    const op = await loginAs(t.app, 'district_op');
    const res = await req(op, 'GET', '/api/v1/users?limit=500');
    const names = res.json().items.map((u: { username: string }) => u.username);
    expect(names).toContain('gridworker');
    expect(names).not.toContain('hexi_op');
    expect(names).not.toContain('city_leader');
    expect(res.json().total).toBe(names.length);
    const city = await req(admin, 'GET', '/api/v1/users?role=centre_operator&limit=500');
    expect(city.json().items.map((u: { username: string }) => u.username)).toContain('hexi_op');
    const gridworker = await loginAs(t.app, 'gridworker');
    expect((await req(gridworker, 'GET', '/api/v1/users')).json()).toEqual({ items: [], total: 0 });
  });

  it('ends a post and with it the scope it gave', async () => {
    const target = await loginAs(t.app, 'leader');
    const post = (await req(districtAdmin, 'GET', `/api/v1/users/${target.userId}/posts`)).json().items[0];
    const res = await req(districtAdmin, 'DELETE', `/api/v1/users/${target.userId}/posts/${post.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().posts).toEqual([]);
    expect(await rolesOf(target)).toEqual([]);
  });

  it('disables a user: their sessions end and they cannot log in', async () => {
    const target = await loginAs(t.app, 'mediator');
    const res = await req(districtAdmin, 'PATCH', `/api/v1/users/${target.userId}`, { disabled: true });
    expect([res.statusCode, res.json().disabled]).toEqual([200, true]);
    expect((await req(target, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'mediator', password: 'Demo@2026' },
    });
    expect(again.statusCode).toBe(401);
  });
});
