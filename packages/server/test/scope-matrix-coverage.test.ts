import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredRoutes } from '../src/http/route-registry.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { MATRIX_ENTRIES } from './scope-matrix/modules.ts';

const HOW_TO_ADD = `
Every route the server registers needs exactly one scope-matrix entry (what each demo user and an
anonymous caller gets, for something inside 和平区 and the same in 河西区). To add one:
  1. open your module's file in packages/server/test/scope-matrix/ (a new module: add a file and
     list it in scope-matrix/modules.ts);
  2. add { route: 'METHOD /path/{param}', inside, outside, expect: answers([inside, outside], {...}) }
     — route exactly as printed above; see scope-matrix/types.ts for answers() and each();
  3. run: npx vitest run --project server packages/server/test/scope-matrix.test.ts
A stale entry (route removed or renamed) must be removed or renamed too. See CONTRIBUTING.md
("Scope matrix").`;

/**
 * The scope matrix covers every route registered in the app, hidden ones included (a route the
 * OpenAPI document does not show still answers requests). Kept apart from the matrix itself so
 * it runs in seconds and tells the engineer what to add.
 */
describe('scope matrix coverage', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('has an entry for every registered route, none for routes that are gone, and no duplicates', () => {
    const routes = registeredRoutes(t.app);
    expect(routes.length).toBeGreaterThan(50);
    const known = MATRIX_ENTRIES.map((e) => e.route);
    const missing = routes.filter((r) => !known.includes(r));
    const stale = known.filter((r) => !routes.includes(r));
    const duplicated = known.filter((r, i) => known.indexOf(r) !== i);
    const problems = [
      ...missing.map((r) => `no scope-matrix entry for ${r}`),
      ...stale.map((r) => `scope-matrix entry for a route the app does not register: ${r}`),
      ...duplicated.map((r) => `more than one scope-matrix entry for ${r}`),
    ];
    expect(problems, problems.length ? `${problems.join('\n')}\n${HOW_TO_ADD}` : '').toEqual([]);
  });

  it('lists the routes the OpenAPI document shows among the registered ones', () => {
    const doc = t.app.swagger() as unknown as { paths: Record<string, Record<string, unknown>> };
    const routes = registeredRoutes(t.app);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(documented.filter((r) => !routes.includes(r))).toEqual([]);
  });
});
