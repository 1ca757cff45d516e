import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, gridOf, report } from './cases-helpers.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { type LoggedIn, loginAs } from './login.ts';

/** The centre coordinating a case steers it: recall (收回) from a unit that has not started, dispatch again. */
let t: TestApp;
let u: Record<string, LoggedIn>;
let grid: string;

const streetLight = () => ({
  kind: 'request',
  category: 'request.street_light',
  attributes: {},
  description: '路口路灯不亮',
  gridCode: grid,
  channel: 'phone',
});
const targets = async (who: LoggedIn, id: number) =>
  (
    await t.app.inject({ url: `/api/v1/console/cases/${id}/targets?action=dispatch`, headers: who.headers })
  ).json().items as { id: number; name: string; kind: string }[];

beforeAll(async () => {
  t = await createTestApp();
  const names = ['gridworker', 'community_op', 'street_op', 'urban_station', 'police_station'];
  const logged = await Promise.all(names.map((n) => loginAs(t.app, n)));
  u = Object.fromEntries(names.map((n, i) => [n, logged[i] as LoggedIn]));
  grid = gridOf(u.gridworker as LoggedIn);
});
afterAll(async () => {
  await t?.close();
});

describe('recall and dispatch again', () => {
  it('the community centre recalls a case from a station that has not started it and dispatches it again', async () => {
    const op = u.community_op as LoggedIn;
    const created = (await report(t.app, u.gridworker as LoggedIn, streetLight())).json();
    expect(created.status).toBe('dispatched');
    expect(created.currentUnit.name).toMatch(/城管执法中队$/);

    const recalled = await act(t.app, op, created.id, 'recall', { reason: '应由派出所处理' });
    expect(recalled.statusCode).toBe(200);
    const back = recalled.json();
    expect(back.status).toBe('accepted');
    expect(back.currentUnit.id).toBe(created.centreUnit.id);
    expect(back.deadlines.dueAt).toBe(created.deadlines.dueAt);
    expect(back.history.at(-1)).toMatchObject({ action: 'recall', toStatus: 'accepted' });

    // the community's dispatch offers its street's stations (there are no units below a community)
    const offered = await targets(op, created.id);
    const police = offered.find((x) => x.name.endsWith('派出所'));
    expect(police?.kind).toBe('station');
    expect(offered.some((x) => x.name.endsWith('城管执法中队'))).toBe(true);
    const again = await act(t.app, op, created.id, 'dispatch', { unitId: police?.id });
    expect(again.statusCode).toBe(200);
    expect(again.json().currentUnit.id).toBe(police?.id);

    // the station it was taken from no longer sees the case to act on; the new one starts it
    const before = await t.app.inject({
      url: `/api/v1/cases/${created.id}`,
      headers: u.urban_station?.headers,
    });
    expect(before.statusCode === 404 || !before.json().allowedActions.includes('start')).toBe(true);
    const started = await act(t.app, u.police_station as LoggedIn, created.id, 'start');
    expect(started.statusCode).toBe(200);
  });

  it('refuses to recall a case its unit has started (409 with what may be done)', async () => {
    const created = (await report(t.app, u.gridworker as LoggedIn, streetLight())).json();
    expect((await act(t.app, u.urban_station as LoggedIn, created.id, 'start')).statusCode).toBe(200);
    const res = await act(t.app, u.community_op as LoggedIn, created.id, 'recall', { reason: '收回' });
    expect(res.statusCode).toBe(409);
    expect(res.json().allowedActions).not.toContain('recall');
    const after = (
      await t.app.inject({ url: `/api/v1/cases/${created.id}`, headers: u.community_op?.headers })
    ).json();
    expect(after.status).toBe('handling');
  });

  it('refuses a recall without a reason (400) and by someone not coordinating it', async () => {
    const created = (await report(t.app, u.gridworker as LoggedIn, streetLight())).json();
    const bare = await act(t.app, u.community_op as LoggedIn, created.id, 'recall', {});
    expect(bare.statusCode).toBe(400);
    expect(JSON.stringify(bare.json())).toContain('body.payload.reason');
    const other = await act(t.app, u.urban_station as LoggedIn, created.id, 'recall', { reason: '收回' });
    expect(other.statusCode).toBe(403);
  });

  it('refuses a dispatch outside the jurisdiction (422 naming the unit)', async () => {
    const created = (await report(t.app, u.gridworker as LoggedIn, streetLight())).json();
    await act(t.app, u.community_op as LoggedIn, created.id, 'recall', { reason: '重新派单' });
    const hexiCentre = await t.ctx.db
      .selectFrom('unit')
      .select('id')
      .where('code', '=', 'centre:120103000000')
      .executeTakeFirstOrThrow();
    const res = await act(t.app, u.community_op as LoggedIn, created.id, 'dispatch', {
      unitId: Number(hexiCentre.id),
    });
    expect(res.statusCode).toBe(422);
    expect(JSON.stringify(res.json())).toContain('body.payload.unitId');
  });
});
