import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller, newDispute } from './disputes-helpers.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { type LoggedIn, loginAs } from './login.ts';

/**
 * The mediation steps are the dispute kind's actions on the case engine: taken through the case's
 * actions route as `dispute.<verb>` (or the disputes route, which delegates), each written in the
 * case's one transaction with its history row in case_action; the mediation's table decides who
 * may and when; the dispute page offers only what the actor may do now.
 */
describe('mediation steps as the dispute kind’s case actions', () => {
  let t: TestApp;
  let call: ReturnType<typeof caller>;
  const u: Record<string, LoggedIn> = {};
  let grid: string;
  let org: number;
  let mediatorId: number;
  beforeAll(async () => {
    t = await createTestApp();
    call = caller(t);
    for (const name of ['gridworker', 'community_op', 'street_op', 'mediator', 'hexi_op'])
      u[name] = await loginAs(t.app, name);
    grid = (u.gridworker?.regionPaths[0] ?? '').split('/').filter(Boolean).pop() as string;
    const orgs = await call(u.street_op as LoggedIn, 'GET', '/api/v1/mediation-orgs?kind=neighbour');
    org = orgs.body.items.find((o: { type: string }) => o.type === 'people_street').id;
    const ms = await call(u.street_op as LoggedIn, 'GET', `/api/v1/mediation-orgs/${org}/mediators`);
    mediatorId = ms.body.items[0].id;
  });
  afterAll(() => t.close());

  const caseAct = (who: string, id: number, action: string, payload: object, clientId: string) =>
    call(u[who] as LoggedIn, 'POST', `/api/v1/cases/${id}/actions`, { action, clientId, payload });
  const history = (id: number) =>
    t.ctx.db
      .selectFrom('case_action')
      .select(['action', 'payload', 'from_status', 'to_status'])
      .where('case_id', '=', id)
      .orderBy('id')
      .execute();

  it('runs assign → accept → refer → close through the case engine, one history row each', async () => {
    const made = await call(u.gridworker as LoggedIn, 'POST', '/api/v1/disputes', newDispute(grid));
    const id = made.body.caseId as number;
    const caseBefore = await call(u.street_op as LoggedIn, 'GET', `/api/v1/cases/${id}`);
    expect(caseBefore.body.allowedActions).toContain('dispute.assign');
    // the case page offers no mediation step to a grid worker, whose posts can take none
    const workerView = await call(u.gridworker as LoggedIn, 'GET', `/api/v1/cases/${id}`);
    expect(workerView.status).toBe(200);
    expect(workerView.body.allowedActions.filter((a: string) => a.startsWith('dispute.'))).toEqual([]);
    const before = (await history(id)).length;

    // payload checked against the kind's schema, naming the field
    const bad = await caseAct('street_op', id, 'dispute.assign', { orgId: org }, 'k1');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.errors)).toContain('body.payload.mediatorIds');
    // the mediation's table: accepting is the mediator's, and not before an assignment
    expect((await caseAct('mediator', id, 'dispute.accept', {}, 'k2')).status).toBe(409);
    const assign = { orgId: org, mediatorIds: [mediatorId] };
    expect((await caseAct('street_op', id, 'dispute.assign', assign, 'k3')).status).toBe(200);
    // a retried clientId is applied once
    expect((await caseAct('street_op', id, 'dispute.assign', assign, 'k3')).status).toBe(200);
    expect((await caseAct('street_op', id, 'dispute.accept', {}, 'k4')).status).toBe(403);
    const page = await call(u.mediator as LoggedIn, 'GET', `/api/v1/disputes/${id}`);
    expect(page.body).toMatchObject({ status: 'assigned', allowedActions: ['accept', 'decline'] });
    const centrePage = await call(u.street_op as LoggedIn, 'GET', `/api/v1/disputes/${id}`);
    expect(centrePage.body.allowedActions).toEqual([]);

    expect((await caseAct('mediator', id, 'dispute.accept', {}, 'k5')).status).toBe(200);
    const mediating = await call(u.mediator as LoggedIn, 'GET', `/api/v1/disputes/${id}`);
    // no session yet: nothing to record; no draft: nothing to confirm
    expect(mediating.body.allowedActions).toEqual(['schedule_session', 'extend', 'draft_agreement', 'fail']);
    // the disputes route delegates to the same engine action
    const failed = await call(u.mediator as LoggedIn, 'POST', `/api/v1/disputes/${id}/actions`, {
      action: 'fail',
      clientId: 'k6',
      payload: { to: 'litigation', where: '和平区人民法院' },
    });
    expect(failed.body).toMatchObject({ status: 'referred' });
    expect((await caseAct('street_op', id, 'dispute.close', {}, 'k7')).status).toBe(200);

    const rows = (await history(id)).slice(before);
    expect(rows.map((r) => r.action)).toEqual([
      'dispute.assign',
      'dispute.accept',
      'dispute.fail',
      'dispute.close',
    ]);
    expect(rows[0]?.payload).toMatchObject({ orgId: org, from: 'screened', to: 'assigned' });
    expect(rows[2]?.payload).toMatchObject({ to: 'referred', where: '和平区人民法院' });
    // closing the dispute closes its case; the follow-up visit is still offered
    const closed = await call(u.street_op as LoggedIn, 'GET', `/api/v1/cases/${id}`);
    expect(closed.body.status).toBe('closed');
    expect(rows[3]?.to_status).toBe('closed');
    const after = await call(u.street_op as LoggedIn, 'GET', `/api/v1/disputes/${id}`);
    expect(after.body).toMatchObject({ status: 'closed', allowedActions: ['follow_up'] });
    const figures = await t.ctx.db
      .selectFrom('case_kind_figure')
      .select(['figure', 'value'])
      .where('case_id', '=', id)
      .execute();
    expect(figures.map((f) => f.figure).sort()).toEqual(['closed', 'failures', 'mediations']);
  });

  it('a refused step changes nothing: no history row, the dispute as it was', async () => {
    const made = await call(u.gridworker as LoggedIn, 'POST', '/api/v1/disputes', newDispute(grid));
    const id = made.body.caseId as number;
    const before = await history(id);
    const other = await caseAct('street_op', id, 'dispute.assign', { orgId: 999999, mediatorIds: [1] }, 'x1');
    expect(other.status).toBe(422);
    expect(await history(id)).toEqual(before);
    const page = await call(u.street_op as LoggedIn, 'GET', `/api/v1/disputes/${id}`);
    expect(page.body.status).toBe('screened');
    // out of scope: 404 through either route
    expect(
      (await caseAct('hexi_op', id, 'dispute.assign', { orgId: org, mediatorIds: [1] }, 'x2')).status,
    ).toBe(404);
    const viaDisputes = await call(u.hexi_op as LoggedIn, 'POST', `/api/v1/disputes/${id}/actions`, {
      action: 'assign',
      payload: { orgId: org, mediatorIds: [1] },
    });
    expect(viaDisputes.status).toBe(404);
  });
});
