import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { passwordHasher } from '../src/identity/passwords.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { loginAs } from './login.ts';

describe('attacks on authentication', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  afterEach(() => vi.restoreAllMocks());

  const login = (username: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

  it('locks an account after five wrong passwords, with back-off, even for the right password', async () => {
    for (let i = 0; i < 4; i++) expect((await login('inspector', `Wrong@${i}xx`)).statusCode).toBe(401);
    const fifth = await login('inspector', 'Wrong@5xx');
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json().retryAfter).toBe(30);
    expect((await login('inspector', 'Demo@2026')).statusCode).toBe(429);
    // The lock runs out: the right password works again and clears the count.
    await sql`update login_throttle set locked_until = now() - interval '1 second'`.execute(t.ctx.db);
    expect((await login('inspector', 'Wrong@6xx')).json().retryAfter).toBe(60);
    await sql`update login_throttle set locked_until = now() - interval '1 second'`.execute(t.ctx.db);
    expect((await login('INSPECTOR', 'Demo@2026')).statusCode).toBe(200);
    const left = await t.ctx.db
      .selectFrom('login_throttle')
      .selectAll()
      .where('username_key', '=', 'inspector')
      .execute();
    expect(left).toEqual([]);
  });

  it('answers an unknown user exactly like a wrong password, after the same work', async () => {
    const verify = vi.spyOn(passwordHasher, 'verify');
    const known = await login('mediator', 'Wrong@pass1');
    const unknown = await login('nobody_here', 'Wrong@pass1');
    expect([known.statusCode, unknown.statusCode]).toEqual([401, 401]);
    const strip = (b: { instance?: string }) => ({ ...b, instance: undefined });
    expect(strip(unknown.json())).toEqual(strip(known.json()));
    expect(verify).toHaveBeenCalledTimes(2);
    // Unknown names lock out too, so the lock reveals nothing either.
    for (let i = 0; i < 4; i++) await login('nobody_here', 'Wrong@pass1');
    expect((await login('nobody_here', 'Wrong@pass1')).statusCode).toBe(429);
  });

  it('records failed and successful log-ins and log-outs in the audit log', async () => {
    await login('city_leader', 'Wrong@pass1');
    const s = await loginAs(t.app, 'city_leader');
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: s.headers });
    const rows = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name'])
      .where('actor_name', '=', 'city_leader')
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.action)).toEqual(['auth.login_failed', 'auth.login', 'auth.logout']);
  });

  it('treats SQL and script in the user name as a name that does not exist', async () => {
    for (const name of ["' or '1'='1' --", "admin'--", '<script>alert(1)</script>']) {
      const res = await login(name, "' or '1'='1");
      expect(res.statusCode).toBe(401);
    }
    expect((await t.ctx.db.selectFrom('app_user').select('id').execute()).length).toBeGreaterThan(10);
  });

  it('accepts an API token without CSRF, lists it without its secret, and refuses it revoked or expired', async () => {
    const s = await loginAs(t.app, 'district_op');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: s.headers,
      payload: { name: '12345 hotline', expiresInDays: 30 },
    });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    expect(token).toMatch(/^cgt_/);
    const bearer = { authorization: `Bearer ${token}` };
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer });
    expect(me.json().user.username).toBe('district_op');
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: bearer,
      payload: { name: 'cron' },
    });
    expect(second.statusCode).toBe(201);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/tokens', headers: s.headers });
    expect(list.body).not.toContain(token);
    expect(list.json().items.map((i: { name: string }) => i.name)).toEqual(['cron', '12345 hotline']);
    const stored = await t.ctx.db
      .selectFrom('api_token')
      .select('token_hash')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token.slice(4));

    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${id}`, headers: s.headers })).statusCode,
    ).toBe(204);
    const revoked = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer });
    expect(revoked.statusCode).toBe(401);
    const other = await loginAs(t.app, 'street_op');
    const notTheirs = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/tokens/${second.json().id}`,
      headers: other.headers,
    });
    expect(notTheirs.statusCode).toBe(404);

    await sql`update api_token set expires_at = now() - interval '1 minute' where id = ${second.json().id}`.execute(
      t.ctx.db,
    );
    const expired = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${second.json().token}` },
    });
    expect(expired.statusCode).toBe(401);
    const garbage = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { authorization: 'Bearer cgt_forged' },
    });
    expect(garbage.statusCode).toBe(401);
  });

  it('changes one’s own password only with the current one and a good new one', async () => {
    const s = await loginAs(t.app, 'housing_handler');
    const other = await loginAs(t.app, 'housing_handler');
    const change = (payload: object) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: s.headers, payload });
    const wrong = await change({ currentPassword: 'Nope@2026', newPassword: 'Better#Pass9' });
    expect([wrong.statusCode, wrong.json().errors[0].field]).toEqual([422, 'body.currentPassword']);
    const weak = await change({ currentPassword: 'Demo@2026', newPassword: 'password' });
    expect([weak.statusCode, weak.json().errors[0].field]).toEqual([422, 'body.newPassword']);
    expect((await change({ currentPassword: 'Demo@2026', newPassword: 'Better#Pass9' })).statusCode).toBe(
      204,
    );
    expect((await login('housing_handler', 'Demo@2026')).statusCode).toBe(401);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: s.headers })).statusCode,
    ).toBe(200);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: other.headers })).statusCode,
    ).toBe(401);
    await loginAs(t.app, 'housing_handler', 'Better#Pass9');
  });

  it('lets an administrator reset a password to a one-time one that must be changed', async () => {
    const admin = await loginAs(t.app, 'district_admin');
    const target = await loginAs(t.app, 'police_handler');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${target.userId}/reset-password`,
      headers: admin.headers,
      payload: {},
    });
    expect(res.statusCode).toBe(200);
    const { temporaryPassword } = res.json();
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: target.headers })).statusCode,
    ).toBe(401);
    const again = await login('police_handler', temporaryPassword);
    expect(again.json().mustChangePassword).toBe(true);
    // with the one-time password they can see who they are and change it, and nothing else
    const once = await loginAs(t.app, 'police_handler', temporaryPassword);
    const blocked = await t.app.inject({ method: 'GET', url: '/api/v1/cases/inbox', headers: once.headers });
    expect([blocked.statusCode, blocked.json().errors[0].field]).toEqual([403, 'body.newPassword']);
    const who = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: once.headers });
    expect([who.statusCode, who.json().mustChangePassword]).toEqual([200, true]);
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: once.headers,
      payload: { currentPassword: temporaryPassword, newPassword: 'Own#Passw0rd' },
    });
    expect(changed.statusCode).toBe(204);
    const now = await t.app.inject({ method: 'GET', url: '/api/v1/cases/inbox', headers: once.headers });
    expect(now.statusCode).toBe(200);
    const meNow = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: once.headers });
    expect(meNow.json().mustChangePassword).toBe(false);
    const self = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${admin.userId}/reset-password`,
      headers: admin.headers,
      payload: {},
    });
    expect(self.statusCode).toBe(403);
  });
});
