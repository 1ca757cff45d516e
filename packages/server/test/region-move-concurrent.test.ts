import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIGURES } from '../src/dashboard/domain/rollup-contribution.ts';
import { rebuildRollups } from '../src/dashboard/rollups.ts';
import { act, gridOf, loginAll, neighbourDispute, report, type Users } from './cases-helpers.ts';
import { createTestApp, type TestApp } from './harness.ts';

/** The demo grid's community, its street, and the street it moves to. */
const HUAYUANLU = '120101001001';
const QUANYECHANG = '120101001000';
const XIAOBAILOU = '120101002000';
const CASES = 10;

/**
 * A region move while its cases are being worked: the move and the actions each commit whole,
 * every case ends under the region's new path (none left behind, none moved twice), each action
 * lands once, and the figures kept change by change equal the figures rebuilt from the cases.
 */
describe('a region moves while its cases are worked and new ones reported', () => {
  let t: TestApp;
  let u: Users;
  const ids: number[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    u = await loginAll(t.app);
    for (let i = 0; i < CASES; i++) {
      const res = await report(t.app, u.gridworker, neighbourDispute(gridOf(u.gridworker)));
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.json().id);
    }
    await rebuildRollups(t.ctx.db);
  });
  afterAll(() => t.close());

  const rollupRows = async () =>
    (
      await sql<Record<string, unknown>>`
        select level, region_code, parent_code, to_char(day, 'YYYY-MM-DD') as day, kind, category_code,
          ${sql.raw(FIGURES.map((f) => `${f}::float8 as ${f}`).join(', '))}
        from case_rollup_daily where ${sql.raw(FIGURES.map((f) => `${f} <> 0`).join(' or '))}
        order by city_code, region_code, day, kind, category_code`.execute(t.ctx.db)
    ).rows;

  /** An action, again while the case changed under it (409 names the newer version): each lands once. */
  const settle = async (id: number, action: string, payload: Record<string, unknown>) => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const res = await act(t.app, u.community_op, id, action, payload);
      if (res.statusCode === 200) return;
      expect(res.statusCode, res.body).toBe(409);
    }
    throw new Error(`${action} on case ${id} kept conflicting`);
  };

  it('moves every case once, applies every action once, and keeps the figures exact', async () => {
    const [moved] = await Promise.all([
      t.app.inject({
        method: 'POST',
        url: `/api/v1/regions/${HUAYUANLU}/move`,
        headers: u.admin.headers,
        payload: { parentCode: XIAOBAILOU },
      }),
      ...ids.map(async (id) => {
        await settle(id, 'accept', {});
        await settle(id, 'close', { conclusion: '双方已和解' });
      }),
      ...Array.from({ length: 3 }, () =>
        report(t.app, u.gridworker, neighbourDispute(gridOf(u.gridworker))).then((r) =>
          expect(r.statusCode, r.body).toBe(201),
        ),
      ),
    ]);
    expect(moved.statusCode, moved.body).toBe(200);

    const rows = await t.ctx.db
      .selectFrom('cases')
      .select(['id', 'region_path', 'street_code', 'status'])
      .where('community_code', '=', HUAYUANLU)
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(CASES + 3);
    for (const r of rows) {
      expect(r.region_path, `case ${r.id} (${ids.includes(Number(r.id)) ? 'worked' : 'new'})`).toContain(
        `/${XIAOBAILOU}/${HUAYUANLU}/`,
      );
      expect(r.street_code).toBe(XIAOBAILOU);
    }
    const left = await sql<{ n: number }>`
      select count(*)::int as n from cases where region_path like ${`%/${QUANYECHANG}/${HUAYUANLU}/%`}`.execute(
      t.ctx.db,
    );
    expect(left.rows[0]?.n).toBe(0);

    // every case was accepted and closed exactly once
    const history = await sql<{ case_id: string; action: string; n: number }>`
      select case_id::text, action, count(*)::int as n from case_action
      where case_id in (${sql.join(ids)}) and action in ('accept', 'close')
      group by case_id, action`.execute(t.ctx.db);
    expect(history.rows).toHaveLength(CASES * 2);
    expect(history.rows.every((h) => h.n === 1)).toBe(true);

    const kept = await rollupRows();
    await rebuildRollups(t.ctx.db);
    expect(await rollupRows()).toEqual(kept);
  });
});
