import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepBatch } from '../src/cases/time/sweeper.ts';
import { demoCommunity, insertReportedCase } from './cases-time-fixtures.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { type LoggedIn, loginAs } from './login.ts';

let t: TestApp;
let communityOp: LoggedIn;
let streetOp: LoggedIn;
let leader: LoggedIn;
let hexiOp: LoggedIn;
let place: Awaited<ReturnType<typeof demoCommunity>>;
const minute = 60_000;
// Monday 23 November 2026, 09:00 in Tianjin: the accept step has 2 working hours, yellow at half.
const monday9 = new Date('2026-11-23T09:00:00+08:00');

beforeAll(async () => {
  process.env.CASES_PERIODIC_MS = '0';
  t = await createTestApp();
  [communityOp, streetOp, leader, hexiOp] = (await Promise.all(
    ['community_op', 'street_op', 'leader', 'hexi_op'].map((u) => loginAs(t.app, u)),
  )) as [LoggedIn, LoggedIn, LoggedIn, LoggedIn];
  place = await demoCommunity(t.ctx, communityOp.unitIds[0] as number);
});
afterAll(async () => {
  await t?.close();
});

const notificationsOf = async (who: LoggedIn) =>
  (await t.app.inject({ url: '/api/v1/notifications', headers: who.headers })).json().items as {
    kind: string;
    caseNumber: string;
  }[];
const caseRow = (id: number) =>
  t.ctx.db
    .selectFrom('cases')
    .select(['card', 'warn_at', 'due_at', 'version'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

describe('the overdue sweeper', () => {
  it('shows a yellow card, then a red card with automatic supervision, each once', async () => {
    const c = await insertReportedCase(t.ctx, place, { start: monday9, number: '120101-2026-900001' });
    expect(c.warnAt).toEqual(new Date('2026-11-23T10:00:00+08:00'));
    expect(c.dueAt).toEqual(new Date('2026-11-23T11:00:00+08:00'));

    expect(await t.ctx.services.sweeper.sweep({ now: new Date(c.warnAt.getTime() - minute) })).toEqual({
      claimed: 0,
      yellow: 0,
      red: 0,
    });
    const atYellow = await t.ctx.services.sweeper.sweep({ now: new Date(c.warnAt.getTime() + minute) });
    expect(atYellow).toMatchObject({ yellow: 1, red: 0 });
    expect(await caseRow(c.id)).toMatchObject({ card: 'yellow', warn_at: c.dueAt });
    expect(await notificationsOf(communityOp)).toContainEqual(
      expect.objectContaining({ kind: 'yellow_card', caseNumber: c.number }),
    );
    // Nothing more happens until the due time.
    expect(
      (await t.ctx.services.sweeper.sweep({ now: new Date(c.warnAt.getTime() + 2 * minute) })).claimed,
    ).toBe(0);

    const atRed = await t.ctx.services.sweeper.sweep({ now: new Date(c.dueAt.getTime() + minute) });
    expect(atRed).toMatchObject({ red: 1 });
    expect(await caseRow(c.id)).toMatchObject({ card: 'red', warn_at: null });
    expect(
      (await t.ctx.services.sweeper.sweep({ now: new Date(c.dueAt.getTime() + 60 * minute) })).claimed,
    ).toBe(0);

    const sup = await t.app.inject({
      url: `/api/v1/cases/${c.number}/supervisions`,
      headers: streetOp.headers,
    });
    expect(sup.statusCode).toBe(200);
    const items = sup.json().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      kind: 'auto',
      step: 'accept',
      targetUnitId: place.unit.id,
      reply: null,
    });
    // A reply is due one working day later: Monday 11:01 + 7 working hours → Tuesday 11:01.
    expect(items[0].replyDueAt).toBe(new Date('2026-11-24T11:01:00+08:00').toISOString());

    const history = await t.ctx.db
      .selectFrom('case_action')
      .select(['action', 'actor_role', 'from_status', 'to_status'])
      .where('case_id', '=', c.id)
      .orderBy('seq')
      .execute();
    // the yellow card is in the history like the red one (its automatic supervision)
    expect(history.map((h) => h.action)).toEqual(['report', 'yellow_card', 'supervise']);
    expect(history[1]).toMatchObject({
      actor_role: 'system',
      from_status: 'reported',
      to_status: 'reported',
    });
    expect(history[2]).toMatchObject({
      actor_role: 'system',
      from_status: 'reported',
      to_status: 'reported',
    });

    // The responsible unit and its parent street centre are told.
    expect(await notificationsOf(communityOp)).toContainEqual(
      expect.objectContaining({ kind: 'red_card', caseNumber: c.number }),
    );
    expect(await notificationsOf(streetOp)).toContainEqual(
      expect.objectContaining({ kind: 'red_card', caseNumber: c.number }),
    );
    expect(await notificationsOf(hexiOp)).toEqual([]);
  });

  it('leaves closed cases alone', async () => {
    const c = await insertReportedCase(t.ctx, place, {
      start: monday9,
      number: '120101-2026-900002',
      closed: true,
    });
    await t.ctx.services.sweeper.sweep({ now: new Date(c.dueAt.getTime() + 24 * 60 * minute) });
    expect((await caseRow(c.id)).card).toBe('none');
  });

  it('never processes a row twice when sweeps run at once', async () => {
    const start = new Date('2026-11-25T09:00:00+08:00');
    const made = [];
    for (let i = 0; i < 12; i++) {
      made.push(await insertReportedCase(t.ctx, place, { start, number: `120101-2026-9100${10 + i}` }));
    }
    const now = new Date('2026-11-26T09:00:00+08:00');
    const results = await Promise.all([
      sweepBatch(t.ctx, now, 5),
      sweepBatch(t.ctx, now, 5),
      sweepBatch(t.ctx, now, 5),
    ]);
    const rest = await t.ctx.services.sweeper.sweep({ now });
    expect(results.reduce((n, r) => n + r.red, 0) + rest.red).toBe(12);
    const supervised = await t.ctx.db
      .selectFrom('case_supervision')
      .select(['case_id'])
      .where(
        'case_id',
        'in',
        made.map((m) => m.id),
      )
      .execute();
    expect(supervised).toHaveLength(12);
  });
});

