import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { gridOf, report } from './cases-helpers.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { type LoggedIn, loginAs } from './login.ts';

let t: TestApp;
let communityOp: LoggedIn;
let gridworker: LoggedIn;
let urbanHandler: LoggedIn;
let leader: LoggedIn;
let grid: string;

// About 和平区, 天津; the grid chosen decides the place, the point is kept for duplicate checks.
const point = { lon: 117.2003, lat: 39.1201 };
const metresEast = (m: number) => ({
  lon: point.lon + m / (111_320 * Math.cos((point.lat * Math.PI) / 180)),
  lat: point.lat,
});
const request = (over: Record<string, unknown>) => ({
  kind: 'request',
  category: 'request.street_light',
  attributes: {},
  description: '小区门口路灯不亮一周了',
  gridCode: grid,
  location: point,
  reporter: { name: '王五', phone: '13900001111' },
  channel: 'phone',
  ...over,
});

beforeAll(async () => {
  process.env.CASES_PERIODIC_MS = '0';
  t = await createTestApp();
  [communityOp, gridworker, urbanHandler, leader] = (await Promise.all(
    ['community_op', 'gridworker', 'urban_handler', 'leader'].map((u) => loginAs(t.app, u)),
  )) as [LoggedIn, LoggedIn, LoggedIn, LoggedIn];
  grid = gridOf(gridworker);
});
afterAll(async () => {
  await t?.close();
});

const detail = async (who: LoggedIn, id: number) =>
  (await t.app.inject({ url: `/api/v1/cases/${id}`, headers: who.headers })).json();
const kindsOf = async (who: LoggedIn) =>
  (
    (await t.app.inject({ url: '/api/v1/notifications', headers: who.headers })).json().items as {
      kind: string;
      caseNumber: string;
    }[]
  ).map((n) => `${n.kind}:${n.caseNumber}`);

describe("a resident's request through the API", () => {
  it('goes overdue, gets a red card and automatic supervision, and the units above it are told', async () => {
    const res = await report(t.app, communityOp, request({}));
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created.deadlines.dueAt).not.toBeNull();

    const dueAt = new Date(created.deadlines.dueAt);
    const warnAt = new Date(created.deadlines.warnAt);
    await t.ctx.services.sweeper.sweep({ now: new Date(warnAt.getTime() + 1000) });
    expect((await detail(urbanHandler, created.id)).card).toBe('yellow');
    await t.ctx.services.sweeper.sweep({ now: new Date(dueAt.getTime() + 1000) });

    const after = await detail(urbanHandler, created.id);
    expect(after.card).toBe('red');
    expect(after.status).toBe(created.status);
    expect(after.history.map((h: { action: string }) => h.action)).toContain('supervise');
    const sup = (
      await t.app.inject({ url: `/api/v1/cases/${created.id}/supervisions`, headers: leader.headers })
    ).json().items;
    expect(sup).toEqual([expect.objectContaining({ kind: 'auto', step: created.deadlines.step })]);
    // Routed to the street's urban-management station: the red card reaches the station, its
    // district department above it, and the community centre that coordinates the case.
    expect(created.currentUnit.kind).toBe('station');
    expect(await kindsOf(urbanHandler)).toContain(`red_card:${created.number}`);
    expect(await kindsOf(communityOp)).toContain(`red_card:${created.number}`);
  });

  it('links a second report nearby as a duplicate and a third by the same caller as a repeat, keeping all three', async () => {
    const first = (await report(t.app, communityOp, request({ location: metresEast(500) }))).json();
    const second = await report(
      t.app,
      communityOp,
      request({ location: metresEast(520), reporter: { name: '赵六', phone: '13700002222' } }),
    );
    expect(second.statusCode).toBe(201);
    const dup = second.json();
    expect(dup.links).toEqual([
      expect.objectContaining({
        caseId: first.id,
        kind: 'duplicate',
        direction: 'to',
        detail: expect.objectContaining({ distanceM: 20 }),
      }),
    ]);
    expect((await detail(communityOp, first.id)).links).toContainEqual(
      expect.objectContaining({ caseId: dup.id, kind: 'duplicate', direction: 'from' }),
    );

    const third = await report(
      t.app,
      communityOp,
      request({ category: 'request.road', location: metresEast(3000), description: '路面塌陷' }),
    );
    expect(third.statusCode).toBe(201);
    const repeatLinks = third.json().links as { caseId: number; kind: string }[];
    expect(repeatLinks.filter((l) => l.kind === 'repeat').map((l) => l.caseId)).toContain(first.id);
    expect(repeatLinks.every((l) => l.caseId !== dup.id)).toBe(true);
  });

  it('tells the people of the unit a new case is assigned to', async () => {
    const res = await report(
      t.app,
      gridworker,
      request({
        kind: 'tip',
        category: 'tip.other_tip',
        description: '楼道堆放杂物',
        reporter: undefined,
        anonymous: true,
        channel: 'field',
      }),
    );
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created.currentUnit.kind).toBe('centre');
    await vi.waitFor(async () =>
      expect(await kindsOf(communityOp)).toContain(`assignment:${created.number}`),
    );
  });
});
