import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS } from '../src/cases/notifications/webhooks-signing.ts';
import { demoCommunity, insertReportedCase } from './cases-time-fixtures.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { type LoggedIn, loginAs } from './login.ts';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

let t: TestApp;
let admin: LoggedIn;
let communityOp: LoggedIn;
let server: Server;
let base: string;
const received: Received[] = [];
/** Status the receiver answers with, per path; 200 when not set. */
const answers = new Map<string, number[]>();
const secret = 'a-test-secret-of-some-length';

beforeAll(async () => {
  process.env.CASES_PERIODIC_MS = '0';
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body });
      const queue = answers.get(req.url ?? '') ?? [];
      res.statusCode = queue.length > 1 ? (queue.shift() as number) : (queue[0] ?? 200);
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // the receiver runs on this machine: loopback must be allowed explicitly
  t = await createTestApp({ webhookAllowList: ['127.0.0.1'] });
  [admin, communityOp] = (await Promise.all(['admin', 'community_op'].map((u) => loginAs(t.app, u)))) as [
    LoggedIn,
    LoggedIn,
  ];
});
afterAll(async () => {
  await t?.close();
  await new Promise((resolve) => server?.close(resolve));
});

const subscribe = (who: LoggedIn, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: who.headers, payload });
const deliveries = async (id: number) =>
  (await t.app.inject({ url: `/api/v1/webhooks/${id}/deliveries`, headers: admin.headers })).json().items as {
    event: string;
    attempts: number;
    lastStatus: number | null;
    deliveredAt: string | null;
    gaveUpAt: string | null;
  }[];

describe('outgoing webhooks', () => {
  it('validates subscriptions and lets only administrators manage them', async () => {
    expect((await subscribe(communityOp, { url: `${base}/x`, events: ['*'] })).statusCode).toBe(403);
    const badUrl = await subscribe(admin, { url: 'ftp://example.org/hook', events: ['*'] });
    expect(badUrl.statusCode).toBe(422);
    expect(badUrl.json().errors[0].field).toBe('body.url');
    const badEvent = await subscribe(admin, { url: `${base}/x`, events: ['case.exploded'] });
    expect(badEvent.statusCode).toBe(422);
    expect(badEvent.json().errors[0].field).toBe('body.events');
    expect((await subscribe(admin, { url: `${base}/x`, events: [] })).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/v1/webhooks', headers: admin.headers })).json().items).toEqual(
      [],
    );
  });

  it('signs each delivery and retries a failed one with back-off until it arrives', async () => {
    const created = await subscribe(admin, {
      url: `${base}/hook`,
      events: ['case.red_card', 'case.supervised'],
      secret,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ secret, active: true });
    const listed = (await t.app.inject({ url: '/api/v1/webhooks', headers: admin.headers })).json().items;
    expect(listed[0].secret).toBeUndefined();
    const id = created.json().id as number;

    const place = await demoCommunity(t.ctx, communityOp.unitIds[0] as number);
    const c = await insertReportedCase(t.ctx, place, {
      start: new Date('2026-11-23T09:00:00+08:00'),
      number: '120101-2026-700001',
    });
    await t.ctx.services.sweeper.sweep({ now: new Date(c.dueAt.getTime() + 60_000) });

    answers.set('/hook', [500, 500, 200]);
    const first = await t.ctx.services.webhooks.deliverDue(new Date());
    expect(first).toEqual({ delivered: 0, failed: 2 });
    const failed = await deliveries(id);
    expect(failed.map((d) => [d.event, d.attempts, d.lastStatus, d.deliveredAt]).sort()).toEqual([
      ['case.red_card', 1, 500, null],
      ['case.supervised', 1, 500, null],
    ]);
    // Not due again at once: the next attempt waits.
    expect(await t.ctx.services.webhooks.deliverDue(new Date())).toEqual({ delivered: 0, failed: 0 });

    received.length = 0;
    const later = await t.ctx.services.webhooks.deliverDue(new Date(Date.now() + 31_000));
    expect(later).toEqual({ delivered: 2, failed: 0 });
    for (const r of received) {
      const ts = r.headers['x-civicgrid-timestamp'] as string;
      const expected = `sha256=${createHmac('sha256', secret).update(`${ts}.${r.body}`).digest('hex')}`;
      expect(r.headers['x-civicgrid-signature']).toBe(expected);
      const body = JSON.parse(r.body);
      expect(body.event).toBe(r.headers['x-civicgrid-event']);
      expect(body.data).toMatchObject({ caseId: c.id, number: c.number });
    }
    expect((await deliveries(id)).every((d) => d.deliveredAt !== null && d.attempts === 2)).toBe(true);
    expect(await t.ctx.services.webhooks.deliverDue(new Date(Date.now() + 3_600_000))).toEqual({
      delivered: 0,
      failed: 0,
    });
  });

  it(`gives up after ${MAX_ATTEMPTS} failed attempts`, async () => {
    const created = await subscribe(admin, { url: `${base}/down`, events: ['case.red_card'] });
    const id = created.json().id as number;
    answers.set('/down', [503]);
    const place = await demoCommunity(t.ctx, communityOp.unitIds[0] as number);
    const c = await insertReportedCase(t.ctx, place, {
      start: new Date('2026-11-23T09:00:00+08:00'),
      number: '120101-2026-700002',
    });
    await t.ctx.services.sweeper.sweep({ now: new Date(c.dueAt.getTime() + 60_000) });
    for (let i = 1; i <= MAX_ATTEMPTS + 1; i++) {
      await t.ctx.services.webhooks.deliverDue(new Date(Date.now() + i * 7 * 3_600_000));
    }
    const [d] = await deliveries(id);
    expect(d).toMatchObject({
      attempts: MAX_ATTEMPTS,
      lastStatus: 503,
      deliveredAt: null,
      gaveUpAt: expect.any(String),
    });
  });

  it('stops queueing for a disabled subscription', async () => {
    const created = await subscribe(admin, { url: `${base}/gone`, events: ['*'] });
    const id = created.json().id as number;
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/webhooks/${id}`, headers: admin.headers }))
        .statusCode,
    ).toBe(204);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/webhooks/${id}`, headers: admin.headers }))
        .statusCode,
    ).toBe(404);
    const place = await demoCommunity(t.ctx, communityOp.unitIds[0] as number);
    const c = await insertReportedCase(t.ctx, place, {
      start: new Date('2026-11-23T09:00:00+08:00'),
      number: '120101-2026-700003',
    });
    await t.ctx.services.sweeper.sweep({ now: new Date(c.dueAt.getTime() + 60_000) });
    expect(await deliveries(id)).toEqual([]);
  });
});
