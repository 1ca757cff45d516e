import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller, newDispute } from './disputes-helpers.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { type LoggedIn, loginAs } from './login.ts';

/** Judicial confirmation (司法确认) is applied for within 30 days of the agreement taking effect. */
describe('the judicial confirmation window', () => {
  let t: TestApp;
  let call: ReturnType<typeof caller>;
  const u: Record<string, LoggedIn> = {};
  let grid: string;
  let orgs: { street: number };
  beforeAll(async () => {
    t = await createTestApp();
    call = caller(t);
    for (const name of ['gridworker', 'street_op', 'mediator']) u[name] = await loginAs(t.app, name);
    grid = (u.gridworker?.regionPaths[0] ?? '').split('/').filter(Boolean).pop() as string;
    const list = await call(u.street_op as LoggedIn, 'GET', '/api/v1/mediation-orgs?kind=neighbour');
    orgs = { street: list.body.items.find((o: { type: string }) => o.type === 'people_street').id as number };
  });
  afterAll(() => t.close());

  const act = (who: string, id: number, action: string, payload: object = {}) =>
    call(u[who] as LoggedIn, 'POST', `/api/v1/disputes/${id}/actions`, { action, payload });
  const mediators = async (org: number) =>
    (await call(u.street_op as LoggedIn, 'GET', `/api/v1/mediation-orgs/${org}/mediators`)).body.items as {
      id: number;
    }[];

  it('refuses a judicial-confirmation application after the 30 days, with the date', async () => {
    const id = (await call(u.gridworker as LoggedIn, 'POST', '/api/v1/disputes', newDispute(grid))).body
      .caseId as number;
    const parties = (await call(u.mediator as LoggedIn, 'GET', `/api/v1/disputes/${id}`)).body.parties as {
      id: number;
    }[];
    const [s1] = await mediators(orgs.street);
    await act('street_op', id, 'assign', { orgId: orgs.street, mediatorIds: [s1?.id] });
    await act('mediator', id, 'accept');
    const performBy = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await act('mediator', id, 'draft_agreement', {
      facts: '事实',
      terms: '条款',
      performance: '当面付清',
      performBy,
    });
    for (const p of parties)
      expect((await act('mediator', id, 'confirm_agreement', { partyId: p.id })).status).toBe(200);
    const effective = new Date(Date.now() - 31 * 86_400_000);
    await t.ctx.db
      .updateTable('dispute_agreement')
      .set({ effective_at: effective })
      .where('case_id', '=', id)
      .execute();
    const late = await act('street_op', id, 'judicial_apply', { court: '和平区人民法院' });
    expect(late.status).toBe(422);
    expect(late.body.detail).toContain(
      new Date(effective.getTime() + 30 * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10),
    );
    expect(
      (await call(u.mediator as LoggedIn, 'GET', `/api/v1/disputes/${id}`)).body.agreement.judicial,
    ).toBeNull();
  });
});
