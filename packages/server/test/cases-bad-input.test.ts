import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, gridOf, loginAll, neighbourDispute, read, report, type Users } from './cases-helpers.ts';
import { createTestApp, type TestApp } from './harness.ts';

/** Every kind of bad input the issue lists: refused with the field named, and nothing changed. */
describe('cases: bad input', () => {
  let t: TestApp;
  let u: Users;
  let grid: string;
  beforeAll(async () => {
    t = await createTestApp();
    u = await loginAll(t.app);
    grid = gridOf(u.gridworker);
  });
  afterAll(() => t.close());

  const count = async () =>
    Number(
      (
        await t.ctx.db
          .selectFrom('cases')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const fields = (res: { json(): { errors?: { field: string }[] } }) =>
    (res.json().errors ?? []).map((e) => e.field);
  const newCase = async () => {
    const res = await report(t.app, u.gridworker, neighbourDispute(grid));
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; version: number };
  };

  it.each([
    ['an unknown category', { category: 'dispute.aliens' }, 'body.category'],
    ['a category group instead of a category', { category: 'dispute.civil' }, 'body.category'],
    ['a category of another kind', { category: 'request.road' }, 'body.category'],
    ['a missing required attribute', { attributes: { risk_level: 'low' } }, 'body.attributes.parties_count'],
    [
      'an attribute of the wrong type',
      { attributes: { parties_count: 2, risk_level: 42 } },
      'body.attributes.risk_level',
    ],
    [
      'an attribute the category does not have',
      { attributes: { parties_count: 2, risk_level: 'low', colour: 'red' } },
      'body.attributes.colour',
    ],
    [
      'a point outside the city',
      { gridCode: undefined, location: { lon: 2.35, lat: 48.86 } },
      'body.location',
    ],
    ['an unknown grid', { gridCode: '120101001001999' }, 'body.gridCode'],
    ['no place at all', { gridCode: undefined }, 'body.location'],
  ])('intake refuses %s (422) and stores nothing', async (_name, change, field) => {
    const before = await count();
    const res = await report(t.app, u.gridworker, { ...neighbourDispute(grid), ...change });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(fields(res)).toContain(field);
    expect(await count()).toBe(before);
  });

  it('refuses text holding a NUL character with 400 naming the field, storing nothing', async () => {
    const before = await count();
    const bad = await report(t.app, u.gridworker, {
      ...neighbourDispute(grid),
      reporter: { name: '张\u0000三', phone: '13812345678' },
    });
    expect([bad.statusCode, fields(bad)]).toEqual([400, ['body.reporter.name']]);
    expect(await count()).toBe(before);
    const search = await t.app.inject({ url: '/api/v1/cases?q=a%00b', headers: u.gridworker.headers });
    expect([search.statusCode, fields(search)]).toEqual([400, ['query.q']]);
    const byNumber = await t.app.inject({ url: '/api/v1/cases/1201%00', headers: u.gridworker.headers });
    expect([byNumber.statusCode, fields(byNumber)]).toEqual([400, ['params.idOrNumber']]);
  });

  it('refuses a malformed body with 400 naming the field', async () => {
    const res = await report(t.app, u.gridworker, { ...neighbourDispute(grid), channel: 'carrier_pigeon' });
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toContain('body.channel');
  });

  it('refuses a retired category', async () => {
    const retire = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/categories/dispute.land',
      headers: u.admin.headers,
      payload: { retired: true },
    });
    expect(retire.statusCode, retire.body).toBe(200);
    const res = await report(t.app, u.gridworker, { ...neighbourDispute(grid), category: 'dispute.land' });
    expect(res.statusCode).toBe(422);
    expect(fields(res)).toEqual(['body.category']);
  });

  it('refuses an Idempotency-Key replayed with a different body (422), keeping the first case', async () => {
    const first = await report(t.app, u.gridworker, neighbourDispute(grid), 'bad-input-key');
    expect(first.statusCode).toBe(201);
    const before = await count();
    const res = await report(
      t.app,
      u.gridworker,
      { ...neighbourDispute(grid), description: '另一件事' },
      'bad-input-key',
    );
    expect(res.statusCode).toBe(422);
    expect(fields(res)).toEqual(['header.idempotency-key']);
    expect(await count()).toBe(before);
  });

  it('refuses anonymous callers (401)', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/cases', payload: neighbourDispute(grid) });
    expect(res.statusCode).toBe(401);
  });

  it('refuses an action not allowed in the state with 409 and the allowed actions', async () => {
    const c = await newCase();
    expect((await act(t.app, u.community_op, c.id, 'accept')).statusCode).toBe(200);
    const res = await act(t.app, u.community_op, c.id, 'accept');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      status: 'accepted',
      allowedActions: expect.arrayContaining(['dispatch', 'escalate']),
    });
  });

  it('refuses an action not allowed for the role with 403 and what this actor may do', async () => {
    const c = await newCase();
    const res = await act(t.app, u.gridworker, c.id, 'accept');
    expect(res.statusCode).toBe(403);
    expect(res.json().allowedActions).toEqual(expect.arrayContaining(['withdraw', 'handle_on_spot']));
    expect(res.json().allowedActions).not.toContain('accept');
  });

  it('refuses dispatch outside the jurisdiction (422) and the failed action changes nothing', async () => {
    const c = await newCase();
    await act(t.app, u.community_op, c.id, 'accept');
    const before = (await read(t.app, u.community_op, c.id)).json();
    const res = await act(t.app, u.community_op, c.id, 'dispatch', { unitId: u.hexi_op.unitIds[0] });
    expect(res.statusCode).toBe(422);
    expect(fields(res)).toEqual(['body.payload.unitId']);
    const after = (await read(t.app, u.community_op, c.id)).json();
    expect(after.version).toBe(before.version);
    expect(after.history).toHaveLength(before.history.length);
    expect(after.status).toBe('accepted');
  });

  it('refuses escalation past the direct parent level for an ordinary case', async () => {
    const c = await newCase();
    const res = await act(t.app, u.community_op, c.id, 'escalate', {
      reason: '跳级',
      unitId: u.district_op.unitIds[0],
    });
    expect(res.statusCode).toBe(422);
    expect(fields(res)).toEqual(['body.payload.unitId']);
  });

  it('lets an urgent case skip a level', async () => {
    const res = await report(t.app, u.gridworker, { ...neighbourDispute(grid), priority: 'urgent' });
    const skipped = await act(t.app, u.community_op, res.json().id, 'escalate', {
      reason: '紧急',
      unitId: u.district_op.unitIds[0],
    });
    expect(skipped.statusCode, skipped.body).toBe(200);
    expect(skipped.json()).toMatchObject({ level: 'district', status: 'reported' });
  });

  it('refuses a payload missing its reason (400 naming body.payload.reason)', async () => {
    const c = await newCase();
    const res = await act(t.app, u.community_op, c.id, 'reject', {});
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(['body.payload.reason']);
  });

  it('refuses a stale version with 409, the current state and allowed actions', async () => {
    const c = await newCase();
    const res = await act(t.app, u.community_op, c.id, 'accept', {}, { version: c.version + 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      status: 'reported',
      version: c.version,
      allowedActions: expect.arrayContaining(['accept']),
    });
    expect((await read(t.app, u.community_op, c.id)).json().status).toBe('reported');
  });

  it('applies a retried clientId once and returns the same result', async () => {
    const c = await newCase();
    const first = await act(
      t.app,
      u.community_op,
      c.id,
      'note',
      { text: '电话回访' },
      { clientId: 'retry-1' },
    );
    const again = await act(
      t.app,
      u.community_op,
      c.id,
      'note',
      { text: '电话回访' },
      { clientId: 'retry-1' },
    );
    expect(again.statusCode).toBe(200);
    expect(again.json().version).toBe(first.json().version);
    expect(again.json().history.filter((h: { action: string }) => h.action === 'note')).toHaveLength(1);
  });

  it('lets one of two people acting at once win; the other gets 409 with the current state', async () => {
    const c = await newCase();
    const [a, b] = await Promise.all([
      act(t.app, u.community_op, c.id, 'accept', {}, { version: c.version }),
      act(t.app, u.community_op, c.id, 'reject', { reason: '重复' }, { version: c.version }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().status).toMatch(/accepted|rejected/);
    expect((await read(t.app, u.community_op, c.id)).json().history).toHaveLength(2);
  });

  it('refuses a rating by someone who is not the reporter (403)', async () => {
    const res = await report(t.app, u.gridworker, {
      ...neighbourDispute(grid),
      handledOnSpot: { result: '当场调解' },
    });
    expect(res.json().status).toBe('closed');
    const rate = await act(t.app, u.community_op, res.json().id, 'rate', { rating: 'satisfied' });
    expect(rate.statusCode).toBe(403);
  });

  it('refuses on-the-spot handling by anyone but a grid worker of the grid', async () => {
    const res = await report(t.app, u.community_op, {
      ...neighbourDispute(grid),
      channel: 'phone',
      handledOnSpot: { result: '当场调解' },
    });
    expect(res.statusCode).toBe(403);
  });
});
