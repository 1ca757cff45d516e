import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEXI } from '../src/identity/seed.ts';
import { caller, newDispute } from './disputes-helpers.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { type LoggedIn, loginAs } from './login.ts';

/**
 * The disputes inbox: open disputes before closed ones, most urgent first, then newest, with a
 * total counted up to 10,000. And a street moved to another district takes its disputes along:
 * the new district's inbox, ledger scope and figures have them, the old district's do not, and the
 * figures still equal their rows.
 */
describe('disputes inbox order and region moves', () => {
  let t: TestApp;
  let call: ReturnType<typeof caller>;
  const u: Record<string, LoggedIn> = {};
  let grid: string;
  let district: string;
  let street: string;
  const made: Record<string, number> = {};

  const act = (who: LoggedIn, id: number, action: string, payload: object = {}) =>
    call(who, 'POST', `/api/v1/cases/${id}/actions`, {
      action: `dispute.${action}`,
      clientId: `${id}-${action}`,
      payload,
    });
  const inbox = async (who: LoggedIn, query: string) => {
    const r = await call(who, 'GET', `/api/v1/disputes?limit=200&${query}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as {
      items: { caseId: number; status: string; priority: string }[];
      total: number;
      totalCapped: boolean;
    };
  };

  beforeAll(async () => {
    t = await createTestApp();
    call = caller(t);
    for (const name of ['gridworker', 'street_op', 'mediator', 'admin']) u[name] = await loginAs(t.app, name);
    const path = (u.gridworker?.regionPaths[0] ?? '').split('/').filter(Boolean);
    [, district, street] = path as [string, string, string];
    grid = path.at(-1) as string;
    const register = async (name: string, over: Record<string, unknown>) => {
      const r = await call(u.gridworker as LoggedIn, 'POST', '/api/v1/disputes', newDispute(grid, over));
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      made[name] = r.body.caseId as number;
    };
    // registered in this order: the newest is the last; priorities low, urgent, normal, high
    await register('low', { riskLevel: 'low', violenceSignals: [] });
    await register('urgent', { violenceSignals: ['threats'] });
    await register('normal', { riskLevel: 'medium', violenceSignals: [] });
    await register('high', { riskLevel: 'high', violenceSignals: [] });
    await register('closedUrgent', { violenceSignals: ['weapons'] });
    // the urgent one with weapons is mediated, fails, is referred to the court and closed
    const orgs = await call(u.street_op as LoggedIn, 'GET', '/api/v1/mediation-orgs?kind=neighbour');
    const org = orgs.body.items.find((o: { type: string }) => o.type === 'people_street').id as number;
    const ms = await call(u.street_op as LoggedIn, 'GET', `/api/v1/mediation-orgs/${org}/mediators`);
    const id = made.closedUrgent as number;
    const steps: [LoggedIn, string, object][] = [
      [u.street_op as LoggedIn, 'assign', { orgId: org, mediatorIds: [ms.body.items[0].id] }],
      [u.mediator as LoggedIn, 'accept', {}],
      [u.mediator as LoggedIn, 'fail', { to: 'litigation', where: '和平区人民法院' }],
      [u.mediator as LoggedIn, 'close', { note: '已转诉讼' }],
    ];
    for (const [who, action, payload] of steps) {
      const r = await act(who, id, action, payload);
      expect(r.status, `${action} ${JSON.stringify(r.body)}`).toBe(200);
    }
  });
  afterAll(() => t.close());

  it('lists open disputes most urgent first and newest first within a priority, closed ones last', async () => {
    for (const [who, query] of [
      [u.admin, ''],
      [u.admin, `region=${district}`],
      [u.street_op, `region=${street}`],
    ] as const) {
      const list = await inbox(who as LoggedIn, query);
      const ours = list.items.filter((d) => Object.values(made).includes(d.caseId)).map((d) => d.caseId);
      expect(ours, query).toEqual([made.urgent, made.high, made.normal, made.low, made.closedUrgent]);
      const rank = (d: { status: string; priority: string }) =>
        d.status === 'closed' ? 4 : ['urgent', 'high', 'normal'].indexOf(d.priority) + 1 || 4;
      const ranks = list.items.map(rank);
      expect(ranks, query).toEqual([...ranks].sort((a, b) => a - b));
      expect(list.total).toBe(list.items.length);
      expect(list.totalCapped).toBe(false);
    }
  });

  it('moves a street’s disputes with it to another district: inbox, codes and figures follow', async () => {
    const before = await call(u.admin as LoggedIn, 'GET', `/api/v1/disputes?region=${HEXI}&limit=200`);
    expect(before.body.items.map((d: { caseId: number }) => d.caseId)).not.toContain(made.low);
    const moved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/regions/${street}/move`,
      headers: u.admin?.headers ?? {},
      payload: { parentCode: HEXI },
    });
    expect(moved.statusCode, moved.body).toBe(200);

    const inHexi = (await inbox(u.admin as LoggedIn, `region=${HEXI}`)).items.map((d) => d.caseId);
    const inOld = (await inbox(u.admin as LoggedIn, `region=${district}`)).items.map((d) => d.caseId);
    for (const id of Object.values(made)) {
      expect(inHexi).toContain(id);
      expect(inOld).not.toContain(id);
    }
    const rows = await sql<{ district_code: string; street_code: string; region_path: string }>`
      select district_code, street_code, region_path from dispute where case_id = ${made.low}`.execute(
      t.ctx.db,
    );
    expect(rows.rows[0]).toMatchObject({ district_code: HEXI, street_code: street });
    expect(
      rows.rows[0]?.region_path.startsWith(`${rows.rows[0]?.region_path.split('/')[0]}/${HEXI}/${street}/`),
    ).toBe(true);

    // the figures: the street is one of 河西's streets now, with all five of its disputes
    const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    const byStreet = async (d: string) =>
      (
        await call(
          u.admin as LoggedIn,
          'GET',
          `/api/v1/disputes-figures?region=${d}&from=${month}&to=${month}&by=street`,
        )
      ).body.items as { key: string; screened: number }[];
    expect((await byStreet(HEXI)).find((f) => f.key === street)?.screened).toBe(5);
    expect((await byStreet(district)).find((f) => f.key === street)).toBeUndefined();
    const rebuilt = await call(u.admin as LoggedIn, 'POST', '/api/v1/disputes-figures/rebuild');
    expect(rebuilt.status).toBe(200);
    expect(rebuilt.body.differing).toBe(0);
  });
});
