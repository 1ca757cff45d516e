import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, gridOf, loginAll, neighbourDispute, read, report, type Users } from './cases-helpers.ts';
import { createTestApp, type TestApp } from './harness.ts';

/** The workflow's other paths through the API: routing, dispatch and return, verify fail, clocks, merge. */
describe('cases workflow', () => {
  let t: TestApp;
  let u: Users;
  let grid: string;
  beforeAll(async () => {
    t = await createTestApp();
    u = await loginAll(t.app);
    grid = gridOf(u.gridworker);
  });
  afterAll(() => t.close());

  const ok = (res: { statusCode: number; body: string }, status = 200) => {
    expect(res.statusCode, res.body).toBe(status);
    return JSON.parse(res.body);
  };
  const heating = () => ({
    kind: 'request',
    category: 'request.water_heating',
    description: '暖气不热，室温不到16度',
    gridCode: grid,
    channel: 'phone',
    reporter: { name: '李四', phone: '13900001111' },
  });

  it('routes by category: a heating request goes straight to the district housing department', async () => {
    const c = ok(await report(t.app, u.community_op, heating()), 201);
    expect(c).toMatchObject({ status: 'dispatched', level: 'district' });
    expect(c.currentUnit.id).toBe(u.housing_handler.unitIds[0]);
    expect(c.centreUnit.id).toBe(u.community_op.unitIds[0]);
    expect(c.deadlines.step).toBe('handle');
    const inbox = ok(
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/cases/inbox?step=to_handle',
        headers: u.housing_handler.headers,
      }),
    );
    expect(inbox.items.map((i: { id: number }) => i.id)).toContain(c.id);
  });

  it('a mis-routed case is returned to the coordinating centre; the district centre dispatches it again', async () => {
    const c = ok(await report(t.app, u.community_op, heating()), 201);
    const returned = ok(
      await act(t.app, u.housing_handler, c.id, 'return', { reason: '属供热公司，非住建职责' }),
    );
    expect(returned.status).toBe('accepted');
    expect(returned.currentUnit.id).toBe(u.community_op.unitIds[0]);
    ok(await act(t.app, u.community_op, c.id, 'escalate', { reason: '社区无派遣对象' }));
    ok(await act(t.app, u.street_op, c.id, 'accept'));
    ok(await act(t.app, u.street_op, c.id, 'escalate', { reason: '需区级协调' }));
    ok(await act(t.app, u.district_op, c.id, 'accept'));
    const picker = await t.ctx.services.identity.unitsInJurisdiction(u.district_op.unitIds[0] as number);
    const urban = u.urban_handler.unitIds[0];
    expect(picker.map((p) => p.id)).toContain(urban);
    const dispatched = ok(await act(t.app, u.district_op, c.id, 'dispatch', { unitId: urban }));
    expect(dispatched).toMatchObject({ status: 'dispatched', level: 'district' });
    expect(dispatched.currentUnit.id).toBe(urban);
    expect(ok(await act(t.app, u.urban_handler, c.id, 'start')).status).toBe('handling');
  });

  it('a failed verification sends the case back to the unit that handled it', async () => {
    const c = ok(await report(t.app, u.community_op, heating()), 201);
    ok(await act(t.app, u.housing_handler, c.id, 'start'));
    const resolved = ok(await act(t.app, u.housing_handler, c.id, 'resolve', { result: '已调节阀门' }));
    expect(resolved.currentUnit.id).toBe(u.community_op.unitIds[0]);
    const failed = ok(await act(t.app, u.community_op, c.id, 'verify_fail', { reason: '回访居民仍不热' }));
    expect(failed).toMatchObject({ status: 'handling', resolvedAt: null });
    expect(failed.currentUnit.id).toBe(u.housing_handler.unitIds[0]);
  });

  it('suspension stops the clock and resume moves the deadline on; an extension needs someone else’s approval', async () => {
    const c = ok(await report(t.app, u.community_op, heating()), 201);
    const due0 = new Date(c.deadlines.dueAt).getTime();
    const suspended = ok(await act(t.app, u.community_op, c.id, 'suspend', { reason: '等待司法鉴定' }));
    expect(suspended).toMatchObject({ status: 'suspended' });
    expect(suspended.deadlines.warnAt).toBeNull();
    expect(suspended.allowedActions).not.toContain('resolve');
    const resumed = ok(await act(t.app, u.community_op, c.id, 'resume'));
    expect(resumed.status).toBe('dispatched');
    expect(new Date(resumed.deadlines.dueAt).getTime()).toBeGreaterThanOrEqual(due0);
    ok(await act(t.app, u.housing_handler, c.id, 'request_extension', { hours: 16, reason: '需更换管道' }));
    const again = await act(t.app, u.housing_handler, c.id, 'request_extension', {
      hours: 8,
      reason: '再延',
    });
    expect(again.statusCode).toBe(409);
    const approved = ok(await act(t.app, u.community_op, c.id, 'approve_extension'));
    expect(new Date(approved.deadlines.dueAt).getTime()).toBeGreaterThan(
      new Date(resumed.deadlines.dueAt).getTime(),
    );
    expect(approved.deadlines.pendingExtension).toBeNull();
  });

  it('the reporter withdraws before acceptance, not after', async () => {
    const a = ok(await report(t.app, u.gridworker, neighbourDispute(grid)), 201);
    expect(ok(await act(t.app, u.gridworker, a.id, 'withdraw', { reason: '已自行协商' })).status).toBe(
      'withdrawn',
    );
    const b = ok(await report(t.app, u.gridworker, neighbourDispute(grid)), 201);
    ok(await act(t.app, u.community_op, b.id, 'accept'));
    expect((await act(t.app, u.gridworker, b.id, 'withdraw', {})).statusCode).toBe(409);
  });

  it('copy-notify lets another unit read the case without handing it over', async () => {
    const c = ok(await report(t.app, u.gridworker, neighbourDispute(grid)), 201);
    const copied = ok(
      await act(t.app, u.community_op, c.id, 'copy_notify', {
        unitIds: [u.urban_handler.unitIds[0]],
        note: '涉及市容环境',
      }),
    );
    expect(copied.copies).toHaveLength(1);
    expect(copied.currentUnit.id).toBe(u.community_op.unitIds[0]);
    expect(ok(await read(t.app, u.urban_handler, c.id)).copies).toHaveLength(1);
    // a unit of another district is, to a community centre, a unit that does not exist
    const far = await act(t.app, u.community_op, c.id, 'copy_notify', { unitIds: [u.hexi_op.unitIds[0]] });
    expect(far.statusCode).toBe(422);
  });

  it('merges a duplicate into its original: the duplicate closes as merged, linked on both', async () => {
    const original = ok(await report(t.app, u.gridworker, neighbourDispute(grid)), 201);
    const duplicate = ok(await report(t.app, u.gridworker, neighbourDispute(grid)), 201);
    const merged = ok(await act(t.app, u.community_op, duplicate.id, 'merge', { intoCaseId: original.id }));
    expect(merged).toMatchObject({ status: 'merged', mergedInto: original.id });
    expect(merged.links).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ caseId: original.id, kind: 'merged', direction: 'to' }),
      ]),
    );
    const o = ok(await read(t.app, u.community_op, original.id));
    expect(o.links).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ caseId: duplicate.id, kind: 'merged', direction: 'from' }),
      ]),
    );
    expect(
      (await act(t.app, u.community_op, original.id, 'merge', { intoCaseId: duplicate.id })).statusCode,
    ).toBe(422);
  });

  it('searches the scope with filters and cursor pages, with the total', async () => {
    const first = ok(
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/cases?kind=request&limit=2',
        headers: u.district_op.headers,
      }),
    );
    expect(first.total).toBeGreaterThanOrEqual(4);
    expect(first.items).toHaveLength(2);
    const second = ok(
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/cases?kind=request&limit=2&cursor=${first.nextCursor}`,
        headers: u.district_op.headers,
      }),
    );
    const ids = [...first.items, ...second.items].map((i: { id: number }) => i.id);
    expect(new Set(ids).size).toBe(4);
    const byText = ok(
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/cases?q=${encodeURIComponent('暖气')}`,
        headers: u.district_op.headers,
      }),
    );
    expect(byText.total).toBe(first.total);
    const byStatus = ok(
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/cases?status=merged',
        headers: u.district_op.headers,
      }),
    );
    expect(byStatus.items.every((i: { status: string }) => i.status === 'merged')).toBe(true);
    expect(byStatus.total).toBe(1);
    expect(byStatus.totalCapped).toBe(false);
    const group = ok(
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/cases?category=dispute.civil',
        headers: u.district_op.headers,
      }),
    );
    expect(group.total).toBeGreaterThan(0);
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/v1/cases?cursor=nonsense',
      headers: u.district_op.headers,
    });
    expect(bad.statusCode).toBe(400);
  });

  it('counts a search up to 10,000 and then says there are more, still paging them', async () => {
    await sql`
      insert into cases (city_code, district_code, region_path, number, kind, category_code, attributes, title,
        description, channel, status, level)
      select '120000000000', '120101000000', '120000000000/120101000000/', 'cap-' || n, 'tip', 'tip.other_tip',
        '{}', '线索', '批量线索 ' || n, 'import', 'reported', 'district'
      from generate_series(1, 10001) as n`.execute(t.ctx.db);
    const many = ok(
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/cases?kind=tip&limit=50',
        headers: u.district_op.headers,
      }),
    );
    expect([many.total, many.totalCapped, many.items.length]).toEqual([10_000, true, 50]);
    expect(many.nextCursor).toBeTruthy();
    const elsewhere = ok(
      await t.app.inject({ method: 'GET', url: '/api/v1/cases?kind=tip', headers: u.hexi_op.headers }),
    );
    expect(elsewhere.totalCapped).toBe(false);
  });

  it('concurrent reports are written together: each its own case, number and history', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        report(
          t.app,
          u.gridworker,
          { ...neighbourDispute(grid), description: `并发上报 ${i}` },
          `concurrent-${i}`,
        ),
      ),
    );
    const bodies = results.map((r) => ok(r, 201));
    const numbers = bodies.map((b) => b.number as string);
    expect(new Set(numbers).size).toBe(20);
    const sequences = numbers.map((n) => Number(n.split('-')[2])).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 20 }, (_, i) => (sequences[0] ?? 0) + i));
    expect(bodies.every((b) => b.history.length === 1 && b.history[0].action === 'report')).toBe(true);
    const again = await report(
      t.app,
      u.gridworker,
      { ...neighbourDispute(grid), description: '并发上报 3' },
      'concurrent-3',
    );
    expect(ok(again).id).toBe(bodies[3].id);
  });

  it('a case reads by its number as well as its id', async () => {
    const c = ok(await report(t.app, u.gridworker, neighbourDispute(grid)), 201);
    expect(ok(await read(t.app, u.community_op, c.number)).id).toBe(c.id);
  });
});
