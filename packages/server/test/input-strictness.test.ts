import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.ts';
import { type LoggedIn, loginAs } from './login.ts';

/**
 * Mistyped input changes nothing: JSON bodies are validated strictly (no coercion), names are
 * trimmed and not blank, numbers beyond a column, lone surrogates and deep nesting are a 400
 * naming the field, and router-level errors are problem+json (Open311's error list on its routes).
 */
describe('input strictness', () => {
  let t: TestApp;
  let admin: LoggedIn;
  beforeAll(async () => {
    process.env.CASES_PERIODIC_MS = '0';
    t = await createTestApp();
    admin = await loginAs(t.app, 'admin');
  });
  afterAll(() => t.close());

  const send = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: string) =>
    t.app.inject({
      method,
      url,
      headers: { ...admin.headers, ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(payload !== undefined ? { payload } : {}),
    });
  const fieldsOf = (res: { json(): { errors?: { field: string }[] } }) =>
    (res.json().errors ?? []).map((e) => e.field);
  const expectRefused = (res: Awaited<ReturnType<typeof send>>, field: string) => {
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(fieldsOf(res)).toContain(field);
  };

  async function userNamed(username: string) {
    const res = await send('GET', `/api/v1/users?q=${username}`);
    const found = (res.json() as { items: { id: number; username: string }[] }).items.find(
      (u) => u.username === username,
    );
    if (!found) throw new Error(`no user ${username}`);
    return found.id;
  }

  it.each([
    ['null', 'null'],
    ['0', '0'],
    ['"false"', '"false"'],
    ['[]', '[]'],
  ])('{"disabled": %s} neither re-enables a disabled user nor is accepted', async (_label, value) => {
    const id = await userNamed('hexi_op');
    expect((await send('PATCH', `/api/v1/users/${id}`, '{"disabled":true}')).statusCode).toBe(200);
    expectRefused(await send('PATCH', `/api/v1/users/${id}`, `{"disabled":${value}}`), 'body.disabled');
    const after = await send('GET', `/api/v1/users/${id}`);
    expect((after.json() as { disabled: boolean }).disabled).toBe(true);
  });

  it('"parentId": false does not detach a unit', async () => {
    const units = (await send('GET', '/api/v1/units?limit=200')).json() as {
      items: { id: number; parentId: number | null }[];
    };
    const child = units.items.find((u) => u.parentId !== null);
    if (!child) throw new Error('the demo city has a unit with a parent');
    for (const value of ['false', '0', '"1"', '1e309', '99999999999999999999999'])
      expectRefused(
        await send('PATCH', `/api/v1/units/${child.id}`, `{"parentId":${value}}`),
        'body.parentId',
      );
    const after = (await send('GET', `/api/v1/units/${child.id}`)).json() as { parentId: number | null };
    expect(after.parentId).toBe(child.parentId);
  });

  it('names are trimmed, and a blank name is refused', async () => {
    const id = await userNamed('hexi_op');
    expectRefused(await send('PATCH', `/api/v1/users/${id}`, '{"displayName":"   "}'), 'body.displayName');
    const ok = await send('PATCH', `/api/v1/users/${id}`, '{"displayName":"  河西 操作员 "}');
    expect(ok.statusCode, ok.body).toBe(200);
    expect((ok.json() as { displayName: string }).displayName).toBe('河西 操作员');
  });

  it.each([
    ['an id beyond an integer', '/api/v1/users/99999999999999999999999', 'params.id'],
    ['an id of 1e309', '/api/v1/units/1e309', 'params.id'],
    ['a limit of 1e309', '/api/v1/users?limit=1e309', 'query.limit'],
    ['an offset beyond an integer', '/api/v1/users?offset=99999999999999999999999', 'query.offset'],
    ['an offset of Infinity', '/api/v1/users?offset=Infinity', 'query.offset'],
    ['a cursor of 1e309', '/api/v1/notifications?cursor=1e309', 'query.cursor'],
    ['a year of 1e309', '/api/v1/calendar/holidays?year=1e309', 'query.year'],
    ['a date in year 0', '/api/v1/dashboard/summary?to=0000-01-01', 'query.to'],
  ])('%s is a 400 naming the field', async (_what, url, field) => {
    expectRefused(await send('GET', url), field);
  });

  it('a lone surrogate in a body is a 400 naming the field, and nothing is stored', async () => {
    const id = await userNamed('hexi_op');
    const before = (await send('GET', `/api/v1/users/${id}`)).json() as { displayName: string };
    expectRefused(
      await send('PATCH', `/api/v1/users/${id}`, '{"displayName":"a\\uD800"}'),
      'body.displayName',
    );
    const after = (await send('GET', `/api/v1/users/${id}`)).json() as { displayName: string };
    expect(after.displayName).toBe(before.displayName);
  });

  it('a body nested 5,000 deep is a 400, and the server goes on answering', async () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const res = await send('POST', '/api/v1/cases', deep);
    expect(res.statusCode, res.body).toBe(400);
    expect(fieldsOf(res)[0]).toMatch(/^body(\.a)+$/);
    const deepList = `{"attributes":{"x":${'['.repeat(5000)}${']'.repeat(5000)}}}`;
    expect((await send('POST', '/api/v1/cases', deepList)).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });

  it.each(['/api/v1/cases/import', '/api/v1/places/import'])(
    'a multipart body cut short is a 400 at %s, not a 500',
    async (url) => {
      const res = await t.app.inject({
        method: 'POST',
        url,
        headers: { ...admin.headers, 'content-type': 'multipart/form-data; boundary=zz' },
        payload: '--zz\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nkind\r\n--zz',
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    },
  );

  it('a malformed escape in a path is problem+json, and Open311 answers in its own format', async () => {
    const api = await send('GET', '/api/v1/users/%zz');
    expect([api.statusCode, api.headers['content-type']]).toEqual([
      400,
      'application/problem+json; charset=utf-8',
    ]);
    const open311 = await t.app.inject({ url: '/open311/v2/requests/%ED%A0%80.json' });
    expect(open311.statusCode).toBe(400);
    expect(open311.json()).toEqual([{ code: 400, description: expect.any(String) }]);
    const xml = await t.app.inject({ url: '/open311/v2/requests/%zz.xml' });
    expect(xml.body).toContain('<errors><error><code>400</code>');
  });
});
