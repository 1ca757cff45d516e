import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCommunity, insertReportedCase } from './cases-time-fixtures.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { type LoggedIn, loginAs } from './login.ts';

let t: TestApp;
let communityOp: LoggedIn;
let streetOp: LoggedIn;

beforeAll(async () => {
  process.env.CASES_PERIODIC_MS = '0';
  t = await createTestApp();
  [communityOp, streetOp] = (await Promise.all(
    ['community_op', 'street_op'].map((u) => loginAs(t.app, u)),
  )) as [LoggedIn, LoggedIn];
  const place = await demoCommunity(t.ctx, communityOp.unitIds[0] as number);
  // Three overdue cases: each gives the community centre a yellow and a red card.
  for (let i = 1; i <= 3; i++) {
    const c = await insertReportedCase(t.ctx, place, {
      start: new Date('2026-11-23T09:00:00+08:00'),
      number: `120101-2026-60000${i}`,
    });
    await t.ctx.services.sweeper.sweep({ now: new Date(c.warnAt.getTime() + 60_000) });
    await t.ctx.services.sweeper.sweep({ now: new Date(c.dueAt.getTime() + 60_000) });
  }
});
afterAll(async () => {
  await t?.close();
});

const list = (who: LoggedIn, query = '') =>
  t.app.inject({ url: `/api/v1/notifications${query}`, headers: who.headers });
const markRead = (who: LoggedIn, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/v1/notifications/read', headers: who.headers, payload });

describe('/api/v1/notifications', () => {
  it('pages my notifications newest first with an unread count', async () => {
    const first = (await list(communityOp, '?limit=4')).json();
    expect(first.unread).toBe(6);
    expect(first.items).toHaveLength(4);
    expect(first.items[0].caseNumber).toBe('120101-2026-600003');
    const ids = first.items.map((i: { id: number }) => i.id);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    const second = (await list(communityOp, `?limit=4&cursor=${first.nextCursor}`)).json();
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    expect(second.items.map((i: { kind: string }) => i.kind).sort()).toEqual(['red_card', 'yellow_card']);
  });

  it('marks read only my own notifications', async () => {
    const mine = (await list(communityOp)).json().items as { id: number }[];
    const theirs = await markRead(streetOp, { ids: mine.map((m) => m.id) });
    expect(theirs.json()).toEqual({ updated: 0 });
    const res = await markRead(communityOp, { ids: [mine[0]?.id] });
    expect(res.json()).toEqual({ updated: 1 });
    expect((await list(communityOp, '?unread=true')).json().items).toHaveLength(5);
    expect((await markRead(communityOp, { all: true })).json()).toEqual({ updated: 5 });
    expect((await list(communityOp)).json().unread).toBe(0);
  });

  it('asks what to mark, and who is asking', async () => {
    const res = await markRead(communityOp, {});
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('body.ids');
    expect((await t.app.inject({ url: '/api/v1/notifications' })).statusCode).toBe(401);
  });
});
