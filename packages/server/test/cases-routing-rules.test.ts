import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allGridPlaces } from '../src/cases/intake/case-places.ts';
import { routedUnit } from '../src/cases/intake/intake-lookups.ts';
import { maySkipLevel, ROUTING_LEVELS, routeNewCase } from '../src/cases/routing.ts';
import type { CaseKind, CasePriority } from '../src/cases/tables.ts';
import { act, gridOf, loginAll, neighbourDispute, report, type Users } from './cases-helpers.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { loginAs } from './login.ts';

/**
 * Routing is data a city administrator edits (cases/routing.ts, table case_routing_rule): its
 * defaults route every category at every level as before it was data, a change takes effect for
 * the next report without a restart, and only the city administrator changes it (audited).
 */
let t: TestApp;
let u: Users;
let grid: string;

beforeAll(async () => {
  t = await createTestApp();
  u = await loginAll(t.app);
  grid = gridOf(u.gridworker);
});
afterAll(async () => {
  await t?.close();
});

const put = (who: { headers: Record<string, string> }, category: string, level: string, body: unknown) =>
  t.app.inject({
    method: 'PUT',
    url: `/api/v1/routing-rules/${category}/${level}`,
    headers: who.headers,
    payload: body as object,
  });
const fields = (res: { json(): { errors?: { field: string }[] } }) =>
  (res.json().errors ?? []).map((e) => e.field);
const parking = (gridCode: string) => ({
  kind: 'request',
  category: 'request.parking',
  description: '小区门口长期占道停车',
  gridCode,
  channel: 'phone',
});

describe('the default routing table', () => {
  it('routes every category at every place as the category’s responsible unit type did', async () => {
    const { ctx } = t;
    const categories = await ctx.db
      .selectFrom('case_category')
      .selectAll()
      .where('parent_code', 'is not', null)
      .where('retired_at', 'is', null)
      .execute();
    const places = [...(await allGridPlaces(ctx)).values()];
    // one grid of every street of the city: routing walks community, street, district and city
    const byStreet = new Map(places.map((p) => [p.streetCode ?? p.districtCode, p]));
    expect(byStreet.size).toBeGreaterThan(100);
    let compared = 0;
    for (const place of byStreet.values()) {
      const nearest = await routedUnit(ctx, 'centre', place);
      for (const c of categories) {
        // before routing was data (intake-service.ts): the type's nearest unit, else the nearest centre
        const before =
          c.responsible_unit_type === 'centre'
            ? nearest
            : ((await routedUnit(ctx, c.responsible_unit_type, place)) ?? nearest);
        const after = (await routeNewCase(ctx, c, place)) ?? nearest;
        expect(after?.id, `${c.code} at ${place.gridCode}`).toBe(before?.id);
        compared++;
      }
    }
    expect(compared).toBe(byStreet.size * categories.length);
  });

  it('allows the same escalation skips for every category, level and priority', async () => {
    const categories = await t.ctx.db.selectFrom('case_category').select(['code', 'kind']).execute();
    const priorities: CasePriority[] = ['low', 'normal', 'high', 'urgent'];
    for (const c of categories)
      for (const level of ROUTING_LEVELS)
        for (const priority of priorities) {
          const before = c.kind === 'incident' || priority === 'urgent';
          const row = { category_code: c.code, kind: c.kind as CaseKind, priority };
          expect(await maySkipLevel(t.ctx, row, level), `${c.code} ${level} ${priority}`).toBe(before);
        }
  });

  it('lists every active category at every level, with the unit types a rule may name', async () => {
    const res = await t.app.inject({ url: '/api/v1/routing-rules', headers: u.community_op.headers });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const road = body.items.filter((r: { categoryCode: string }) => r.categoryCode === 'request.road');
    expect(road.map((r: { level: string }) => r.level).sort()).toEqual([...ROUTING_LEVELS].sort());
    expect(road[0]).toMatchObject({
      unitType: 'urban_management',
      fallbackUnitType: 'centre',
      skipEscalation: 'urgent',
    });
    expect(body.unitTypes).toEqual(expect.arrayContaining(['centre', 'public_security', 'urban_management']));
    expect((await t.app.inject({ url: '/api/v1/routing-rules' })).statusCode).toBe(401);
  });
});