describe('supervision by hand and replies', () => {
  let number: string;
  beforeAll(async () => {
    number = (await insertReportedCase(t.ctx, place, { start: new Date(), number: '120101-2026-900100' }))
      .number;
  });

  it('lets a leader supervise; the unit replies once; the leader hears back', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${number}/supervisions`,
      headers: leader.headers,
      payload: { reason: '群众反映强烈，请加快办理', replyWithinWorkingHours: 4 },
    });
    expect(res.statusCode).toBe(201);
    const s = res.json();
    expect(s).toMatchObject({ kind: 'manual', targetUnitId: place.unit.id, byUserId: leader.userId });
    expect(await notificationsOf(communityOp)).toContainEqual(
      expect.objectContaining({ kind: 'supervision', caseNumber: number }),
    );

    const open = await t.app.inject({ url: '/api/v1/supervisions/open', headers: communityOp.headers });
    expect(open.json().items.map((i: { id: number }) => i.id)).toContain(s.id);

    const wrongUnit = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${number}/supervisions/${s.id}/reply`,
      headers: streetOp.headers,
      payload: { reply: '已安排' },
    });
    expect(wrongUnit.statusCode).toBe(403);

    const reply = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${number}/supervisions/${s.id}/reply`,
      headers: communityOp.headers,
      payload: { reply: '已联系路灯所，明日修复' },
    });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toMatchObject({ reply: '已联系路灯所，明日修复', repliedBy: communityOp.userId });
    expect(await notificationsOf(leader)).toContainEqual(
      expect.objectContaining({ kind: 'supervision_reply', caseNumber: number }),
    );

    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${number}/supervisions/${s.id}/reply`,
      headers: communityOp.headers,
      payload: { reply: '再次回复' },
    });
    expect(again.statusCode).toBe(409);
  });

  it('refuses supervision by someone who is not a leader, and hides cases out of scope', async () => {
    const notLeader = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${number}/supervisions`,
      headers: streetOp.headers,
      payload: { reason: 'x' },
    });
    expect(notLeader.statusCode).toBe(403);
    const outside = await t.app.inject({
      url: `/api/v1/cases/${number}/supervisions`,
      headers: hexiOp.headers,
    });
    expect(outside.statusCode).toBe(404);
  });

  it('names the bad field and changes nothing', async () => {
    const before = await t.ctx.db
      .selectFrom('case_supervision')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    for (const payload of [
      { reason: '' },
      { reason: 'x', replyWithinWorkingHours: -1 },
      { reason: 'x', extra: 1 },
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${number}/supervisions`,
        headers: leader.headers,
        payload,
      });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const after = await t.ctx.db
      .selectFrom('case_supervision')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
