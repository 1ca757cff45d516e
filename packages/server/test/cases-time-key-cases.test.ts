import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCommunity, insertReportedCase } from './cases-time-fixtures.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { type LoggedIn, loginAs } from './login.ts';

let t: TestApp;
let leader: LoggedIn;
let communityOp: LoggedIn;
let gridworker: LoggedIn;
let hexiOp: LoggedIn;
let number: string;

beforeAll(async () => {
  process.env.CASES_PERIODIC_MS = '0';
  t = await createTestApp();
  [leader, communityOp, gridworker, hexiOp] = (await Promise.all(
    ['leader', 'community_op', 'gridworker', 'hexi_op'].map((u) => loginAs(t.app, u)),
  )) as [LoggedIn, LoggedIn, LoggedIn, LoggedIn];
  const place = await demoCommunity(t.ctx, communityOp.unitIds[0] as number);
  number = (await insertReportedCase(t.ctx, place, { start: new Date(), number: '120101-2026-800001' }))
    .number;
});
afterAll(async () => {
  await t?.close();
});

const post = (who: LoggedIn, url: string, payload: unknown) =>
  t.app.inject({ method: 'POST', url, headers: who.headers, payload: payload as Record<string, unknown> });

describe('key cases (重点/积案)', () => {
  it('marks a case as key with a leader, a team and a plan, and shows it in the list and figures', async () => {
    const res = await post(communityOp, `/api/v1/cases/${number}/key`, {
      kind: 'backlog',
      reason: '反复投诉三次未解决',
      leaderUserId: leader.userId,
      team: [{ userId: gridworker.userId, duty: '每日巡查' }, { userId: communityOp.userId }],
      plan: [
        { title: '现场核查', dueDate: '2020-01-10' },
        { title: '协调路灯所维修', dueDate: '2099-12-31', ownerUserId: gridworker.userId },
      ],
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ number, kind: 'backlog', leader: { userId: leader.userId } });
    expect(body.team.map((m: { userId: number }) => m.userId).sort()).toEqual(
      [gridworker.userId, communityOp.userId].sort(),
    );
    expect(body.plan.map((s: { seq: number; title: string }) => [s.seq, s.title])).toEqual([
      [1, '现场核查'],
      [2, '协调路灯所维修'],
    ]);
    const row = await t.ctx.db
      .selectFrom('cases')
      .select('is_key')
      .where('number', '=', number)
      .executeTakeFirstOrThrow();
    expect(row.is_key).toBe(true);

    const list = await t.app.inject({ url: '/api/v1/key-cases?overduePlan=true', headers: leader.headers });
    expect(list.json().items).toEqual([
      expect.objectContaining({ number, kind: 'backlog', planSteps: 2, planDone: 0, planOverdue: 1 }),
    ]);
    const figures = await t.app.inject({ url: '/api/v1/key-cases/figures', headers: leader.headers });
    expect(figures.json()).toMatchObject({
      total: 1,
      byKind: { key: 0, backlog: 1 },
      open: 1,
      withOverduePlanSteps: 1,
    });

    const notes = await t.app.inject({ url: '/api/v1/notifications', headers: gridworker.headers });
    expect(notes.json().items).toContainEqual(
      expect.objectContaining({ kind: 'key_case', caseNumber: number }),
    );
  });

  it('keeps key cases out of sight of other districts', async () => {
    expect((await t.app.inject({ url: '/api/v1/key-cases', headers: hexiOp.headers })).json().items).toEqual(
      [],
    );
    expect(
      (await t.app.inject({ url: '/api/v1/key-cases/figures', headers: hexiOp.headers })).json().total,
    ).toBe(0);
    expect(
      (await t.app.inject({ url: `/api/v1/cases/${number}/key`, headers: hexiOp.headers })).statusCode,
    ).toBe(404);
  });

  it('lets the team report plan steps done, once', async () => {
    const done = await post(gridworker, `/api/v1/cases/${number}/key/plan/1/done`, { note: '已核查' });
    expect(done.statusCode).toBe(200);
    expect(done.json().plan[0]).toMatchObject({ note: '已核查', doneAt: expect.any(String) });
    expect((await post(gridworker, `/api/v1/cases/${number}/key/plan/1/done`, {})).statusCode).toBe(409);
    expect((await post(gridworker, `/api/v1/cases/${number}/key/plan/9/done`, {})).statusCode).toBe(404);
  });

  it('refuses a second marking, stale versions, and people who are not what they must be', async () => {
    const again = await post(communityOp, `/api/v1/cases/${number}/key`, {
      kind: 'key',
      reason: 'x',
      leaderUserId: leader.userId,
    });
    expect(again.statusCode).toBe(409);

    const current = (
      await t.app.inject({ url: `/api/v1/cases/${number}/key`, headers: leader.headers })
    ).json();
    const stale = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${number}/key`,
      headers: leader.headers,
      payload: { version: current.version - 1, reason: '改' },
    });
    expect(stale.statusCode).toBe(409);

    const notLeader = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${number}/key`,
      headers: leader.headers,
      payload: { version: current.version, leaderUserId: gridworker.userId },
    });
    expect(notLeader.statusCode).toBe(422);
    expect(notLeader.json().errors[0].field).toBe('body.leaderUserId');

    const ghost = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${number}/key`,
      headers: leader.headers,
      payload: { version: current.version, team: [{ userId: 99999999 }] },
    });
    expect(ghost.statusCode).toBe(422);
    expect(ghost.json().errors[0].field).toBe('body.team.0.userId');

    const badDate = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${number}/key`,
      headers: leader.headers,
      payload: { version: current.version, plan: [{ title: 'x', dueDate: '2026-02-30' }] },
    });
    expect(badDate.statusCode).toBe(422);
    expect(badDate.json().errors[0].field).toBe('body.plan.0.dueDate');

    const after = (
      await t.app.inject({ url: `/api/v1/cases/${number}/key`, headers: leader.headers })
    ).json();
    expect(after).toEqual(current);
  });

  it('lets only leaders and centre operators mark key cases', async () => {
    const res = await post(gridworker, `/api/v1/cases/${number}/key`, {
      kind: 'key',
      reason: 'x',
      leaderUserId: leader.userId,
    });
    expect(res.statusCode).toBe(403);
  });

  it('unmarks a key case', async () => {
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/cases/${number}/key`,
      headers: leader.headers,
    });
    expect(res.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/key-cases', headers: leader.headers })).json().items).toEqual(
      [],
    );
    const history = await t.ctx.db
      .selectFrom('case_action')
      .innerJoin('cases', 'cases.id', 'case_action.case_id')
      .select('case_action.action')
      .where('cases.number', '=', number)
      .orderBy('case_action.seq')
      .execute();
    expect(history.map((h) => h.action)).toEqual(['report', 'mark_key', 'key_plan_step_done', 'unmark_key']);
  });
});
