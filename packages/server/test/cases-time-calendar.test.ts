import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingTime } from '../src/cases/domain/calendar.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { type LoggedIn, loginAs } from './login.ts';

let t: TestApp;
let admin: LoggedIn;
let operator: LoggedIn;

beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t.app, 'admin');
  operator = await loginAs(t.app, 'community_op');
});
afterAll(async () => {
  await t?.close();
});

describe('/api/v1/calendar/holidays', () => {
  it('lists the 2026 arrangement: Spring Festival off, make-up Saturdays at work', async () => {
    const res = await t.app.inject({ url: '/api/v1/calendar/holidays?year=2026', headers: operator.headers });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { day: string; kind: string; nameZh: string }[];
    const kinds = Object.fromEntries(items.map((h) => [h.day, h.kind]));
    expect(kinds['2026-02-17']).toBe('off');
    expect(kinds['2026-02-14']).toBe('work');
    expect(kinds['2026-10-10']).toBe('work');
    expect(items.filter((h) => h.kind === 'off')).toHaveLength(33);
    expect(items.every((h) => h.day.startsWith('2026-'))).toBe(true);
  });

  it('asks for a session', async () => {
    const res = await t.app.inject({ url: '/api/v1/calendar/holidays' });
    expect(res.statusCode).toBe(401);
  });

  it('lets an administrator add a local holiday, and deadlines move at once', async () => {
    const start = new Date('2026-12-03T16:30:00+08:00'); // Thursday
    const before = addWorkingTime(t.ctx.services.calendar.current(), start, 2 * 3_600_000);
    expect(before.toISOString()).toBe(new Date('2026-12-04T10:00:00+08:00').toISOString());

    const add = await t.app.inject({
      method: 'POST',
      url: '/api/v1/calendar/holidays',
      headers: admin.headers,
      payload: { day: '2026-12-04', kind: 'off', nameZh: '地方假日', nameEn: 'Local holiday' },
    });
    expect(add.statusCode).toBe(201);
    expect(add.json()).toMatchObject({ day: '2026-12-04', kind: 'off', provisional: false });
    const after = addWorkingTime(t.ctx.services.calendar.current(), start, 2 * 3_600_000);
    expect(after.toISOString()).toBe(new Date('2026-12-07T10:00:00+08:00').toISOString());

    const remove = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/calendar/holidays/2026-12-04',
      headers: admin.headers,
    });
    expect(remove.statusCode).toBe(204);
    expect(addWorkingTime(t.ctx.services.calendar.current(), start, 2 * 3_600_000)).toEqual(before);
  });

  it.each([
    [{ day: '2026-02-30', kind: 'off', nameZh: 'x', nameEn: 'x' }, 422, 'body.day'],
    [{ day: '2026/12/04', kind: 'off', nameZh: 'x', nameEn: 'x' }, 400, 'body.day'],
    [{ day: '2026-12-04', kind: 'maybe', nameZh: 'x', nameEn: 'x' }, 400, 'body.kind'],
    [{ day: '2026-12-04', kind: 'off', nameZh: '', nameEn: 'x' }, 400, 'body.nameZh'],
  ])('refuses %j with %i naming the field', async (payload, status, field) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/calendar/holidays',
      headers: admin.headers,
      payload,
    });
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(res.json().errors)).toContain(field);
  });

  it('refuses a day already in the calendar with 409, changing nothing', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/calendar/holidays',
      headers: admin.headers,
      payload: { day: '2026-10-01', kind: 'work', nameZh: '改', nameEn: 'changed' },
    });
    expect(res.statusCode).toBe(409);
    const list = await t.app.inject({
      url: '/api/v1/calendar/holidays?from=2026-10-01&to=2026-10-01',
      headers: admin.headers,
    });
    expect(list.json().items).toEqual([
      { day: '2026-10-01', kind: 'off', nameZh: '国庆节', nameEn: 'National Day', provisional: false },
    ]);
  });

  it('lets only administrators change the calendar', async () => {
    const add = await t.app.inject({
      method: 'POST',
      url: '/api/v1/calendar/holidays',
      headers: operator.headers,
      payload: { day: '2026-12-04', kind: 'off', nameZh: 'x', nameEn: 'x' },
    });
    expect(add.statusCode).toBe(403);
    const remove = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/calendar/holidays/2026-10-01',
      headers: operator.headers,
    });
    expect(remove.statusCode).toBe(403);
  });

  it('answers 404 for removing a day that is not in the calendar', async () => {
    const res = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/calendar/holidays/2026-12-25',
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(404);
  });
});
