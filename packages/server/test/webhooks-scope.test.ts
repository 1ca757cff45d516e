import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllowList } from '../src/cases/domain/webhook-address.ts';
import { postWebhook } from '../src/cases/notifications/webhooks-delivery.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { type LoggedIn, loginAs } from './login.ts';
import { eventually, firstGrid, HEPING, HEXI, reportCase } from './trust-fixtures.ts';

let t: TestApp;
let admin: LoggedIn;
let districtAdmin: LoggedIn;
let gridworker: LoggedIn;
let hexiOp: LoggedIn;
let server: Server;
let port: number;
const received: string[] = [];
const PUBLIC = 'https://hooks.example.org/civicgrid';

beforeAll(async () => {
  process.env.CASES_PERIODIC_MS = '0';
  server = createServer((req, res) => {
    received.push(req.url ?? '');
    req.resume();
    req.on('end', () => res.end('ok'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  t = await createTestApp();
  [admin, districtAdmin, gridworker, hexiOp] = (await Promise.all(
    ['admin', 'district_admin', 'gridworker', 'hexi_op'].map((u) => loginAs(t.app, u)),
  )) as [LoggedIn, LoggedIn, LoggedIn, LoggedIn];
});
afterAll(async () => {
  await t?.close();
  await new Promise((resolve) => server?.close(resolve));
});

const call = (who: LoggedIn, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
const subscribe = (who: LoggedIn, payload: Record<string, unknown>) =>
  call(who, 'POST', '/api/v1/webhooks', { events: ['*'], url: PUBLIC, ...payload });
const outboxOf = async (subscription: number) =>
  (
    await t.ctx.db
      .selectFrom('webhook_outbox')
      .select('payload')
      .where('subscription_id', '=', subscription)
      .execute()
  ).map((r) => (r.payload as { data: { caseId: number } }).data.caseId);

describe('webhooks belong to a region', () => {
  let cityHook: number;
  let districtHook: number;

  it('a district administrator sees, stops and reads only the webhooks of their district', async () => {
    const city = await subscribe(admin, {});
    expect(city.statusCode).toBe(201);
    expect(city.json().regionCode).toBe('120000000000');
    cityHook = city.json().id;
    const mine = await subscribe(districtAdmin, {});
    expect(mine.statusCode).toBe(201);
    expect(mine.json()).toMatchObject({ regionCode: HEPING, regionName: '和平区' });
    districtHook = mine.json().id;

    const listed = (who: LoggedIn) =>
      call(who, 'GET', '/api/v1/webhooks').then((r) => r.json().items.map((s: { id: number }) => s.id));
    expect(await listed(districtAdmin)).toEqual([districtHook]);
    expect(await listed(admin)).toEqual([cityHook, districtHook]);

    // the city's webhook answers exactly as one that does not exist
    for (const [method, path] of [
      ['DELETE', ''],
      ['GET', '/deliveries'],
    ] as const) {
      const theirs = await call(districtAdmin, method, `/api/v1/webhooks/${cityHook}${path}`);
      const missing = await call(districtAdmin, method, `/api/v1/webhooks/99999999${path}`);
      expect([theirs.statusCode, theirs.json().title]).toEqual([404, missing.json().title]);
    }
    expect((await call(admin, 'GET', `/api/v1/webhooks/${cityHook}/deliveries`)).statusCode).toBe(200);

    // nor can it subscribe to another district: the same answer as for a region that does not exist
    const hexi = await subscribe(districtAdmin, { regionCode: HEXI });
    const nowhere = await subscribe(districtAdmin, { regionCode: '129999999999' });
    expect([hexi.statusCode, hexi.json().errors[0].field]).toEqual([422, 'body.regionCode']);
    expect([nowhere.statusCode, nowhere.json().errors[0].field]).toEqual([422, 'body.regionCode']);
    expect((await subscribe(admin, { regionCode: HEXI })).statusCode).toBe(201);
  });

  it('a subscription receives only the events of cases inside its region', async () => {
    const inside = await reportCase(t, gridworker, (await firstGrid(t, HEPING)).code);
    const outside = await reportCase(t, hexiOp, (await firstGrid(t, HEXI)).code);
    await eventually(
      () => outboxOf(cityHook),
      (ids) => ids.includes(inside.id) && ids.includes(outside.id),
      'the city webhook to hear of both cases',
    );
    const district = await outboxOf(districtHook);
    expect(district).toContain(inside.id);
    expect(district).not.toContain(outside.id);
  });
});

describe('webhook addresses', () => {
  it.each([
    'http://127.0.0.1:8080/hook',
    'http://localhost/hook',
    'http://169.254.169.254/latest/meta-data/',
    'http://metadata.google.internal/computeMetadata/v1/',
    'http://10.0.0.5/hook',
    'http://192.168.1.10/hook',
    'http://172.16.0.1/hook',
    'http://[::1]/hook',
    'http://[fd00:ec2::254]/hook',
    'http://0.0.0.0/hook',
  ])('refuses %s (the platform’s own network) unless allowed', async (url) => {
    const res = await subscribe(admin, { url });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('body.url');
  });

  it('checks the address DNS gives at delivery time, not only the name', async () => {
    const toLoopback = ((_host: string, _opts: unknown, cb: (e: null, a: unknown) => void) =>
      cb(null, [{ address: '127.0.0.1', family: 4 }])) as never;
    received.length = 0;
    const url = `http://hooks.example.org:${port}/rebound`;
    const refused = await postWebhook(url, {}, '{}', parseAllowList([]), 5000, toLoopback);
    expect(refused.status).toBeNull();
    expect(refused.error).toMatch(/refused/);
    expect(received).toEqual([]);
    const allowed = await postWebhook(url, {}, '{}', parseAllowList(['127.0.0.1']), 5000, toLoopback);
    expect(allowed).toEqual({ status: 200, error: null });
    expect(received).toEqual(['/rebound']);
  });

  it('refuses at delivery a subscription whose address has become local, and records why', async () => {
    const created = await subscribe(admin, { regionCode: HEPING, events: ['case.created'] });
    const id = created.json().id as number;
    await t.ctx.db
      .updateTable('webhook_subscription')
      .set({ url: `http://127.0.0.1:${port}/now-local` })
      .where('id', '=', id)
      .execute();
    const c = await reportCase(t, gridworker, (await firstGrid(t, HEPING)).code);
    await eventually(
      () => outboxOf(id),
      (ids) => ids.includes(c.id),
      'the event to be queued',
    );
    received.length = 0;
    await t.ctx.services.webhooks.deliverDue(new Date(Date.now() + 1000));
    const [d] = (await call(admin, 'GET', `/api/v1/webhooks/${id}/deliveries`)).json().items;
    expect(d.deliveredAt).toBeNull();
    expect(d.lastError).toMatch(/refused: 127\.0\.0\.1/);
    expect(received).toEqual([]);
  });
});
