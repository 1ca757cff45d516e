import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.ts';
import { answers, api, photo } from './inspections-helpers.ts';
import { type LoggedIn, loginAs } from './login.ts';

/**
 * The issue's scenario through the API: a campaign over 和平区's small venues; an inspector fails
 * two items of a restaurant with photos; one hazard is fixed and passes its re-check, the other
 * goes overdue (red card); the same item fails again next month (recurrence); the board, its rows,
 * the ledger and the risk map agree.
 */
describe('inspections scenario', () => {
  let t: TestApp;
  let call: ReturnType<typeof api>;
  const u = {} as Record<'inspector' | 'gridworker' | 'district_op' | 'admin' | 'hexi_op', LoggedIn>;
  let restaurant: { id: number; riskTier: string };
  let checklist: { id: number; title?: string; items: { code: string; answerType: string; min?: number }[] };
  let campaignId: number;
  let hazards: { id: number; itemCode: string; caseNumber: string | null; deadlineAt: string }[];
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    call = api(t);
    for (const name of ['inspector', 'gridworker', 'district_op', 'admin', 'hexi_op'] as const)
      u[name] = await loginAs(t.app, name);
  });
  afterAll(() => t?.close());

  it('has the small-venue checklist with twelve items, each with its legal basis', async () => {
    const r = await call(u.inspector, 'GET', '/api/v1/checklists?placeType=small_venue');
    expect(r.status).toBe(200);
    checklist = r.body.items[0];
    expect(checklist.items).toHaveLength(12);
    expect(r.body.items[0].items.every((i: { legalBasis: string }) => i.legalBasis.length > 0)).toBe(true);
  });

  it('finds the demo restaurant in 和平区, but 河西区 does not', async () => {
    const r = await call(
      u.inspector,
      'GET',
      `/api/v1/places?type=restaurant&q=${encodeURIComponent('小餐馆')}`,
    );
    expect(r.body.total).toBe(1);
    restaurant = r.body.items[0];
    expect((await call(u.hexi_op, 'GET', `/api/v1/places/${restaurant.id}`)).status).toBe(404);
  });

  it('starts a campaign whose board counts the small venues due', async () => {
    const r = await call(u.district_op, 'POST', '/api/v1/campaigns', {
      name: '三小场所百日攻坚',
      regionCode: '120101000000',
      placeTypes: ['shop', 'restaurant', 'workshop'],
      startsOn: day(-1),
      endsOn: day(100),
      targetCoverage: 1,
      targetFixed: 0.9,
    });
    expect(r.status).toBe(201);
    campaignId = r.body.id;
    const board = await call(u.district_op, 'GET', `/api/v1/campaigns/${campaignId}/board`);
    expect(board.body.total).toMatchObject({ due: 3, visited: 0, found: 0 });
  });

  it('refuses a failed item without its photo and a checklist of another place type, changing nothing', async () => {
    const noPhoto = answers(checklist.items, ['sv.exits']).map((a) =>
      a.itemCode === 'sv.exits' ? { itemCode: a.itemCode, outcome: 'fail' } : a,
    );
    const r = await call(u.inspector, 'POST', '/api/v1/inspections', {
      placeId: restaurant.id,
      templateId: checklist.id,
      answers: noPhoto,
    });
    expect(r.status).toBe(422);
    expect(r.body.errors[0].field).toMatch(/^body\.answers\.\d+\.photos$/);
    const rental = (await call(u.inspector, 'GET', '/api/v1/checklists?placeType=rental')).body.items[0];
    const wrong = await call(u.inspector, 'POST', '/api/v1/inspections', {
      placeId: restaurant.id,
      templateId: rental.id,
      answers: answers(rental.items, []),
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0].field).toBe('body.templateId');
    expect((await call(u.inspector, 'GET', `/api/v1/places/${restaurant.id}`)).body.inspections).toHaveLength(
      0,
    );
  });

  it('records a visit failing two items: two hazards open with deadlines and cases', async () => {
    const r = await call(u.inspector, 'POST', '/api/v1/inspections', {
      placeId: restaurant.id,
      templateId: checklist.id,
      campaignId,
      location: { lon: 117.2, lat: 39.12 },
      personMet: { name: '张老板', phone: '13812345678' },
      answers: answers(checklist.items, ['sv.exits', 'sv.windows']),
    });
    expect({ status: r.status, body: r.status === 201 ? null : r.body }).toEqual({ status: 201, body: null });
    expect(r.body.failed).toBe(2);
    expect(r.body.personMet.name).not.toBe('张老板');
    hazards = r.body.hazards;
    expect(hazards.map((h) => h.itemCode).sort()).toEqual(['sv.exits', 'sv.windows']);
    for (const h of hazards) expect(h.caseNumber).toBeTruthy();
    const page = await call(u.inspector, 'GET', `/api/v1/places/${restaurant.id}`);
    expect(page.body.hazards).toHaveLength(2);
    expect(page.body.place.lastInspectedAt).not.toBeNull();
  });

  it('each hazard is a case of kind hazard, routed like any case, the hazard shown as its kindData', async () => {
    for (const h of hazards) {
      const c = await call(u.inspector, 'GET', `/api/v1/cases/${h.caseNumber}`);
      expect(c.status).toBe(200);
      expect(c.body).toMatchObject({
        kind: 'hazard',
        status: expect.stringMatching(/^(reported|dispatched)$/),
      });
      expect(c.body.kindData).toMatchObject({ hazardId: h.id, itemCode: h.itemCode, status: 'open' });
    }
  });

  it('one hazard is fixed and passes its re-check; only an inspector of the area re-checks', async () => {
    const h = hazards.find((x) => x.itemCode === 'sv.windows') as (typeof hazards)[number];
    expect(
      (await call(u.hexi_op, 'POST', `/api/v1/hazards/${h.id}/recheck`, { result: 'pass', note: 'ok' }))
        .status,
    ).toBe(404);
    const fixed = await call(u.gridworker, 'POST', `/api/v1/hazards/${h.id}/rectify`, {
      note: '已拆除防盗网',
      photos: [photo()],
    });
    expect(fixed.status).toBe(200);
    expect(fixed.body.status).toBe('rectified');
    const kase = await call(u.gridworker, 'GET', `/api/v1/cases/${h.caseNumber}`);
    expect(kase.body.status).toBe('resolved');
    // verification is the inspector's re-check, not the core verify_pass
    const verify = await call(u.gridworker, 'POST', `/api/v1/cases/${kase.body.id}/actions`, {
      action: 'verify_pass',
      clientId: 'scenario-verify',
    });
    expect(verify.status).toBe(409);
    expect(
      (await call(u.gridworker, 'POST', `/api/v1/hazards/${h.id}/recheck`, { result: 'pass', note: 'ok' }))
        .status,
    ).toBe(403);
    const passed = await call(u.inspector, 'POST', `/api/v1/hazards/${h.id}/recheck`, {
      result: 'pass',
      note: '复查合格',
    });
    expect(passed.body.status).toBe('closed');
    expect((await call(u.inspector, 'GET', `/api/v1/cases/${h.caseNumber}`)).body).toMatchObject({
      status: 'closed',
      kindData: { status: 'closed' },
    });
    const late = await call(u.gridworker, 'POST', `/api/v1/hazards/${h.id}/rectify`, {
      note: 'again',
      photos: [photo()],
    });
    expect(late.status).toBe(409);
  });

  it('the other goes overdue when the clock passes its deadline, and gets a red card', async () => {
    expect((await call(u.inspector, 'POST', '/api/v1/demo/clock', { advanceHours: 1 })).status).toBe(403);
    expect((await call(u.admin, 'POST', '/api/v1/demo/clock', { advanceHours: 4 * 24 })).status).toBe(200);
    const h = hazards.find((x) => x.itemCode === 'sv.exits') as (typeof hazards)[number];
    const r = await call(u.inspector, 'GET', `/api/v1/hazards/${h.id}`);
    expect(r.body).toMatchObject({ status: 'open', overdue: true, redCard: true });
    expect(r.body.events.map((e: { action: string }) => e.action)).toEqual(['open', 'red_card']);
    const overdue = await call(u.inspector, 'GET', '/api/v1/hazards?overdue=true');
    expect(overdue.body.items.map((x: { id: number }) => x.id)).toContain(h.id);
    expect([overdue.body.total, overdue.body.totalCapped]).toEqual([overdue.body.items.length, false]);
    // the ledger: those still to deal with first, oldest deadline first, then the closed ones;
    // every hazard of the inspector's area counted
    const ledger = (await call(u.inspector, 'GET', '/api/v1/hazards?limit=500')).body;
    const order = ledger.items.map(
      (x: { status: string; deadlineAt: string }) => `${x.status === 'closed' ? 1 : 0} ${x.deadlineAt}`,
    );
    expect(order).toEqual([...order].sort());
    expect(order[0]?.startsWith('0')).toBe(true);
    expect([ledger.total, ledger.totalCapped]).toEqual([ledger.items.length, false]);
  });

  it('every figure on the board equals the count of its rows, for the total and each child', async () => {
    const board = (await call(u.district_op, 'GET', `/api/v1/campaigns/${campaignId}/board`)).body;
    expect(board.total).toMatchObject({ due: 3, visited: 1, found: 2, fixed: 1, overdue: 1 });
    for (const row of [
      board.total,
      ...board.children.filter((c: { due: number; found: number }) => c.due + c.found > 0),
    ])
      for (const figure of ['due', 'visited', 'found', 'fixed', 'overdue']) {
        const rows = await call(
          u.district_op,
          'GET',
          `/api/v1/campaigns/${campaignId}/board/rows?region=${row.code}&figure=${figure}&limit=500`,
        );
        expect({
          figure,
          total: rows.body.total,
          listed: rows.body.places.length + rows.body.hazards.length,
        }).toEqual({ figure, total: row[figure], listed: row[figure] });
      }
  });

  it('the same item failing again next month is a recurrence and raises the place’s risk', async () => {
    await call(u.admin, 'POST', '/api/v1/demo/clock', { advanceHours: 30 * 24 });
    const before = (await call(u.inspector, 'GET', `/api/v1/places/${restaurant.id}`)).body.place;
    const r = await call(u.inspector, 'POST', '/api/v1/inspections', {
      placeId: restaurant.id,
      templateId: checklist.id,
      campaignId,
      answers: answers(checklist.items, ['sv.windows']),
    });
    expect(r.status).toBe(201);
    expect(r.body.hazards[0]).toMatchObject({ itemCode: 'sv.windows', recurrence: true });
    const after = (await call(u.inspector, 'GET', `/api/v1/places/${restaurant.id}`)).body.place;
    expect(after.recurrences).toBe(before.recurrences + 1);
    expect(after.riskTier).toBe(before.riskTier === 'low' ? 'medium' : 'high');
  });

  it('the risk map shows the grid’s open hazards, and the ledger is an Excel workbook with every hazard', async () => {
    const map = await call(u.inspector, 'GET', '/api/v1/risk-map?region=120101000000');
    const grid = (await call(u.inspector, 'GET', `/api/v1/places/${restaurant.id}`)).body.place.gridCode;
    expect(map.body.grids.find((g: { gridCode: string }) => g.gridCode === grid)).toMatchObject({
      openHazards: 2,
      overdueHazards: 1,
    });
    expect(map.body.sources.length).toBeGreaterThan(0);
    const ledger = await t.app.inject({
      method: 'GET',
      url: `/api/v1/campaigns/${campaignId}/ledger`,
      headers: u.district_op.headers,
    });
    expect(ledger.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(ledger.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('隐患 Hazards')?.rowCount).toBe(1 + 3);
  });

  it('a visit in a campaign uses the campaign’s checklist version', async () => {
    const next = await call(u.admin, 'POST', '/api/v1/checklists', {
      placeType: 'small_venue',
      title: checklist.title ?? '三小场所检查表',
      items: checklist.items,
    });
    expect(next.status).toBe(201);
    const pinned = await call(u.district_op, 'POST', '/api/v1/campaigns', {
      name: '三小场所复查',
      regionCode: '120101000000',
      placeTypes: ['restaurant'],
      startsOn: day(-1),
      endsOn: day(100), // the demo clock is a month ahead by now
      targetCoverage: 1,
      targetFixed: 0.9,
      templateId: next.body.id,
    });
    expect(pinned.status).toBe(201);
    const visit = (templateId: number) =>
      call(u.inspector, 'POST', '/api/v1/inspections', {
        placeId: restaurant.id,
        templateId,
        campaignId: pinned.body.id,
        answers: answers(checklist.items, []),
      });
    const old = await visit(checklist.id);
    expect({ status: old.status, field: old.body.errors?.[0]?.field }).toEqual({
      status: 422,
      field: 'body.templateId',
    });
    expect((await visit(next.body.id)).status).toBe(201);
  });

  it('a retired place is not inspected', async () => {
    const retired = await call(u.inspector, 'PATCH', `/api/v1/places/${restaurant.id}`, { retired: true });
    expect(retired.status).toBe(200);
    const r = await call(u.inspector, 'POST', '/api/v1/inspections', {
      placeId: restaurant.id,
      templateId: checklist.id,
      answers: answers(checklist.items, []),
    });
    expect(r.status).toBe(422);
    expect(r.body.errors[0].field).toBe('body.placeId');
  });
});
