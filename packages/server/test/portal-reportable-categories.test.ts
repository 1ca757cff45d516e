import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * The portal and the Open311 service list offer only what a resident can report: no category
 * group (intake refuses a group with 422), nothing closed to residents, nothing retired.
 */
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('categories a resident can report', () => {
  it('offers no group, in the portal and in the Open311 service list', async () => {
    const groups = new Set(
      (
        await t.ctx.db.selectFrom('case_category').select('code').where('parent_code', 'is', null).execute()
      ).map((r) => r.code),
    );
    expect(groups.size).toBeGreaterThan(0);
    const portal = (await t.app.inject({ url: '/api/v1/portal/categories' })).json() as { code: string }[];
    expect(portal.length).toBeGreaterThan(0);
    expect(portal.filter((c) => groups.has(c.code))).toEqual([]);
    const services = await t.app.inject({ url: '/open311/v2/services.json' });
    expect(services.statusCode).toBe(200);
    const codes = (services.json() as { service_code: string }[]).map((s) => s.service_code);
    expect(codes.length).toBe(portal.length);
    expect(codes.filter((c) => groups.has(c))).toEqual([]);
  });
});
