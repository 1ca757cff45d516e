import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller, thisMonth } from './disputes-helpers.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { type LoggedIn, loginAs } from './login.ts';

/** Screening (排查): every grid reports every month, and each street's monthly report by the 1st. */
describe('disputes screening', () => {
  let t: TestApp;
  let call: ReturnType<typeof caller>;
  const u: Record<string, LoggedIn> = {};
  let grid: string;
  let street: string;
  beforeAll(async () => {
    t = await createTestApp();
    call = caller(t);
    for (const name of ['gridworker', 'community_op', 'street_op', 'district_op', 'hexi_op'])
      u[name] = await loginAs(t.app, name);
    grid = (u.gridworker?.regionPaths[0] ?? '').split('/').filter(Boolean).pop() as string;
    street = grid.slice(0, 9).padEnd(12, '0');
  });
  afterAll(() => t.close());

  it('screens every grid every month, "nothing found" included, and shows the streets’ reports to the district', async () => {
    const month = thisMonth();
    const filed = await call(u.gridworker as LoggedIn, 'POST', '/api/v1/screening/reports', {
      gridCode: grid,
      period: month,
      found: 0,
    });
    expect(filed.status).toBe(200);
    const board = await call(
      u.community_op as LoggedIn,
      'GET',
      `/api/v1/screening/board?region=${grid.slice(0, 12)}&period=${month}`,
    );
    expect(board.body.items.find((g: { gridCode: string }) => g.gridCode === grid)).toMatchObject({
      reported: true,
      found: 0,
    });
    expect(board.body.nothingFound).toBeGreaterThanOrEqual(1);
    expect(board.body.reported).toBeLessThanOrEqual(board.body.grids);
    // another grid worker's grid, or a month not begun: refused
    expect(
      (
        await call(u.gridworker as LoggedIn, 'POST', '/api/v1/screening/reports', {
          gridCode: `${grid.slice(0, 12)}999`,
          period: month,
          found: 1,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call(u.gridworker as LoggedIn, 'POST', '/api/v1/screening/reports', {
          gridCode: grid,
          period: '2999-01',
          found: 1,
        })
      ).status,
    ).toBe(422);
    const report = await call(u.street_op as LoggedIn, 'POST', '/api/v1/screening/street-reports', {
      streetCode: street,
      month,
      summary: '本月排查完毕',
    });
    expect(report.status).toBe(201);
    expect(report.body.status).toBe('complete');
    expect(
      (
        await call(u.street_op as LoggedIn, 'POST', '/api/v1/screening/street-reports', {
          streetCode: street,
          month,
          summary: '再报',
        })
      ).status,
    ).toBe(422);
    const district = await call(
      u.district_op as LoggedIn,
      'GET',
      `/api/v1/screening/street-board?district=${street.slice(0, 6)}000000&month=${month}`,
    );
    const mine = district.body.items.find((s: { streetCode: string }) => s.streetCode === street);
    expect(mine).toMatchObject({ status: 'complete' });
    expect(district.body.complete + district.body.late + district.body.missing + district.body.pending).toBe(
      district.body.items.length,
    );
    const lastYear = `${Number(month.slice(0, 4)) - 1}${month.slice(4)}`;
    const old = await call(
      u.district_op as LoggedIn,
      'GET',
      `/api/v1/screening/street-board?district=${street.slice(0, 6)}000000&month=${lastYear}`,
    );
    expect(old.body.missing).toBe(old.body.items.length);
    expect(
      (
        await call(
          u.hexi_op as LoggedIn,
          'GET',
          `/api/v1/screening/street-board?district=${street.slice(0, 6)}000000&month=${month}`,
        )
      ).status,
    ).toBe(404);
  });
});
