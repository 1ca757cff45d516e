import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.ts';
import { loginAs } from './login.ts';
import { demoGrid, insertFixtureCategories } from './open311-fixtures.ts';

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

function multipart(name: string, type: string, data: Buffer) {
  const boundary = '----portaltest';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('residents portal API: report → track → rate → reopen, nearby and follow', () => {
  let t: TestApp;
  let community: string;
  let point: { lon: number; lat: number };
  let ip = 0;
  beforeAll(async () => {
    // the test client stands for the proxy in front of the server: its X-Forwarded-For is believed
    t = await createTestApp({ trustProxy: ['127.0.0.1'] });
    await insertFixtureCategories(t.ctx);
    const grid = await demoGrid(t.app);
    const c = await t.ctx.db
      .selectFrom('region')
      .select('name')
      .where('code', '=', grid.slice(0, 12))
      .executeTakeFirstOrThrow();
    community = c.name;
    const box = await t.ctx.db
      .selectFrom('region')
      .select(['min_lon', 'min_lat', 'max_lon', 'max_lat'])
      .where('code', '=', grid)
      .executeTakeFirstOrThrow();
    point = {
      lon: ((box.min_lon ?? 0) + (box.max_lon ?? 0)) / 2,
      lat: ((box.min_lat ?? 0) + (box.max_lat ?? 0)) / 2,
    };
  });
  afterAll(() => t.close());

  // every test speaks from its own address, so the per-client limits stay out of the way
  const client = () => ({ 'x-forwarded-for': `10.0.0.${++ip}` });
  const send = (
    method: 'GET' | 'POST',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) => t.app.inject({ method, url, payload: payload as never, headers: { ...client(), ...headers } });
  const reportLamp = (extra: Record<string, unknown> = {}) =>
    send('POST', '/api/v1/portal/reports', {
      category: 't311.lamp',
      description: '小区门口路灯整晚不亮',
      attributes: { pole: 'HP-7' },
      address: `${community}3号楼门口`,
      anonymous: true,
      ...extra,
    });
  const staffAct = async (number: string, action: string, payload: Record<string, unknown>) => {
    const op = await loginAs(t.app, 'community_op');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${number}/actions`,
      headers: op.headers,
      payload: { action, clientId: `${action}-${number}-${Math.random()}`, payload },
    });
    expect(res.statusCode, res.body).toBe(200);
  };

  it('offers the residents categories with their attributes, in Chinese or English', async () => {
    const zh = (await send('GET', '/api/v1/portal/categories')).json();
    const lamp = zh.find((c: { code: string }) => c.code === 't311.lamp');
    expect(lamp).toMatchObject({ name: '路灯不亮', group: '测试市政设施' });
    expect(lamp.attributes[0]).toEqual({
      code: 'pole',
      label: '灯杆编号',
      type: 'text',
      required: true,
      options: [],
    });
    const en = (await send('GET', '/api/v1/portal/categories?lang=en')).json();
    expect(en.find((c: { code: string }) => c.code === 't311.lamp').name).toBe('Street light out');
    expect(zh.map((c: { code: string }) => c.code)).not.toContain('t311.internal');
  });

  it('takes a report and answers its number and a secret tracking link; the public page shows no personal data', async () => {
    const res = await reportLamp({ anonymous: false, contact: { name: '李四', phone: '13900001111' } });
    expect(res.statusCode, res.body).toBe(201);
    const made = res.json();
    expect(made.number).toMatch(/^\d{6}-\d{4}-\d{6}$/);
    expect(made.trackPath).toBe(`/portal/#/track/${made.number}/${made.secret}`);
    const row = await t.ctx.db
      .selectFrom('cases')
      .select(['channel', 'anonymous', 'reporter_person_id'])
      .where('number', '=', made.number)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ channel: 'portal', anonymous: false });
    expect(row.reporter_person_id).not.toBeNull();

    const publicView = await send('GET', `/api/v1/portal/cases/${made.number}`);
    expect(publicView.statusCode).toBe(200);
    expect(publicView.json()).toMatchObject({
      number: made.number,
      open: true,
      viewer: null,
      description: null,
      canRate: false,
    });
    const own = (
      await send('GET', `/api/v1/portal/cases/${made.number}`, undefined, { 'x-portal-secret': made.secret })
    ).json();
    expect(own).toMatchObject({
      viewer: 'reporter',
      description: '小区门口路灯整晚不亮',
      category: { code: 't311.lamp' },
    });
    expect(own.place).toContain(community);
    for (const body of [publicView.body, JSON.stringify(own)])
      for (const secret of ['李四', '13900001111', '1111']) expect(body).not.toContain(secret);
    const wrong = await send('GET', `/api/v1/portal/cases/${made.number}`, undefined, {
      'x-portal-secret': 'guess',
    });
    expect(wrong.statusCode).toBe(404);
  });

  it('stores nothing personal for an anonymous report, even when contact details are sent', async () => {
    const made = (
      await reportLamp({ anonymous: true, contact: { name: '王五', phone: '13700002222' } })
    ).json();
    const row = await t.ctx.db
      .selectFrom('cases')
      .select(['anonymous', 'reporter_person_id'])
      .where('number', '=', made.number)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ anonymous: true, reporter_person_id: null });
  });

  it('follows the case to closed, lets the reporter rate once, then reopen; a follower may do neither', async () => {
    const made = (await reportLamp()).json();
    const secret = { 'x-portal-secret': made.secret };
    const early = await send(
      'POST',
      `/api/v1/portal/cases/${made.number}/rating`,
      { rating: 'satisfied' },
      secret,
    );
    expect(early.statusCode).toBe(409);
    await staffAct(made.number, 'accept', { comment: '已受理' });
    await staffAct(made.number, 'close', { conclusion: '已修复路灯' });
    const closed = (await send('GET', `/api/v1/portal/cases/${made.number}`, undefined, secret)).json();
    expect(closed).toMatchObject({ status: 'closed', open: false, canRate: true, canReopen: true });
    expect(closed.timeline.map((e: { action: string; text: string | null }) => [e.action, e.text])).toEqual([
      ['report', null],
      ['accept', '已受理'],
      ['close', '已修复路灯'],
    ]);
    const op = await loginAs(t.app, 'community_op');
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: op.headers })).json();
    expect(JSON.stringify(closed)).not.toContain(me.user.displayName);
    expect(JSON.stringify(closed)).not.toContain('community_op');

    // a closed problem is not followed: it is reported again if it comes back
    expect((await send('POST', `/api/v1/portal/cases/${made.number}/follow`)).statusCode).toBe(409);

    const rated = await send(
      'POST',
      `/api/v1/portal/cases/${made.number}/rating`,
      { rating: 'unsatisfied', comment: '晚上还是暗' },
      secret,
    );
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json()).toMatchObject({ rating: 'unsatisfied', canRate: false, canReopen: true });
    const twice = await send(
      'POST',
      `/api/v1/portal/cases/${made.number}/rating`,
      { rating: 'satisfied' },
      secret,
    );
    expect(twice.statusCode).toBe(409);

    const reopened = await send(
      'POST',
      `/api/v1/portal/cases/${made.number}/reopen`,
      { reason: '灯又坏了' },
      secret,
    );
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json()).toMatchObject({ open: true, canReopen: false });
    expect(reopened.json().timeline.at(-1)).toMatchObject({ action: 'reopen', text: '灯又坏了' });

    const nobody = await send('POST', `/api/v1/portal/cases/${made.number}/reopen`, { reason: 'me too' });
    expect(nobody.statusCode).toBe(422);
    expect(nobody.json().errors[0].field).toBe('header.x-portal-secret');
  });

  it('shows nearby open problems of the same category, and following one gives a link of its own', async () => {
    const first = await send('POST', '/api/v1/portal/reports', {
      category: 't311.pothole',
      description: '路面有个大坑',
      location: point,
      anonymous: true,
    });
    expect(first.statusCode, first.body).toBe(201);
    const near = (
      await send(
        'GET',
        `/api/v1/portal/nearby?category=t311.pothole&lon=${point.lon + 0.0005}&lat=${point.lat}`,
      )
    ).json();
    const hit = near.items.find((i: { number: string }) => i.number === first.json().number);
    expect(hit).toMatchObject({ status: expect.any(String), followers: 0 });
    expect(hit.distanceM).toBeGreaterThan(20);
    expect(hit.distanceM).toBeLessThan(60);
    const other = (
      await send('GET', `/api/v1/portal/nearby?category=t311.lamp&lon=${point.lon}&lat=${point.lat}`)
    ).json();
    expect(other.items.map((i: { number: string }) => i.number)).not.toContain(first.json().number);
    const far = (
      await send(
        'GET',
        `/api/v1/portal/nearby?category=t311.pothole&lon=${point.lon + 0.05}&lat=${point.lat}`,
      )
    ).json();
    expect(far.items.map((i: { number: string }) => i.number)).not.toContain(first.json().number);

    const followed = await send('POST', `/api/v1/portal/cases/${first.json().number}/follow`);
    expect(followed.statusCode).toBe(201);
    const view = (
      await send('GET', `/api/v1/portal/cases/${first.json().number}`, undefined, {
        'x-portal-secret': followed.json().secret,
      })
    ).json();
    expect(view).toMatchObject({ viewer: 'follower', followers: 1, description: null, canRate: false });
  });

  it('takes photos from the reporter only, and only photos', async () => {
    const made = (await reportLamp()).json();
    const png = multipart('lamp.png', 'image/png', PNG);
    const ok = await send('POST', `/api/v1/portal/cases/${made.number}/photos`, png.payload, {
      ...png.headers,
      'x-portal-secret': made.secret,
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const stranger = await send(
      'POST',
      `/api/v1/portal/cases/${made.number}/photos`,
      png.payload,
      png.headers,
    );
    expect(stranger.statusCode).toBe(422);
    const text = multipart('notes.txt', 'image/png', Buffer.from('not a picture at all'));
    const wrong = await send('POST', `/api/v1/portal/cases/${made.number}/photos`, text.payload, {
      ...text.headers,
      'x-portal-secret': made.secret,
    });
    expect(wrong.statusCode).toBe(422);
  });

  it.each([
    [{ address: undefined }, 400, 'body.location'],
    [{ description: 'x' }, 400, 'body.description'],
    [{ description: 'y'.repeat(2001) }, 400, 'body.description'],
    [{ category: 't311.internal' }, 422, 'body.category'],
    [{ attributes: {} }, 422, 'body.attributes.pole'],
    [{ anonymous: false, contact: { phone: 'call me' } }, 400, 'body.contact.phone'],
    [{ address: '火星基地' }, 422, 'body.address'],
    [{ location: { lon: 121.47, lat: 31.23 }, address: undefined }, 422, 'body.location'],
    [{ extra: 'field' }, 400, 'body'],
  ])('refuses a bad report %j and creates nothing', async (change, status, field) => {
    const before = await t.ctx.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const res = await reportLamp(change);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(
      res
        .json()
        .errors.map((e: { field: string }) => e.field)
        .join(' '),
    ).toContain(field);
    const after = await t.ctx.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toEqual(before.n);
  });

  it('limits reports per client address (429 with Retry-After), other clients unaffected', async () => {
    const headers = { 'x-forwarded-for': '192.0.2.77' };
    const body = {
      category: 't311.pothole',
      description: '测试限流的报告',
      address: `${community}北门`,
      anonymous: true,
    };
    const codes: number[] = [];
    for (let i = 0; i < 6; i++)
      codes.push(
        (await t.app.inject({ method: 'POST', url: '/api/v1/portal/reports', payload: body, headers }))
          .statusCode,
      );
    expect(codes).toEqual([201, 201, 201, 201, 201, 429]);
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/reports',
      payload: body,
      headers,
    });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.json()).toMatchObject({ status: 429 });
    expect((await reportLamp()).statusCode).toBe(201);
  });
});
