import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller, newDispute, thisMonth } from './disputes-helpers.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { type LoggedIn, loginAs } from './login.ts';

/**
 * The disputes' figures read the level rollup (every region level × month × type / organisation,
 * kept in each dispute action's transaction): every grouping at the city, a district and a street
 * equals the same counts over the disputes' rows, and a rebuild from the rows finds the kept
 * rollups equal — and notices when they are not.
 */
describe('disputes figures from the level rollup', () => {
  let t: TestApp;
  let call: ReturnType<typeof caller>;
  const u: Record<string, LoggedIn> = {};
  let grid: string;
  const region: Record<'city' | 'district' | 'street', string> = { city: '', district: '', street: '' };

  beforeAll(async () => {
    t = await createTestApp();
    call = caller(t);
    for (const name of ['gridworker', 'street_op', 'mediator', 'admin']) u[name] = await loginAs(t.app, name);
    const path = (u.gridworker?.regionPaths[0] ?? '').split('/').filter(Boolean);
    grid = path[path.length - 1] as string;
    [region.city, region.district, region.street] = path as [string, string, string];
    const orgs = await call(u.street_op as LoggedIn, 'GET', '/api/v1/mediation-orgs?kind=neighbour');
    const org = orgs.body.items.find((o: { type: string }) => o.type === 'people_street').id as number;
    const ms = await call(u.street_op as LoggedIn, 'GET', `/api/v1/mediation-orgs/${org}/mediators`);
    const mediatorIds = [ms.body.items[0].id as number];
    const act = (id: number, action: string, payload: object = {}) =>
      call(
        u[action === 'assign' ? 'street_op' : 'mediator'] as LoggedIn,
        'POST',
        `/api/v1/cases/${id}/actions`,
        {
          action: `dispute.${action}`,
          clientId: `${id}-${action}`,
          payload,
        },
      );
    // four disputes of three types: one screened only, one accepted, two failed and referred
    for (const [i, type] of ['neighbour', 'family', 'neighbour', 'property_management'].entries()) {
      const made = await call(
        u.gridworker as LoggedIn,
        'POST',
        '/api/v1/disputes',
        newDispute(grid, { type }),
      );
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      const id = made.body.caseId as number;
      if (i === 0) continue;
      expect((await act(id, 'assign', { orgId: org, mediatorIds })).status).toBe(200);
      expect((await act(id, 'accept')).status).toBe(200);
      if (i === 1) continue;
      const failed = await act(id, 'fail', { to: 'litigation', where: '和平区人民法院' });
      expect(failed.status, JSON.stringify(failed.body)).toBe(200);
    }
  });
  afterAll(() => t.close());

  const figures = async (code: string, by: string) => {
    const r = await call(
      u.admin as LoggedIn,
      'GET',
      `/api/v1/disputes-figures?region=${code}&from=2000-01&to=2999-12&by=${by}`,
    );
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return Object.fromEntries(
      r.body.items.map((i: { key: string; screened: number; resolved: number; mediated: number }) => [
        i.key,
        { screened: i.screened, resolved: i.resolved, mediated: i.mediated },
      ]),
    );
  };
  /** The same figures counted over the disputes' rows (mediated: the current mediation and failed ones). */
  const counted = async (where: string, key: string) => {
    const rows = await sql<{ key: string; screened: number; resolved: number; mediated: number }>`
      select ${sql.raw(key)} as key, count(*)::int as screened,
        (count(*) filter (where outcome = 'agreement'))::int as resolved,
        (count(*) filter (where outcome is not null) + coalesce(sum(jsonb_array_length(failed_orgs)), 0))::int as mediated
      from dispute where ${sql.raw(where)} group by 1`.execute(t.ctx.db);
    return Object.fromEntries(rows.rows.map(({ key, ...f }) => [String(key), f]));
  };

  it('gives each grouping at the city, a district and a street what the rows count', async () => {
    const levels = [
      ['city', `city_code = '${region.city}'`],
      ['district', `district_code = '${region.district}'`],
      ['street', `street_code = '${region.street}'`],
    ] as const;
    for (const [level, where] of levels) {
      const code = region[level];
      expect(await figures(code, 'total'), level).toEqual(await counted(where, `'total'`));
      expect(await figures(code, 'type'), level).toEqual(await counted(where, 'type'));
      expect(await figures(code, 'district'), level).toEqual(await counted(where, 'district_code'));
      expect(await figures(code, 'street'), level).toEqual(await counted(where, 'street_code'));
    }
    // by organisation, screened counts under the organisation now holding the dispute (0: none)
    const byOrg = await figures(region.street, 'org');
    const held = await counted(`street_code = '${region.street}'`, 'coalesce(org_id, 0)::text');
    for (const [org, f] of Object.entries(held)) expect(byOrg[org]?.screened, org).toBe(f.screened);
    const month = await call(
      u.admin as LoggedIn,
      'GET',
      `/api/v1/disputes-figures?region=${region.street}&from=${thisMonth()}&to=${thisMonth()}`,
    );
    expect(month.body.items[0].screened).toBeGreaterThanOrEqual(4);
  });

  it('is rebuilt equal from the rows, and a rebuild notices and mends a wrong row', async () => {
    const rebuild = () => call(u.admin as LoggedIn, 'POST', '/api/v1/disputes-figures/rebuild');
    expect((await rebuild()).body.differing).toBe(0);
    const before = await figures(region.city, 'total');
    await sql`update dispute_figure_rollup set screened = screened + 5
      where region_code = ${region.street} and type = '*' and org_id = -1 and month = ${thisMonth()}`.execute(
      t.ctx.db,
    );
    await sql`update dispute_mediator_rollup set mediated = mediated + 1
      where mediator_id = (select min(mediator_id) from dispute_mediator_rollup)`.execute(t.ctx.db);
    expect((await rebuild()).body.differing).toBe(2);
    expect((await rebuild()).body.differing).toBe(0);
    expect(await figures(region.city, 'total')).toEqual(before);
  });
});
