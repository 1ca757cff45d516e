import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller, newDispute } from './disputes-helpers.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { type LoggedIn, loginAs } from './login.ts';

const PASSWORD = 'Unit#Mediator2026';

/**
 * The kind hook `seenBy` (cases/kinds/contract.ts): the dispute kind shows a dispute's case to
 * the unit of the mediation organisation holding it. A mediator whose only post is at such a unit
 * in 河西区 sees and acts on a 和平区 dispute assigned to that organisation, through the case's
 * page and actions, the case search, the disputes list and the ledger, and on nothing else.
 */
describe('a kind’s units see its cases (disputes: the mediation organisation holding it)', () => {
  let t: TestApp;
  let call: ReturnType<typeof caller>;
  const u: Record<string, LoggedIn> = {};
  let unitMediator: LoggedIn;
  let ours: number;
  let theirs: number;
  let heping: string;

  beforeAll(async () => {
    t = await createTestApp();
    call = caller(t);
    for (const name of ['gridworker', 'street_op', 'admin', 'hexi_op']) u[name] = await loginAs(t.app, name);
    const grid = (u.gridworker?.regionPaths[0] ?? '').split('/').filter(Boolean).pop() as string;
    heping = (u.gridworker?.regionPaths[0] ?? '').split('/').filter(Boolean)[1] as string;
    const hexiPath = u.hexi_op?.regionPaths[0] as string;
    // a mediation unit in 河西区: the new mediator's only post is there (its region is 河西区's part)
    const unit = await t.ctx.db
      .selectFrom('unit')
      .select(['id', 'region_code'])
      .where('kind', '=', 'mediation')
      .where('region_path', 'like', `${hexiPath}%`)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const made = await call(u.admin as LoggedIn, 'POST', '/api/v1/users', {
      username: 'unit_mediator',
      displayName: '单位调解员',
      password: PASSWORD,
      posts: [{ role: 'mediator', unitId: Number(unit.id), regionCode: unit.region_code }],
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const first = await loginAs(t.app, 'unit_mediator', PASSWORD);
    const own = await call(first, 'POST', '/api/v1/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'Own#Mediator2026',
    });
    expect(own.status).toBe(204);
    unitMediator = first;
    // an organisation whose area is 和平区 and whose unit is that 河西区 mediation unit
    const org = await call(u.admin as LoggedIn, 'POST', '/api/v1/mediation-orgs', {
      name: '和平区跨区调解工作室',
      type: 'social',
      regionCode: heping,
      kinds: [],
      unitId: Number(unit.id),
    });
    expect(org.status, JSON.stringify(org.body)).toBe(201);
    const mediator = await call(u.admin as LoggedIn, 'POST', '/api/v1/mediators', {
      orgId: org.body.id,
      name: '周调解',
      specialties: ['neighbour'],
      userId: unitMediator.userId,
    });
    expect(mediator.status, JSON.stringify(mediator.body)).toBe(201);
    // another organisation covering the grid (the demo's street committee)
    const orgs = await call(u.street_op as LoggedIn, 'GET', '/api/v1/mediation-orgs?kind=neighbour');
    const other = orgs.body.items.find((o: { type: string }) => o.type === 'people_street').id;
    const otherMediator = (
      await call(u.street_op as LoggedIn, 'GET', `/api/v1/mediation-orgs/${other}/mediators`)
    ).body.items[0].id;

    const assign = async (orgId: number, mediatorId: number, clientId: string) => {
      const d = await call(u.gridworker as LoggedIn, 'POST', '/api/v1/disputes', newDispute(grid));
      expect(d.status).toBe(201);
      const res = await call(u.street_op as LoggedIn, 'POST', `/api/v1/cases/${d.body.caseId}/actions`, {
        action: 'dispute.assign',
        clientId,
        payload: { orgId, mediatorIds: [mediatorId] },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return d.body.caseId as number;
    };
    ours = await assign(org.body.id, mediator.body.id, 'unit-a1');
    theirs = await assign(other, otherMediator, 'unit-a2');
  });
  afterAll(() => t.close());

  const caseAct = (who: LoggedIn, id: number, action: string, clientId: string) =>
    call(who, 'POST', `/api/v1/cases/${id}/actions`, { action, clientId, payload: {} });

  it('sees the assigned dispute’s case and takes the organisation’s steps on it', async () => {
    const page = await call(unitMediator, 'GET', `/api/v1/cases/${ours}`);
    expect(page.status).toBe(200);
    expect(page.body.allowedActions).toEqual(expect.arrayContaining(['dispute.accept']));
    const accepted = await caseAct(unitMediator, ours, 'dispute.accept', 'unit-m1');
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    const dispute = await call(unitMediator, 'GET', `/api/v1/disputes/${ours}`);
    expect(dispute.body).toMatchObject({ status: 'mediating' });
  });

  it('gets 404 on a dispute another organisation holds, through either route', async () => {
    expect((await call(unitMediator, 'GET', `/api/v1/cases/${theirs}`)).status).toBe(404);
    expect((await caseAct(unitMediator, theirs, 'dispute.accept', 'unit-m2')).status).toBe(404);
    expect((await call(unitMediator, 'GET', `/api/v1/disputes/${theirs}`)).status).toBe(404);
    const via = await call(unitMediator, 'POST', `/api/v1/disputes/${theirs}/actions`, {
      action: 'accept',
      payload: {},
    });
    expect(via.status).toBe(404);
    // the mediator of the organisation that holds it is unaffected; 河西区's centre sees neither
    expect((await call(u.hexi_op as LoggedIn, 'GET', `/api/v1/cases/${ours}`)).status).toBe(404);
  });

  it('the case search, the disputes list and the ledger agree with the case page', async () => {
    const cases = await call(unitMediator, 'GET', '/api/v1/cases?kind=dispute&limit=100');
    expect(cases.status).toBe(200);
    expect(cases.body.items.map((c: { id: number }) => c.id)).toEqual([ours]);
    const list = await call(unitMediator, 'GET', '/api/v1/disputes');
    expect(list.body.items.map((d: { caseId: number }) => d.caseId)).toEqual([ours]);
    const byRegion = await call(unitMediator, 'GET', `/api/v1/disputes?region=${heping}`);
    expect(byRegion.body.items.map((d: { caseId: number }) => d.caseId)).toEqual([ours]);

    // the ledger through its route: one row per dispute in scope, 台账编号 = the case number here
    const ledger = async (region?: string) => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/disputes-ledger${region ? `?region=${region}` : ''}`,
        headers: unitMediator.headers,
      });
      if (res.statusCode !== 200) return res.statusCode;
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = book.worksheets[0] as ExcelJS.Worksheet;
      return (sheet.getRows(3, sheet.rowCount - 2) ?? []).map((r) => String(r.getCell(1).value));
    };
    const numberOf = async (id: number) =>
      (await call(u.street_op as LoggedIn, 'GET', `/api/v1/cases/${id}`)).body.number as string;
    const oursNo = await numberOf(ours);
    expect(oursNo).not.toBe(await numberOf(theirs));
    expect(await ledger()).toEqual([oursNo]);
    // the area of the organisation holding it answers (its post's own region lies elsewhere)
    expect(await ledger(heping)).toEqual([oursNo]);
    // a district that is neither the organisation's area nor the post's: like one that does not exist
    const hexi = (u.hexi_op?.regionPaths[0] ?? '').split('/').filter(Boolean)[1];
    const third = await t.ctx.db
      .selectFrom('region')
      .select('code')
      .where('level', '=', 'district')
      .where('code', 'not in', [heping, hexi as string])
      .orderBy('code')
      .executeTakeFirstOrThrow();
    expect(await ledger(third.code)).toBe(404);
  });
});
