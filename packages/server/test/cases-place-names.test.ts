import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridOf, report } from './cases-helpers.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { type LoggedIn, loginAs } from './login.ts';

/**
 * A case names its street, community and grid (issue 13): the inbox, a search and the case page
 * answer the names next to the codes, as the region tree has them.
 */
let t: TestApp;
let op: LoggedIn;
let grid: string;
let names: { street: string; community: string; grid: string };

const nameOf = async (code: string) =>
  (await t.ctx.db.selectFrom('region').select('name').where('code', '=', code).executeTakeFirstOrThrow())
    .name;

beforeAll(async () => {
  t = await createTestApp();
  const [worker, community] = await Promise.all([
    loginAs(t.app, 'gridworker'),
    loginAs(t.app, 'community_op'),
  ]);
  op = community;
  grid = gridOf(worker);
  names = {
    grid: await nameOf(grid),
    community: await nameOf(grid.slice(0, 12)),
    street: await nameOf(`${grid.slice(0, 9)}000`),
  };
});
afterAll(async () => {
  await t?.close();
});

describe('places by name', () => {
  it('names the street, community and grid in the case, the inbox and a search', async () => {
    // a neighbours' dispute stays with the community centre: in its operator's inbox
    const res = await report(t.app, op, {
      kind: 'dispute',
      category: 'dispute.neighbour',
      attributes: { parties_count: 2, risk_level: 'low' },
      description: '邻里因晾晒衣物发生争执（地名）',
      gridCode: grid,
      channel: 'phone',
    });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    const expected = { streetName: names.street, communityName: names.community, gridName: names.grid };
    expect(created).toMatchObject({ gridCode: grid, ...expected });

    const inbox = (await t.app.inject({ url: '/api/v1/cases/inbox?limit=200', headers: op.headers })).json();
    expect(inbox.items.find((c: { id: number }) => c.id === created.id)).toMatchObject(expected);

    const found = (
      await t.app.inject({ url: `/api/v1/cases?q=${created.number}`, headers: op.headers })
    ).json();
    expect(found.items).toHaveLength(1);
    expect(found.items[0]).toMatchObject(expected);
  });
});
