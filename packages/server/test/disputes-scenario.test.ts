import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { A, B, caller, newDispute, thisMonth } from './disputes-helpers.ts';
import { partiesConfirmOnline } from './disputes-portal-helpers.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { type LoggedIn, loginAs } from './login.ts';

/**
 * The scenario through the API: a neighbour dispute found by a grid worker, the community
 * committee fails, the street committee mediates in two sessions, the agreement is generated as
 * .docx, confirmed online by both parties, judicially confirmed, followed up; another is referred
 * to litigation; the street's resolution rate follows.
 */
describe('disputes scenario', () => {
  let t: TestApp;
  let call: ReturnType<typeof caller>;
  const u: Record<string, LoggedIn> = {};
  let grid: string;
  let street: string;
  let orgs: { community: number; street: number };
  beforeAll(async () => {
    t = await createTestApp();
    call = caller(t);
    for (const name of [
      'gridworker',
      'community_op',
      'street_op',
      'district_op',
      'mediator',
      'hexi_op',
      'admin',
      'auditor',
    ])
      u[name] = await loginAs(t.app, name);
    grid = (u.gridworker?.regionPaths[0] ?? '').split('/').filter(Boolean).pop() as string;
    street = grid.slice(0, 9).padEnd(12, '0');
    const list = await call(u.street_op as LoggedIn, 'GET', '/api/v1/mediation-orgs?kind=neighbour');
    const find = (type: string) =>
      list.body.items.find((o: { type: string }) => o.type === type).id as number;
    orgs = { community: find('people_community'), street: find('people_street') };
  });
  afterAll(() => t.close());

  const act = (who: string, id: number, action: string, payload: object = {}) =>
    call(u[who] as LoggedIn, 'POST', `/api/v1/disputes/${id}/actions`, { action, payload });
  const mediators = async (org: number) =>
    (await call(u.street_op as LoggedIn, 'GET', `/api/v1/mediation-orgs/${org}/mediators`)).body.items as {
      id: number;
    }[];

  it('runs a dispute from screening to follow-up, and a referred one, and the street’s figures follow', async () => {
    const before = await call(
      u.street_op as LoggedIn,
      'GET',
      `/api/v1/disputes-figures?region=${street}&from=${thisMonth()}&to=${thisMonth()}`,
    );
    const base = before.body.items[0];

    // found by the grid worker: repeated conflict raises the priority
    const made = await call(u.gridworker as LoggedIn, 'POST', '/api/v1/disputes', newDispute(grid));
    expect(made.body).toMatchObject({ priority: 'high' });
    expect(made.status).toBe(201);
    const id = made.body.caseId as number;
    const detail = await call(u.gridworker as LoggedIn, 'GET', `/api/v1/disputes/${id}`);
    expect(detail.body).toMatchObject({ status: 'screened', type: 'neighbour', isGroup: false });
    expect(JSON.stringify(detail.body)).not.toContain(A.name);
    expect(JSON.stringify(detail.body)).not.toContain(A.phone);
    const [pa, pb] = detail.body.parties as { id: number; personId: number }[];

    // outside the scope: not found, dispute and party alike; inside, a reveal is audited
    expect((await call(u.hexi_op as LoggedIn, 'GET', `/api/v1/disputes/${id}`)).status).toBe(404);
    expect(
      (
        await call(u.hexi_op as LoggedIn, 'POST', `/api/v1/persons/${pa?.personId}/reveal`, {
          reason: '核实',
        })
      ).status,
    ).toBe(404);
    const revealed = await call(u.street_op as LoggedIn, 'POST', `/api/v1/persons/${pa?.personId}/reveal`, {
      reason: '调解需要联系当事人',
    });
    expect(revealed.body).toMatchObject({ name: A.name, phone: A.phone, masked: false });
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('reason')
      .where('action', '=', 'person.reveal')
      .where('object_id', '=', String(pa?.personId))
      .execute();
    expect(audit.map((a) => a.reason)).toContain('调解需要联系当事人');

    // a mediator related to a party cannot be assigned
    const [c1, c2] = await mediators(orgs.community);
    const conflictRes = await call(
      u.district_op as LoggedIn,
      'POST',
      `/api/v1/mediators/${c1?.id}/conflicts`,
      { phone: B.phone, note: '系被申请人亲属' },
    );
    expect(conflictRes.status).toBe(201);
    const suggested = await call(
      u.community_op as LoggedIn,
      'GET',
      `/api/v1/disputes/${id}/mediator-suggestions`,
    );
    expect(suggested.body.items.find((s: { id: number }) => s.id === c1?.id)).toMatchObject({
      conflicted: true,
      assignable: false,
    });
    const refused = await act('community_op', id, 'assign', { orgId: orgs.community, mediatorIds: [c1?.id] });
    expect(refused.status).toBe(409);
    expect(refused.body.errors[0].field).toBe('body.payload.mediatorIds');
    expect((await call(u.community_op as LoggedIn, 'GET', `/api/v1/disputes/${id}`)).body.status).toBe(
      'screened',
    );

    // the community committee takes it and fails; the street committee mediates in two sessions
    expect(
      (await act('community_op', id, 'assign', { orgId: orgs.community, mediatorIds: [c2?.id] })).body.status,
    ).toBe('assigned');
    expect((await act('mediator', id, 'accept')).body.status).toBe('mediating');
    const passed = await act('mediator', id, 'fail', {
      to: 'mediation',
      where: '街道人民调解委员会',
      orgId: orgs.street,
    });
    expect(passed.body.status).toBe('assigned');
    const [s1] = await mediators(orgs.street);
    expect((await act('mediator', id, 'accept', { mediatorIds: [s1?.id] })).body.status).toBe('mediating');
    const soon = new Date(Date.now() + 86_400_000).toISOString();
    for (const [i, where] of [
      [1, { place: '街道矛调中心调解室' }],
      [2, { onlineLink: 'https://meet.example.org/m1' }],
    ] as const) {
      expect((await act('mediator', id, 'schedule_session', { at: soon, ...where })).status).toBe(200);
      const session = (await call(u.mediator as LoggedIn, 'GET', `/api/v1/disputes/${id}`)).body.sessions[
        i - 1
      ];
      expect(
        (
          await act('mediator', id, 'record_session', {
            sessionId: session.id,
            attended: [pa?.id, pb?.id],
            record: `第${i}次调解笔录：双方陈述意见`,
          })
        ).status,
      ).toBe(200);
    }
    const performBy = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    expect(
      (
        await act('mediator', id, 'draft_agreement', {
          facts: '装修噪音与漏水造成楼下损失',
          terms: '被申请人赔偿申请人修缮费3000元',
          performance: '银行转账一次性支付',
          performBy,
        })
      ).status,
    ).toBe(200);

    // the agreement as a real Word document, naming the parties (an audited reveal)
    const docx = await t.app.inject({
      method: 'GET',
      url: `/api/v1/disputes/${id}/agreement.docx`,
      headers: u.mediator?.headers,
    });
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    const xml = new PizZip(docx.rawPayload).file('word/document.xml')?.asText() ?? '';
    const text = xml.replace(/<[^>]+>/g, '');
    for (const s of [
      '人民调解协议书',
      A.name,
      B.idNumber,
      '被申请人赔偿申请人修缮费3000元',
      '银行转账一次性支付',
      performBy,
      '三十日内',
    ])
      expect(text).toContain(s);

    // no judicial confirmation before every party confirmed
    expect((await act('street_op', id, 'judicial_apply', { court: '和平区人民法院' })).status).toBe(409);

    // both parties online through their secret links: the other's data never shown
    await partiesConfirmOnline(call, u.mediator as LoggedIn, id, [pa?.id as number, pb?.id as number]);

    // judicial confirmation within 30 days: countdown, application pack, the court's answer
    const agreed = await call(u.street_op as LoggedIn, 'GET', `/api/v1/disputes/${id}`);
    expect(agreed.body.agreement).toMatchObject({ judicialDaysLeft: 30, judicialReminder: false });
    expect(agreed.body.evidence).toHaveLength(1);
    expect((await act('street_op', id, 'judicial_apply', { court: '和平区人民法院' })).status).toBe(200);
    const pack = await t.app.inject({
      method: 'GET',
      url: `/api/v1/disputes/${id}/judicial-application.docx`,
      headers: u.street_op?.headers,
    });
    expect(new PizZip(pack.rawPayload).file('word/document.xml')?.asText()).toContain('和平区人民法院');
    expect((await act('street_op', id, 'judicial_answer', { answer: 'granted' })).status).toBe(200);
    expect((await act('mediator', id, 'perform', { status: 'performed' })).status).toBe(200);
    const closed = await act('street_op', id, 'close');
    expect(closed.body.status).toBe('closed');
    // no session for a closed mediation
    const late = await act('mediator', id, 'schedule_session', { at: soon, place: '调解室' });
    expect(late.status).toBe(409);
    // closing the dispute closed its case; the follow-up visit is due and offered
    const toVisit = await call(u.community_op as LoggedIn, 'GET', `/api/v1/disputes/${id}`);
    expect(toVisit.body.followUpDueAt).not.toBeNull();
    expect(toVisit.body.allowedActions).toEqual(['perform', 'follow_up']);
    expect((await call(u.street_op as LoggedIn, 'GET', `/api/v1/cases/${id}`)).body.status).toBe('closed');
    expect(
      (await act('community_op', id, 'follow_up', { note: '回访：已履行，双方满意', satisfied: true }))
        .status,
    ).toBe(200);
    const done = await call(u.street_op as LoggedIn, 'GET', `/api/v1/disputes/${id}`);
    expect(done.body).toMatchObject({
      status: 'closed',
      outcome: 'agreement',
      followUp: { satisfied: true },
    });
    expect(done.body.agreement.judicial).toMatchObject({ court: '和平区人民法院', answer: 'granted' });
    // every step is on the case's history: the mediation's as the kind's actions, the parties' online
    const steps = await t.ctx.db
      .selectFrom('case_action')
      .select('action')
      .where('case_id', '=', id)
      .orderBy('id')
      .execute();
    const names = steps.map((r) => r.action).filter((a) => a.includes('.'));
    expect(names.filter((a) => a.startsWith('dispute.'))).toEqual([
      'dispute.assign',
      'dispute.accept',
      'dispute.fail',
      'dispute.accept',
      'dispute.schedule_session',
      'dispute.record_session',
      'dispute.schedule_session',
      'dispute.record_session',
      'dispute.draft_agreement',
      'dispute.judicial_apply',
      'dispute.judicial_answer',
      'dispute.perform',
      'dispute.close',
      'dispute.follow_up',
    ]);
    expect(names).toContain('mediation.confirm_agreement');

    // another, referred to litigation
    const other = (
      await call(
        u.gridworker as LoggedIn,
        'POST',
        '/api/v1/disputes',
        newDispute(grid, { type: 'contract', violenceSignals: [] }),
      )
    ).body.caseId as number;
    await act('street_op', other, 'assign', { orgId: orgs.street, mediatorIds: [s1?.id] });
    await act('mediator', other, 'accept');
    const referred = await act('mediator', other, 'fail', { to: 'litigation', where: '和平区人民法院' });
    expect(referred.body.status).toBe('referred');
    expect(
      (await call(u.street_op as LoggedIn, 'GET', `/api/v1/disputes/${other}`)).body.referral,
    ).toMatchObject({ to: 'litigation', where: '和平区人民法院' });

    // the street's figures: two more screened, one more resolved
    const after = await call(
      u.street_op as LoggedIn,
      'GET',
      `/api/v1/disputes-figures?region=${street}&from=${thisMonth()}&to=${thisMonth()}`,
    );
    const now = after.body.items[0];
    expect({ screened: now.screened - base.screened, resolved: now.resolved - base.resolved }).toEqual({
      screened: 2,
      resolved: 1,
    });
    expect(now.resolutionRate).toBe(Math.round((now.resolved / now.screened) * 10_000) / 10_000);
    const byOrg = await call(
      u.street_op as LoggedIn,
      'GET',
      `/api/v1/disputes-figures?region=${street}&from=${thisMonth()}&to=${thisMonth()}&by=org`,
    );
    const row = (org: number) => byOrg.body.items.find((i: { key: string }) => i.key === String(org));
    expect(row(orgs.community)).toMatchObject({ mediated: 1, succeeded: 0 });
    expect(row(orgs.street)).toMatchObject({ mediated: 2, succeeded: 1, successRate: 0.5 });
    // the rebuild agrees with what was kept
    expect((await call(u.admin as LoggedIn, 'POST', '/api/v1/disputes-figures/rebuild')).body.differing).toBe(
      0,
    );
    expect((await call(u.street_op as LoggedIn, 'POST', '/api/v1/disputes-figures/rebuild')).status).toBe(
      403,
    );
  });
});
