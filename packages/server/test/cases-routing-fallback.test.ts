import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridOf, report } from './cases-helpers.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { type LoggedIn, loginAs } from './login.ts';

/**
 * Routing never leaves a case where nobody can act: a unit without active staff is skipped for
 * the nearest staffed governance centre of its level or above, and the history says so.
 */
let t: TestApp;
let u: Record<string, LoggedIn>;
let grid: string;

const request = (category: string, gridCode = grid) => ({
  kind: 'request',
  category,
  attributes: category === 'request.noise' ? { noise_source: 'residential' } : {},
  description: '居民反映的问题，请尽快处理',
  gridCode,
  channel: 'phone',
});

type History = { action: string; payload: { routing?: Record<string, unknown> } }[];
const routingOf = (body: { history: History }): Record<string, unknown> =>
  body.history.find((h) => h.action === 'report')?.payload.routing ?? {};
const detail = async (who: LoggedIn, id: number) =>
  t.app.inject({ url: `/api/v1/cases/${id}`, headers: who.headers });

beforeAll(async () => {
  t = await createTestApp();
  const names = ['gridworker', 'community_op', 'street_op', 'district_op', 'police_station', 'admin'];
  const logged = await Promise.all(names.map((n) => loginAs(t.app, n)));
  u = Object.fromEntries(names.map((n, i) => [n, logged[i] as LoggedIn]));
  grid = gridOf(u.gridworker as LoggedIn);
});
afterAll(async () => {
  await t?.close();
});

describe('routing to a unit with staff', () => {
  it('sends illegal parking to the street police station, whose demo handler can start it', async () => {
    const res = await report(t.app, u.community_op as LoggedIn, request('request.parking'));
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created.currentUnit).toMatchObject({ kind: 'station' });
    expect(routingOf(created)).not.toHaveProperty('fallbackFrom');
    const seen = await detail(u.police_station as LoggedIn, created.id);
    expect(seen.json().allowedActions).toContain('start');
  });

  it('sends noise (a district department with nobody on it) to the district centre, and says why', async () => {
    const res = await report(t.app, u.community_op as LoggedIn, request('request.noise'));
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created.currentUnit).toMatchObject({ kind: 'centre', name: '和平区综治中心' });
    expect(created.centreUnit.name).toMatch(/社区|居委会|综治中心/);
    const fallback = routingOf(created).fallbackFrom as { unitName: string; reason: string };
    expect(fallback.unitName).toContain('生态环境局');
    expect(fallback.reason).toBe('no_active_staff');
    const seen = (await detail(u.district_op as LoggedIn, created.id)).json();
    expect(seen.allowedActions).toEqual(expect.arrayContaining(['dispatch', 'start']));
  });

  it('skips a station whose only handler was disabled, for the street centre', async () => {
    const police = u.police_station as LoggedIn;
    const off = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${police.userId}`,
      headers: (u.admin as LoggedIn).headers,
      payload: { disabled: true },
    });
    expect(off.statusCode).toBe(200);
    const res = await report(t.app, u.community_op as LoggedIn, request('request.parking'));
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created.currentUnit.kind).toBe('centre');
    expect(created.currentUnit.name).toMatch(/街道综治中心$/);
    expect((routingOf(created).fallbackFrom as { unitName: string }).unitName).toMatch(/派出所$/);
    const seen = (await detail(u.street_op as LoggedIn, created.id)).json();
    expect(seen.allowedActions).toContain('dispatch');
  });

  it('coordinates a case from a community with no operator at the nearest staffed centre above', async () => {
    const street = (u.street_op as LoggedIn).regionPaths[0]?.split('/').filter(Boolean).at(-1) ?? '';
    const communities = (
      await t.app.inject({
        url: `/api/v1/regions/${street}/children`,
        headers: (u.admin as LoggedIn).headers,
      })
    ).json().items as { code: string }[];
    const other = communities.map((c) => c.code).find((c) => !grid.startsWith(c)) ?? '';
    const grids = (
      await t.app.inject({ url: `/api/v1/regions/${other}/children`, headers: (u.admin as LoggedIn).headers })
    ).json().items as { code: string }[];
    const res = await report(t.app, u.street_op as LoggedIn, {
      ...request('dispute.neighbour', grids[0]?.code),
      kind: 'dispute',
      attributes: { parties_count: 2, risk_level: 'low' },
    });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created.status).toBe('reported');
    expect(created.currentUnit.name).toMatch(/街道综治中心$/);
    expect(created.centreUnit.id).toBe(created.currentUnit.id);
    expect((routingOf(created).fallbackFrom as { unitName: string }).unitName).toMatch(/综治中心$/);
    const seen = (await detail(u.street_op as LoggedIn, created.id)).json();
    expect(seen.allowedActions).toContain('accept');
  });
});
