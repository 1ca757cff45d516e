import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIGURES } from '../src/dashboard/domain/rollup-contribution.ts';
import { rebuildRollups } from '../src/dashboard/rollups.ts';
import { CITY, HEPING, HEXI } from '../src/identity/seed.ts';
import { act, gridOf, loginAll, neighbourDispute, read, report, type Users } from './cases-helpers.ts';
import { createTestApp, type TestApp } from './harness.ts';

/** The demo grid's street and community, another street of 和平区. */
const QUANYECHANG = '120101001000';
const HUAYUANLU = '120101001001';
const XIAOBAILOU = '120101002000';

/**
 * Figures through the whole life of a case, through the API: every rating a resident gives
 * counts (rate → reopen → rate again), and a region move carries its cases' figures to the new
 * ancestors. After each, the rollups kept change by change equal the rollups rebuilt from the cases.
 */
describe('rollups stay exact through re-rating and region moves', () => {
  let t: TestApp;
  let u: Users;
  let caseId: number;
  beforeAll(async () => {
    t = await createTestApp();
    u = await loginAll(t.app);
    await rebuildRollups(t.ctx.db); // start from rollups that match whatever the demo seeded
  });
  afterAll(() => t.close());

  const ok = (res: { statusCode: number; body: string }, status = 200) => {
    expect(res.statusCode, res.body).toBe(status);
    return JSON.parse(res.body);
  };
  const rollupRows = async () =>
    (
      await sql<Record<string, unknown>>`
        select level, region_code, parent_code, to_char(day, 'YYYY-MM-DD') as day, kind, category_code,
          ${sql.raw(FIGURES.map((f) => `${f}::float8 as ${f}`).join(', '))}
        from case_rollup_daily where ${sql.raw(FIGURES.map((f) => `${f} <> 0`).join(' or '))}
        order by city_code, region_code, day, kind, category_code`.execute(t.ctx.db)
    ).rows;
  const expectKeptEqualsRebuilt = async () => {
    const kept = await rollupRows();
    await rebuildRollups(t.ctx.db);
    expect(await rollupRows()).toEqual(kept);
  };
  /** A region's totals over all days (kind and category '*'). */
  const totals = async (region: string) =>
    (
      await sql<{ received: number; satisfied: number; unsatisfied: number }>`
        select coalesce(sum(received), 0)::int as received, coalesce(sum(satisfied), 0)::int as satisfied,
          coalesce(sum(unsatisfied), 0)::int as unsatisfied
        from case_rollup_daily where region_code = ${region} and kind = '*'`.execute(t.ctx.db)
    ).rows[0] as { received: number; satisfied: number; unsatisfied: number };

  it('counts every rating: rated unsatisfied, reopened and rated satisfied counts one of each', async () => {
    const before = await totals(CITY);
    caseId = ok(await report(t.app, u.gridworker, neighbourDispute(gridOf(u.gridworker))), 201).id;
    ok(await act(t.app, u.community_op, caseId, 'accept'));
    ok(await act(t.app, u.community_op, caseId, 'close', { conclusion: '双方已和解' }));
    ok(await act(t.app, u.gridworker, caseId, 'rate', { rating: 'unsatisfied', comment: '漏水仍在' }));
    await expectKeptEqualsRebuilt();
    const reopened = ok(await act(t.app, u.gridworker, caseId, 'reopen', { reason: '问题反弹' }));
    expect(reopened).toMatchObject({
      rating: null,
      ratingsGiven: { satisfied: 0, basicallySatisfied: 0, unsatisfied: 1 },
    });
    await expectKeptEqualsRebuilt();
    // the reopened case still counts its unsatisfied rating
    expect(await totals(CITY)).toEqual({
      received: before.received + 1,
      satisfied: before.satisfied,
      unsatisfied: before.unsatisfied + 1,
    });
    ok(await act(t.app, u.community_op, caseId, 'close', { conclusion: '已修复漏水' }));
    const rerated = ok(await act(t.app, u.gridworker, caseId, 'rate', { rating: 'satisfied' }));
    expect(rerated).toMatchObject({
      rating: 'satisfied',
      ratingsGiven: { satisfied: 1, basicallySatisfied: 0, unsatisfied: 1 },
    });
    const rates = rerated.history.filter((h: { action: string }) => h.action === 'rate');
    expect(rates.map((h: { payload: { rating: string } }) => h.payload.rating)).toEqual([
      'unsatisfied',
      'satisfied',
    ]);
    await expectKeptEqualsRebuilt();
    expect(await totals(CITY)).toEqual({
      received: before.received + 1,
      satisfied: before.satisfied + 1,
      unsatisfied: before.unsatisfied + 1,
    });
  });

  it('moving a community to another street moves its cases’ street and their figures with them', async () => {
    const oldStreet = await totals(QUANYECHANG);
    const newStreet = await totals(XIAOBAILOU);
    const community = await totals(HUAYUANLU);
    expect(community.received).toBeGreaterThan(0);
    ok(
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/regions/${HUAYUANLU}/move`,
        headers: u.admin.headers,
        payload: { parentCode: XIAOBAILOU },
      }),
    );
    const moved = ok(await read(t.app, u.admin, caseId));
    expect(moved.region).toMatchObject({
      districtCode: HEPING,
      streetCode: XIAOBAILOU,
      communityCode: HUAYUANLU,
    });
    await expectKeptEqualsRebuilt();
    expect(await totals(XIAOBAILOU)).toEqual({
      received: newStreet.received + community.received,
      satisfied: newStreet.satisfied + community.satisfied,
      unsatisfied: newStreet.unsatisfied + community.unsatisfied,
    });
    expect((await totals(QUANYECHANG)).received).toBe(oldStreet.received - community.received);
    expect(await totals(HUAYUANLU)).toEqual(community);
  });

  it('moving a street to another district moves its cases’ district and their figures', async () => {
    const heping = await totals(HEPING);
    const hexi = await totals(HEXI);
    const street = await totals(XIAOBAILOU);
    ok(
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/regions/${XIAOBAILOU}/move`,
        headers: u.admin.headers,
        payload: { parentCode: HEXI },
      }),
    );
    const moved = ok(await read(t.app, u.admin, caseId));
    expect(moved.region).toMatchObject({ districtCode: HEXI, streetCode: XIAOBAILOU });
    expect(moved.region.path.startsWith(`${CITY}/${HEXI}/${XIAOBAILOU}/`)).toBe(true);
    await expectKeptEqualsRebuilt();
    expect((await totals(HEXI)).received).toBe(hexi.received + street.received);
    expect((await totals(HEPING)).received).toBe(heping.received - street.received);
  });
});