describe('a city administrator edits routing', () => {
  it('takes effect for the next report, without a restart, and is audited with who and when', async () => {
    const first = await report(t.app, u.community_op, parking(grid));
    expect(first.json().currentUnit).toMatchObject({ kind: 'station' });
    // illegal parking at the community level: the community centre takes it
    const changed = await put(u.admin, 'request.parking', 'community', {
      unitType: 'centre',
      fallbackUnitType: 'centre',
      skipEscalation: 'urgent',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      level: 'community',
      unitType: 'centre',
      updatedBy: u.admin.userId,
    });
    const next = (await report(t.app, u.community_op, parking(grid))).json();
    expect(next).toMatchObject({ level: 'community', currentUnit: { kind: 'centre' } });
    expect(next.currentUnit.id).toBe(next.centreUnit.id);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'routing.update')
      .where('object_id', '=', 'request.parking/community')
      .execute();
    expect(audit).toHaveLength(1);
    expect(Number(audit[0]?.actor_user_id)).toBe(u.admin.userId);
    const back = await put(u.admin, 'request.parking', 'community', {
      unitType: 'public_security',
      fallbackUnitType: 'centre',
      skipEscalation: 'urgent',
    });
    expect(back.statusCode).toBe(200);
    expect((await report(t.app, u.community_op, parking(grid))).json().currentUnit).toMatchObject({
      kind: 'station',
    });
  });

  it('decides escalation skips by the rule of the level the case is held at', async () => {
    const rule = (skipEscalation: string) =>
      put(u.admin, 'dispute.neighbour', 'community', {
        unitType: 'centre',
        fallbackUnitType: 'centre',
        skipEscalation,
      });
    const skip = async (priority: string) => {
      const c = (await report(t.app, u.gridworker, { ...neighbourDispute(grid), priority })).json();
      return act(t.app, u.community_op, c.id, 'escalate', {
        reason: '跳级',
        unitId: u.district_op.unitIds[0],
      });
    };
    expect((await rule('never')).statusCode).toBe(200);
    expect((await skip('urgent')).statusCode).toBe(422);
    expect((await rule('always')).statusCode).toBe(200);
    const skipped = await skip('normal');
    expect(skipped.statusCode, skipped.body).toBe(200);
    expect(skipped.json()).toMatchObject({ level: 'district', status: 'reported' });
    expect((await rule('urgent')).statusCode).toBe(200);
  });

  it('refuses bad input naming the field, and anyone but the city administrator', async () => {
    const ok = { unitType: 'centre', fallbackUnitType: 'centre', skipEscalation: 'urgent' };
    const unknownType = await put(u.admin, 'request.road', 'street', { ...ok, unitType: 'spaceport' });
    expect(unknownType.statusCode).toBe(422);
    expect(fields(unknownType)).toEqual(['body.unitType']);
    const unknownCategory = await put(u.admin, 'request.nothing', 'street', ok);
    expect(unknownCategory.statusCode).toBe(422);
    expect(fields(unknownCategory)).toEqual(['params.categoryCode']);
    const group = await put(u.admin, 'request.municipal', 'street', ok);
    expect(group.statusCode).toBe(422);
    const badSkip = await put(u.admin, 'request.road', 'street', { ...ok, skipEscalation: 'sometimes' });
    expect(badSkip.statusCode).toBe(400);
    expect(new Set(fields(badSkip))).toEqual(new Set(['body.skipEscalation']));
    const badLevel = await put(u.admin, 'request.road', 'grid', ok);
    expect(badLevel.statusCode).toBe(400);
    const missing = await put(u.admin, 'request.road', 'street', { unitType: 'centre' });
    expect(missing.statusCode).toBe(400);
    const districtAdmin = await loginAs(t.app, 'district_admin');
    expect((await put(districtAdmin, 'request.road', 'street', ok)).statusCode).toBe(403);
    expect((await put(u.district_op, 'request.road', 'street', ok)).statusCode).toBe(403);
    expect(
      (await t.app.inject({ method: 'PUT', url: '/api/v1/routing-rules/request.road/street', payload: ok }))
        .statusCode,
    ).toBe(401);
    const road = (await t.app.inject({ url: '/api/v1/routing-rules', headers: u.admin.headers }))
      .json()
      .items.find(
        (r: { categoryCode: string; level: string }) =>
          r.categoryCode === 'request.road' && r.level === 'street',
      );
    expect(road).toMatchObject({ unitType: 'urban_management', updatedBy: null });
  });

  it('follows a category’s new responsible unit type at the levels that had the old one', async () => {
    expect(
      (
        await put(u.admin, 'request.manhole', 'city', {
          unitType: 'housing',
          fallbackUnitType: 'centre',
          skipEscalation: 'urgent',
        })
      ).statusCode,
    ).toBe(200);
    const patched = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/categories/request.manhole',
      headers: u.admin.headers,
      payload: { responsibleUnitType: 'public_security' },
    });
    expect(patched.statusCode).toBe(200);
    const rules = (await t.app.inject({ url: '/api/v1/routing-rules', headers: u.admin.headers }))
      .json()
      .items.filter((r: { categoryCode: string }) => r.categoryCode === 'request.manhole');
    const byLevel = Object.fromEntries(
      rules.map((r: { level: string; unitType: string }) => [r.level, r.unitType]),
    );
    expect(byLevel).toEqual({
      community: 'public_security',
      street: 'public_security',
      district: 'public_security',
      city: 'housing',
    });
  });
});
