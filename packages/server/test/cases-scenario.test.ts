import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, gridOf, loginAll, neighbourDispute, read, report, type Users } from './cases-helpers.ts';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * The closed loop on the Tianjin demo, as the demo users: a grid worker's report, accepted by the
 * community centre and escalated to the street; the street summons three departments, who report
 * in and report done; resolved, verified by the grid worker, rated unsatisfied and reopened.
 */
describe('a grid worker’s report from intake to reopen', () => {
  let t: TestApp;
  let u: Users;
  let caseId: number;
  beforeAll(async () => {
    t = await createTestApp();
    u = await loginAll(t.app);
  });
  afterAll(() => t.close());

  const ok = (res: { statusCode: number; body: string }, status = 200) => {
    expect(res.statusCode, res.body).toBe(status);
    return JSON.parse(res.body);
  };

  it('the grid worker reports a dispute in their grid: numbered, routed to the community centre, reporter masked', async () => {
    const body = ok(
      await report(t.app, u.gridworker, neighbourDispute(gridOf(u.gridworker)), 'scenario-1'),
      201,
    );
    caseId = body.id;
    expect(body.number).toMatch(/^120101-\d{4}-\d{6}$/);
    expect(body).toMatchObject({ status: 'reported', level: 'community', kind: 'dispute', channel: 'field' });
    expect(body.currentUnit.id).toBe(u.community_op.unitIds[0]);
    expect(body.region.gridCode).toBe(gridOf(u.gridworker));
    expect(body.reporter).toMatchObject({ name: '张*', phone: '138****5678', masked: true });
    expect(JSON.stringify(body)).not.toContain('13812345678');
    expect(body.deadlines.step).toBe('accept');
    expect(new Date(body.deadlines.dueAt).getTime()).toBeGreaterThan(new Date(body.reportedAt).getTime());
    expect(body.history.map((h: { action: string }) => h.action)).toEqual(['report']);
  });

  it('the same Idempotency-Key and body returns the same case, not a second one', async () => {
    const again = ok(
      await report(t.app, u.gridworker, neighbourDispute(gridOf(u.gridworker)), 'scenario-1'),
      200,
    );
    expect(again.id).toBe(caseId);
  });

  it('the community centre sees it to accept, accepts and escalates it to the street centre', async () => {
    const inbox = ok(
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/cases/inbox?step=to_accept',
        headers: u.community_op.headers,
      }),
    );
    expect(inbox.counts.to_accept).toBeGreaterThanOrEqual(1);
    expect(inbox.items.map((i: { id: number }) => i.id)).toContain(caseId);
    expect(ok(await act(t.app, u.community_op, caseId, 'accept')).status).toBe('accepted');
    const escalated = ok(
      await act(t.app, u.community_op, caseId, 'escalate', { reason: '涉及违建，社区无法独立解决' }),
    );
    expect(escalated).toMatchObject({ status: 'reported', level: 'street' });
    expect(escalated.currentUnit.id).toBe(u.street_op.unitIds[0]);
    expect(escalated.deadlines.step).toBe('accept');
  });

  it('the street centre accepts and summons three departments', async () => {
    ok(await act(t.app, u.street_op, caseId, 'accept'));
    const units = [u.urban_handler, u.housing_handler, u.police_handler].map((h) => h.unitIds[0]);
    const summoned = ok(
      await act(t.app, u.street_op, caseId, 'summon', { unitIds: units, reportInHours: 2 }),
    );
    expect(summoned.status).toBe('handling');
    expect(summoned.summons.map((s: { unitId: number }) => s.unitId)).toEqual(units);
  });

  it('the case cannot be resolved while a summoned department has not reported done', async () => {
    const res = await act(t.app, u.street_op, caseId, 'resolve', { result: '已协调' });
    expect(res.statusCode).toBe(409);
    expect(res.json().pendingUnitIds).toHaveLength(3);
  });

  it('each department sees the summons, reports in and reports done', async () => {
    for (const handler of [u.urban_handler, u.housing_handler, u.police_handler]) {
      const inbox = ok(
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/cases/inbox?step=summoned',
          headers: handler.headers,
        }),
      );
      expect(inbox.items.map((i: { id: number }) => i.id)).toContain(caseId);
      const detail = ok(await read(t.app, handler, caseId));
      expect(detail.allowedActions).toEqual(expect.arrayContaining(['summons_report_in', 'summons_done']));
      ok(await act(t.app, handler, caseId, 'summons_report_in'));
      ok(await act(t.app, handler, caseId, 'summons_done', { result: '已到场处置' }));
    }
    const detail = ok(await read(t.app, u.street_op, caseId));
    expect(
      detail.summons.every(
        (s: { doneAt: string | null; reportedInAt: string | null }) => s.doneAt && s.reportedInAt,
      ),
    ).toBe(true);
  });

  it('the street centre resolves and rates each department; the grid worker verifies and the case closes', async () => {
    const resolved = ok(
      await act(t.app, u.street_op, caseId, 'resolve', { result: '拆除违建，双方达成和解' }),
    );
    expect(resolved).toMatchObject({ status: 'resolved' });
    expect(resolved.deadlines.step).toBe('verify');
    for (const [handler, score] of [
      [u.urban_handler, 5],
      [u.housing_handler, 4],
      [u.police_handler, 3],
    ] as const)
      ok(await act(t.app, u.street_op, caseId, 'rate_summons', { unitId: handler.unitIds[0], score }));
    const closed = ok(await act(t.app, u.gridworker, caseId, 'verify_pass', { comment: '现场核实已整改' }));
    expect(closed).toMatchObject({ status: 'closed' });
    expect(closed.closedAt).not.toBeNull();
    expect(closed.deadlines.dueAt).toBeNull();
  });

  it('only the reporter rates: the centre is refused with what it may do', async () => {
    const refused = await act(t.app, u.street_op, caseId, 'rate', { rating: 'satisfied' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().allowedActions).not.toContain('rate');
    const rated = ok(
      await act(t.app, u.gridworker, caseId, 'rate', { rating: 'unsatisfied', comment: '漏水仍未解决' }),
    );
    expect(rated).toMatchObject({ status: 'closed', rating: 'unsatisfied' });
  });

  it('the reporter reopens it: back to the street centre with a new handling deadline', async () => {
    const reopened = ok(await act(t.app, u.gridworker, caseId, 'reopen', { reason: '问题反弹' }));
    expect(reopened).toMatchObject({ status: 'accepted', rating: null, closedAt: null, level: 'street' });
    expect(reopened.currentUnit.id).toBe(u.street_op.unitIds[0]);
    expect(reopened.deadlines.step).toBe('handle');
  });

  it('keeps every step in the append-only history, in order', async () => {
    const detail = ok(await read(t.app, u.street_op, caseId));
    const steps = detail.history.map((h: { action: string; fromStatus: string | null; toStatus: string }) => [
      h.action,
      h.toStatus,
    ]);
    expect(steps).toEqual([
      ['report', 'reported'],
      ['accept', 'accepted'],
      ['escalate', 'reported'],
      ['accept', 'accepted'],
      ['summon', 'handling'],
      ['summons_report_in', 'handling'],
      ['summons_done', 'handling'],
      ['summons_report_in', 'handling'],
      ['summons_done', 'handling'],
      ['summons_report_in', 'handling'],
      ['summons_done', 'handling'],
      ['resolve', 'resolved'],
      ['rate_summons', 'resolved'],
      ['rate_summons', 'resolved'],
      ['rate_summons', 'resolved'],
      ['verify_pass', 'closed'],
      ['rate', 'closed'],
      ['reopen', 'accepted'],
    ]);
    expect(detail.history.map((h: { seq: number }) => h.seq)).toEqual(
      steps.map((_: unknown, i: number) => i + 1),
    );
    expect(detail.version).toBe(steps.length);
  });

  it('summons ratings are queryable per department for evaluation', async () => {
    const res = ok(
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/cases/summons-ratings?unit=${u.urban_handler.unitIds[0]}`,
        headers: u.leader.headers,
      }),
    );
    expect(res.units).toEqual([
      expect.objectContaining({
        unitId: u.urban_handler.unitIds[0],
        summoned: 1,
        rated: 1,
        averageRating: 5,
        reportedInOnTime: 1,
      }),
    ]);
  });

  it('a centre of another district does not see the case at all', async () => {
    expect((await read(t.app, u.hexi_op, caseId)).statusCode).toBe(404);
    const search = ok(
      await t.app.inject({ method: 'GET', url: '/api/v1/cases?kind=dispute', headers: u.hexi_op.headers }),
    );
    expect(search.items.map((i: { id: number }) => i.id)).not.toContain(caseId);
    expect((await act(t.app, u.hexi_op, caseId, 'note', { text: 'x' })).statusCode).toBe(404);
  });
});
