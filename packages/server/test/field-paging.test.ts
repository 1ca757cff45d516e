import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridOf, report } from './cases-helpers.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { type LoggedIn, loginAs } from './login.ts';

/** The page size /field asks for (packages/web/src/pages/field/GridCases.tsx). */
const PAGE = 100;

/**
 * /field's "load more" (issue 13): a grid worker whose grid has more open cases than a page
 * reads the second page after the first, and together they hold every open case once.
 */
describe("a busy grid's open cases, page after page", () => {
  let t: TestApp;
  let worker: LoggedIn;
  let grid: string;
  beforeAll(async () => {
    t = await createTestApp();
    worker = await loginAs(t.app, 'gridworker');
    grid = gridOf(worker);
  });
  afterAll(() => t?.close());

  const openInGrid = async () =>
    (
      await t.ctx.db
        .selectFrom('cases')
        .select('id')
        .where('grid_code', '=', grid)
        .where('closed_at', 'is', null)
        .execute()
    ).map((r) => Number(r.id));

  it('the second page follows the first and nothing repeats', async () => {
    // more open cases than a page: the demo's and as many new reports as it takes, and some
    const missing = Math.max(0, PAGE + 25 - (await openInGrid()).length);
    for (let i = 0; i < missing; i += 10)
      await Promise.all(
        Array.from({ length: Math.min(10, missing - i) }, (_, j) =>
          report(t.app, worker, {
            kind: 'request',
            category: 'request.street_light',
            attributes: {},
            description: `第${i + j + 1}号路灯不亮，晚上很黑`,
            gridCode: grid,
            channel: 'field',
          }).then((r) => expect(r.statusCode, r.body).toBe(201)),
        ),
      );
    const open = await openInGrid();
    expect(open.length).toBeGreaterThan(PAGE);

    const query = `region=${grid}&status=open&limit=${PAGE}`;
    const first = await t.app.inject({ url: `/api/v1/cases?${query}`, headers: worker.headers });
    expect(first.statusCode, first.body).toBe(200);
    const one = first.json() as { items: { id: number }[]; nextCursor: string | null; total: number };
    expect(one.items).toHaveLength(PAGE);
    expect(one.total).toBe(open.length);
    expect(one.nextCursor).toEqual(expect.any(String));

    const ids = one.items.map((c) => c.id);
    let cursor = one.nextCursor;
    let pages = 1;
    while (cursor) {
      const next = await t.app.inject({
        url: `/api/v1/cases?${query}&cursor=${encodeURIComponent(cursor)}`,
        headers: worker.headers,
      });
      expect(next.statusCode, next.body).toBe(200);
      const page = next.json() as { items: { id: number }[]; nextCursor: string | null };
      expect(page.items.length).toBeGreaterThan(0);
      ids.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
      pages++;
    }
    expect(pages).toBe(Math.ceil(open.length / PAGE));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort((a, b) => a - b)).toEqual([...open].sort((a, b) => a - b));
  });
});
