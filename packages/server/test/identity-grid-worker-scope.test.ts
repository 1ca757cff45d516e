import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridOf, report } from './cases-helpers.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { type LoggedIn, loginAs } from './login.ts';

/**
 * A grid worker sees their grid, never the whole community: their post names the community
 * centre they report to, which must not widen what they read, list or are notified of.
 */
let t: TestApp;
let worker: LoggedIn;
let op: LoggedIn;
let mine: string;
let neighbour: string;

const sanitation = (gridCode: string) => ({
  kind: 'request',
  category: 'request.sanitation',
  attributes: {},
  description: '楼道堆放杂物无人清理',
  gridCode,
  channel: 'phone',
});

beforeAll(async () => {
  t = await createTestApp();
  [worker, op] = (await Promise.all([loginAs(t.app, 'gridworker'), loginAs(t.app, 'community_op')])) as [
    LoggedIn,
    LoggedIn,
  ];
  mine = gridOf(worker);
  const grids = (
    await t.app.inject({ url: `/api/v1/regions/${mine.slice(0, 12)}/children`, headers: op.headers })
  ).json().items as { code: string }[];
  neighbour = grids.map((g) => g.code).find((g) => g !== mine) ?? '';
});
afterAll(async () => {
  await t?.close();
});

describe("a grid worker's scope", () => {
  it('reads a case of their own grid and not one of another grid of the same community (404)', async () => {
    expect(neighbour).not.toBe('');
    const own = (await report(t.app, op, { ...sanitation(mine), kind: 'request' })).json();
    const other = (await report(t.app, op, sanitation(neighbour))).json();
    // the community's operator coordinates both
    expect(other.centreUnit.id).toBe(own.centreUnit.id);

    expect((await t.app.inject({ url: `/api/v1/cases/${own.id}`, headers: worker.headers })).statusCode).toBe(
      200,
    );
    const hidden = await t.app.inject({ url: `/api/v1/cases/${other.id}`, headers: worker.headers });
    expect(hidden.statusCode).toBe(404);
    const byNumber = await t.app.inject({ url: `/api/v1/cases/${other.number}`, headers: worker.headers });
    expect(byNumber.statusCode).toBe(404);

    const listed = (await t.app.inject({ url: '/api/v1/cases?limit=100', headers: worker.headers })).json()
      .items as { id: number; gridCode: string }[];
    expect(listed.map((c) => c.id)).toContain(own.id);
    expect(listed.every((c) => c.gridCode === mine)).toBe(true);

    const acting = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${other.id}/actions`,
      headers: worker.headers,
      payload: { action: 'note', clientId: 'gw-note-other', payload: { text: '看看' } },
    });
    expect(acting.statusCode).toBe(404);
  });

  it('is not notified of cases assigned to the community centre outside their grid', async () => {
    const other = (await report(t.app, worker, { ...sanitation(mine) })).json();
    const elsewhere = (
      await report(t.app, op, {
        kind: 'dispute',
        category: 'dispute.neighbour',
        attributes: { parties_count: 2, risk_level: 'low' },
        description: '邻里因停车位发生争执',
        gridCode: neighbour,
        channel: 'phone',
      })
    ).json();
    expect(elsewhere.currentUnit.id).toBe(other.centreUnit.id);
    const seen = async (who: LoggedIn) =>
      (
        (await t.app.inject({ url: '/api/v1/notifications?limit=100', headers: who.headers })).json()
          .items as {
          caseNumber: string;
        }[]
      ).map((n) => n.caseNumber);
    await expect.poll(() => seen(op), { timeout: 20_000 }).toContain(elsewhere.number);
    expect(await seen(worker)).not.toContain(elsewhere.number);
  });
});
