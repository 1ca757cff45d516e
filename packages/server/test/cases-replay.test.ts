import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_STATES } from '../src/cases/domain/state-machine.ts';
import { checkReplay } from '../src/cases/workflow/replay-check.ts';
import { generateCases } from '../src/gen/generate.ts';
import { loadCategories, loadGrids, loadUnits } from '../src/gen/world.ts';
import { act, gridOf, loginAll, neighbourDispute, report, type Users } from './cases-helpers.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { databaseUrlFor } from './pg-admin.ts';

/**
 * A case's state is a fold of its history: every case of a generated city (3,000 cases over a
 * year, every state) and of the workflow driven through the API is rebuilt from case_action alone
 * and equals its stored row. The 100,000-case city: `npm run gen -- --cases 100000` then
 * `npm run replay` (same check, see CONTRIBUTING.md).
 */
describe('replaying history', () => {
  let t: TestApp;
  let u: Users;
  beforeAll(async () => {
    t = await createTestApp();
    u = await loginAll(t.app);
    const grid = gridOf(u.gridworker);
    const ok = async (res: Promise<{ statusCode: number; body: string }>) => {
      const r = await res;
      expect(r.statusCode, r.body).toBeLessThan(300);
      return JSON.parse(r.body);
    };
    // through the API: suspended, merged, rejected, reopened, on-the-spot and routed cases
    const a = await ok(report(t.app, u.gridworker, neighbourDispute(grid)));
    await ok(act(t.app, u.community_op, a.id, 'accept'));
    await ok(act(t.app, u.community_op, a.id, 'suspend', { reason: '等待当事人返回' }));
    const b = await ok(report(t.app, u.gridworker, neighbourDispute(grid)));
    await ok(act(t.app, u.community_op, b.id, 'merge', { intoCaseId: a.id }));
    const c = await ok(report(t.app, u.gridworker, neighbourDispute(grid)));
    await ok(act(t.app, u.community_op, c.id, 'reject', { reason: '不属于受理范围' }));
    // one left waiting for its centre to accept (the generated city has reported cases only when
    // its clock's last hours had reports: none at night)
    expect((await ok(report(t.app, u.gridworker, neighbourDispute(grid)))).status).toBe('reported');
    const d = await ok(report(t.app, u.gridworker, neighbourDispute(grid)));
    for (const [action, payload] of [
      ['accept', {}],
      ['start', {}],
      ['resolve', { result: '已调解' }],
      ['verify_fail', { reason: '仍有噪声' }],
      ['resolve', { result: '再次调解' }],
      ['verify_pass', {}],
      ['reopen', { reason: '问题复发' }],
    ] as const)
      await ok(act(t.app, u.community_op, d.id, action, payload));
    await ok(
      report(t.app, u.gridworker, { ...neighbourDispute(grid), handledOnSpot: { result: '现场劝解' } }),
    );
    await ok(
      report(t.app, u.community_op, {
        kind: 'request',
        category: 'request.water_heating',
        description: '暖气不热',
        gridCode: grid,
        channel: 'phone',
      }),
    );
    // a generated city on the same database: its histories are walked through the state table
    const db = t.ctx.db;
    const name = (await sql<{ n: string }>`select current_database() as n`.execute(db)).rows[0]?.n ?? '';
    const url = process.env.DATABASE_URL;
    await generateCases(
      t.ctx.database,
      { grids: await loadGrids(db), categories: await loadCategories(db), units: await loadUnits(db) },
      {
        cases: 3000,
        years: 1,
        seed: 12,
        batch: 1000,
        now: new Date(),
        ...(url ? { databaseUrl: databaseUrlFor(url, name) } : {}),
      },
    );
  });
  afterAll(() => t.close());

  it('rebuilds every case, in every state, from its history alone and finds the stored row', async () => {
    const r = await checkReplay(t.ctx.db, 700);
    expect(r.mismatches).toEqual([]);
    expect(r.cases).toBeGreaterThan(3000);
    expect(r.actions).toBeGreaterThan(r.cases);
    const missing = CASE_STATES.filter((s) => !r.byStatus[s]);
    expect(missing.filter((s) => s !== 'withdrawn')).toEqual([]);
  });

  it('notices a stored row that no longer follows from its history', async () => {
    const [row] = (
      await sql<{ id: number }>`select id from cases where status = 'handling' order by id limit 1`.execute(
        t.ctx.db,
      )
    ).rows;
    await sql`update cases set status = 'closed' where id = ${row?.id}`.execute(t.ctx.db);
    const r = await checkReplay(t.ctx.db);
    expect(r.mismatches).toEqual([{ caseId: Number(row?.id), columns: ['status'] }]);
  });
});
