import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.ts';
import { type LoggedIn, loginAs } from './login.ts';
import { firstGrid, HEPING, HEXI, reportCase } from './trust-fixtures.ts';

/**
 * Links and merges name other cases: a webhook subscription hears only of linked cases inside its
 * region, and a case page names the case it was merged into only to a reader who may read it.
 */
/** Another street of 和平区 than the demo grid's. */
const XIAOBAILOU = '120101002000';
let t: TestApp;
const u = {} as Record<'admin' | 'district_admin' | 'district_op' | 'gridworker' | 'hexi_op', LoggedIn>;

beforeAll(async () => {
  process.env.CASES_PERIODIC_MS = '0'; // keep the outbox: nothing is delivered here
  t = await createTestApp();
  for (const name of ['admin', 'district_admin', 'district_op', 'gridworker', 'hexi_op'] as const)
    u[name] = await loginAs(t.app, name);
});
afterAll(() => t.close());

const subscribe = async (who: LoggedIn) => {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/webhooks',
    headers: who.headers,
    payload: { url: 'https://hooks.example.org/links', events: ['case.linked'] },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
};
/** The links each case.linked event queued for a subscription carries, by case. */
const linkedEvents = async (subscription: number) =>
  (
    await t.ctx.db
      .selectFrom('webhook_outbox')
      .select('payload')
      .where('subscription_id', '=', subscription)
      .where('event', '=', 'case.linked')
      .execute()
  ).map((r) => (r.payload as { data: { caseId: number; links: { caseId: number; number: string }[] } }).data);

describe('case.linked webhooks name only linked cases inside the subscription’s region', () => {
  it('a 和平区 subscription hears of the new case’s link, but not of the 河西区 case it is linked to', async () => {
    const cityHook = await subscribe(u.admin);
    const hepingHook = await subscribe(u.district_admin);
    const phone = '13900002222';
    const hexiCase = await reportCase(t, u.hexi_op, (await firstGrid(t, HEXI)).code, {
      reporter: { name: '李四', phone },
    });
    const gridCode = (await firstGrid(t, HEPING)).code;
    const earlier = await reportCase(t, u.gridworker, gridCode, { reporter: { name: '李四', phone } });
    const fresh = await reportCase(t, u.gridworker, gridCode, { reporter: { name: '李四', phone } });

    const city = (await linkedEvents(cityHook)).find((e) => e.caseId === fresh.id);
    expect(city?.links.map((l) => l.caseId)).toEqual(expect.arrayContaining([hexiCase.id, earlier.id]));
    const heping = (await linkedEvents(hepingHook)).find((e) => e.caseId === fresh.id);
    expect(heping?.links.map((l) => l.caseId)).toContain(earlier.id);
    expect(heping?.links.map((l) => l.caseId)).not.toContain(hexiCase.id);
    const all = JSON.stringify(await linkedEvents(hepingHook));
    expect(all).not.toContain(hexiCase.number);
  });
});

describe('a merged case names the case it went into only to readers of that case', () => {
  it('the grid worker reads their merged report without the other street’s case; the district sees it', async () => {
    const mine = (await firstGrid(t, HEPING)).code;
    const other = await t.ctx.db
      .selectFrom('region')
      .select('code')
      .where('level', '=', 'grid')
      .where('path', 'like', `%/${XIAOBAILOU}/%`)
      .where('retired_at', 'is', null)
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const target = await reportCase(t, u.district_op, other.code);
    const source = await reportCase(t, u.gridworker, mine);
    const merged = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${source.id}/actions`,
      headers: u.district_admin.headers,
      payload: { action: 'merge', clientId: 'merge-scope-1', payload: { intoCaseId: target.id } },
    });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json()).toMatchObject({ status: 'merged', mergedInto: target.id });

    // the grid worker may not read the target (another street): as if there were none
    const targetPage = await t.app.inject({
      url: `/api/v1/cases/${target.id}`,
      headers: u.gridworker.headers,
    });
    expect(targetPage.statusCode).toBe(404);
    const page = await t.app.inject({ url: `/api/v1/cases/${source.id}`, headers: u.gridworker.headers });
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ status: 'merged', mergedInto: null });
    const text = page.body;
    expect(text).not.toContain(target.number);
    expect(text).not.toContain(`"intoCaseId":${target.id}`);
    expect(page.json().history.at(-1)).toMatchObject({ action: 'merge', toStatus: 'merged' });
  });
});
