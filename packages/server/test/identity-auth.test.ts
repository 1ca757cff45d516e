import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.ts';
import { loginAs } from './login.ts';

describe('log-in, sessions and CSRF', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ trustProxy: ['127.0.0.1'] });
  });
  afterAll(() => t.close());

  it('logs a demo user in with an HttpOnly, SameSite session cookie and tells them who they are', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'district_op', password: 'Demo@2026' },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'cg_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    const body = res.json();
    expect(body.user.username).toBe('district_op');
    expect(body.roles).toEqual(['centre_operator']);
    expect(body.regionPaths).toEqual(['120000000000/120101000000/']);
    expect(body.units[0]).toMatchObject({ kind: 'centre', regionCode: '120101000000' });
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { cookie: `cg_session=${cookie?.value}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().csrfToken).toBe(body.csrfToken);
  });

  it('marks the cookie Secure behind an https proxy it trusts (TRUST_PROXY)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { username: 'leader', password: 'Demo@2026' },
    });
    expect(res.cookies.find((c) => c.name === 'cg_session')?.secure).toBe(true);
  });

  it('hides the demo users list when the server is not in demo mode', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/demo-users' });
    expect(res.statusCode).toBe(404);
  });

  it('answers /auth/me without a session with 401', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses an unsafe request with a session cookie but a missing or forged CSRF token', async () => {
    const s = await loginAs(t.app, 'street_op');
    const body = { name: 'integration' };
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { cookie: s.cookie },
      payload: body,
    });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().errors[0].field).toBe('header.x-csrf-token');
    const forged = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { cookie: s.cookie, 'x-csrf-token': `${s.csrfToken}x` },
      payload: body,
    });
    expect(forged.statusCode).toBe(403);
    const other = await loginAs(t.app, 'community_op');
    const crossed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { cookie: s.cookie, 'x-csrf-token': other.csrfToken },
      payload: body,
    });
    expect(crossed.statusCode).toBe(403);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/tokens', headers: s.headers });
    expect(list.json().items).toEqual([]);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: s.headers,
      payload: body,
    });
    expect(ok.statusCode).toBe(201);
  });

  it('ends the session on log-out', async () => {
    const s = await loginAs(t.app, 'urban_handler');
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: s.headers });
    expect(out.statusCode).toBe(204);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: s.headers });
    expect(me.statusCode).toBe(401);
  });
});
