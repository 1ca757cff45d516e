import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, gridOf, loginAll, neighbourDispute, read, report, type Users } from './cases-helpers.ts';
import { createTestApp, type TestApp } from './harness.ts';

// One server clock: with DEMO on, a city administrator moves it forward and the case engine's
// deadlines, cards, overdue lists and new actions all read it (docs: README "Demo clock").
let t: TestApp;
let u: Users;
const day = 24;

beforeAll(async () => {
  process.env.CASES_PERIODIC_MS = '0';
  t = await createTestApp({ demo: true });
  u = await loginAll(t.app);
});
afterAll(async () => {
  await t?.close();
});

const clock = async () =>
  (await t.app.inject({ url: '/api/v1/demo/clock', headers: u.admin.headers })).json() as {
    now: string;
    offsetMs: number;
  };
const advance = (who: keyof Users, hours: number) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/demo/clock',
    headers: u[who].headers,
    payload: { advanceHours: hours },
  });

describe('the demo clock drives the case engine', () => {
  it('makes a month of deadlines pass in one request: red card, overdue list, later actions dated by it', async () => {
    const res = await report(t.app, u.gridworker, neighbourDispute(gridOf(u.gridworker)));
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as number;
    const before = (await read(t.app, u.community_op, id)).json();
    expect(before.card ?? 'none').not.toBe('red');

    // Only a city administrator may move it, and only forward.
    expect((await advance('district_op', day)).statusCode).toBe(403);
    const moved = await advance('admin', 30 * day);
    expect(moved.statusCode).toBe(200);
    expect(moved.json().offsetMs).toBe(30 * day * 3_600_000);
    const now = new Date((await clock()).now);
    expect(now.getTime() - Date.now()).toBeGreaterThan(29 * day * 3_600_000);

    // The sweep ran on the advance: the case is red, supervised, and in the overdue list.
    const after = (await read(t.app, u.community_op, id)).json();
    expect(after.card, JSON.stringify(after.history.map((h: { action: string }) => h.action))).toBe('red');
    expect(after.history.map((h: { action: string }) => h.action)).toContain('supervise');
    const overdue = await t.app.inject({
      url: `/api/v1/cases?overdue=true&limit=100`,
      headers: u.community_op.headers,
    });
    expect(overdue.json().items.map((c: { id: number }) => c.id)).toContain(id);

    // An action taken now is dated by the server clock, not the machine's.
    const owner = after.currentUnitId === u.community_op.unitIds[0] ? u.community_op : u.street_op;
    const note = await act(t.app, owner, id, 'note', { text: '已督促处理' });
    expect(note.statusCode, note.body).toBeLessThan(300);
    const last = (await read(t.app, owner, id)).json().history.at(-1) as { action: string; at: string };
    expect(last.action).toBe('note');
    expect(new Date(last.at).getTime()).toBeGreaterThanOrEqual(now.getTime() - 60_000);
  });
});
