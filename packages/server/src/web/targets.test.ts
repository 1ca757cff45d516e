import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, gridOf, loginAll, neighbourDispute, report, type Users } from '../../test/cases-helpers.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { ancestorPaths } from './targets.ts';

describe('ancestorPaths', () => {
  it.each([
    ['120000000000/', ['120000000000/']],
    [
      '120000000000/120101000000/120101001000/',
      ['120000000000/', '120000000000/120101000000/', '120000000000/120101000000/120101001000/'],
    ],
    ['', []],
  ])('%s', (path, expected) => {
    expect(ancestorPaths(path)).toEqual(expected);
  });
});

describe('console targets: the units a case may be sent to now', () => {
  let t: TestApp;
  let u: Users;
  let caseId: number;
  const targets = (user: keyof Users, action: string, id: number | string = caseId) =>
    t.app.inject({
      method: 'GET',
      url: `/api/v1/console/cases/${id}/targets?action=${action}`,
      headers: u[user].headers,
    });

  beforeAll(async () => {
    t = await createTestApp();
    u = await loginAll(t.app);
    const created = await report(t.app, u.gridworker, neighbourDispute(gridOf(u.gridworker)));
    expect(created.statusCode).toBe(201);
    caseId = created.json().id;
    expect(
      (await act(t.app, u.community_op, caseId, 'escalate', { reason: '需要街道协调' })).statusCode,
    ).toBe(200);
    expect((await act(t.app, u.street_op, caseId, 'accept')).statusCode).toBe(200);
  });
  afterAll(() => t.close());

  it('offers the street centre the departments covering the case to summon, nearest first', async () => {
    const res = await targets('street_op', 'summon');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: number; kind: string; departmentType: string; level: string }[];
    expect(items.length).toBeGreaterThan(1);
    expect(items.every((x) => x.kind !== 'centre')).toBe(true);
    expect(items.map((x) => x.departmentType)).toEqual(
      expect.arrayContaining(['urban_management', 'housing']),
    );
    expect(items[0]?.level).not.toBe('city');
  });

  it('lists only units a summons to would be accepted', async () => {
    const items = (await targets('street_op', 'summon')).json().items as {
      id: number;
      departmentType: string;
    }[];
    const two = items.filter((x) => ['urban_management', 'housing'].includes(x.departmentType)).slice(0, 2);
    const res = await act(t.app, u.street_op, caseId, 'summon', {
      unitIds: two.map((x) => x.id),
      reportInHours: 24,
    });
    expect(res.statusCode).toBe(200);
  });

  it('offers dispatch targets from the current unit’s jurisdiction only', async () => {
    const items = (await targets('street_op', 'dispatch')).json().items as { id: number }[];
    const street = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: u.street_op.headers,
    });
    const unitId = street.json().units[0].id as number;
    const jurisdiction = await t.app.inject({
      method: 'GET',
      url: `/api/v1/units/${unitId}/jurisdiction`,
      headers: u.street_op.headers,
    });
    const allowed = new Set((jurisdiction.json().items as { id: number }[]).map((x) => x.id));
    expect(items.every((x) => allowed.has(x.id))).toBe(true);
  });

  it('offers nothing to someone who may not take the action now', async () => {
    const res = await targets('gridworker', 'summon');
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([]);
  });

  it('answers 404 for a case outside the caller’s scope, 401 without a session and 400 for an unknown action', async () => {
    expect((await targets('hexi_op', 'summon')).statusCode).toBe(404);
    const anonymous = await t.app.inject({
      method: 'GET',
      url: `/api/v1/console/cases/${caseId}/targets?action=summon`,
    });
    expect(anonymous.statusCode).toBe(401);
    const bad = await targets('street_op', 'teleport');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('query.action');
  });
});
