import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.ts';
import { demoGrid, insertFixtureCategories } from './open311-fixtures.ts';

/** Portal rate limits: whose address counts, per reporter, configurable, a clear 429. */
let address = '';
/** Fixture categories, and an address the portal locates (the demo grid worker's community). */
async function prepare(t: TestApp) {
  await insertFixtureCategories(t.ctx);
  const grid = await demoGrid(t.app);
  const c = await t.ctx.db
    .selectFrom('region')
    .select('name')
    .where('code', '=', grid.slice(0, 12))
    .executeTakeFirstOrThrow();
  address = `${c.name}北门`;
}
const report = (t: TestApp, headers: Record<string, string>, phone?: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/portal/reports',
    headers,
    payload: {
      category: 't311.pothole',
      description: '测试限流的报告',
      address,
      ...(phone ? { anonymous: false, contact: { name: '赵六', phone } } : { anonymous: true }),
    },
  });

describe('without a trusted proxy (the default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ rateLimits: { report: { capacity: 2, refillPerMinute: 1 } } });
    await prepare(t);
  });
  afterAll(() => t.close());

  it('ignores X-Forwarded-For: a client cannot pick a new address for each request', async () => {
    const codes: number[] = [];
    for (let i = 1; i <= 3; i++)
      codes.push((await report(t, { 'x-forwarded-for': `198.51.100.${i}` })).statusCode);
    expect(codes).toEqual([201, 201, 429]);
  });

  it('answers 429 problem+json saying when to retry, with the limit in the headers', async () => {
    const res = await report(t, {});
    expect(res.statusCode).toBe(429);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const wait = Number(res.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(res.json()).toMatchObject({ status: 429, retryAfterSeconds: wait });
    expect(res.headers['ratelimit-limit']).toBe('2');
    expect(res.headers['ratelimit-remaining']).toBe('0');
    const read = await t.app.inject({ url: '/api/v1/portal/categories' });
    expect(read.statusCode).toBe(200);
    expect(Number(read.headers['ratelimit-remaining'])).toBeGreaterThan(0);
  });
});

describe('behind a trusted proxy, limits per address and per reporter', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      trustProxy: ['127.0.0.1'],
      rateLimits: { reporter: { capacity: 2, refillPerMinute: 1 / 60 } },
    });
    await prepare(t);
  });
  afterAll(() => t.close());

  it('believes the named proxy: each address has its own allowance', async () => {
    const codes: number[] = [];
    for (let i = 1; i <= 6; i++)
      codes.push((await report(t, { 'x-forwarded-for': `203.0.113.${i}` })).statusCode);
    expect(codes).toEqual([201, 201, 201, 201, 201, 201]);
  });

  it('counts one reporter across addresses', async () => {
    const codes: number[] = [];
    for (let i = 1; i <= 3; i++)
      codes.push((await report(t, { 'x-forwarded-for': `192.0.2.${100 + i}` }, '138 0000 9999')).statusCode);
    expect(codes).toEqual([201, 201, 429]);
    const refused = await report(t, { 'x-forwarded-for': '192.0.2.200' }, '13800009999');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().detail).toMatch(/reporter/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await report(t, { 'x-forwarded-for': '192.0.2.201' }, '13800001234')).statusCode).toBe(201);
  });
});
