import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.ts';
import { type LoggedIn, loginAs } from './login.ts';
import { firstGrid, HEPING, HEXI, reportCase } from './trust-fixtures.ts';

/**
 * Outside the actor's scope a case, a unit or a person answers exactly as one that does not
 * exist; links (made city-wide) show only to a reader who may read the linked case.
 */
let t: TestApp;
const u = {} as Record<'gridworker' | 'community_op' | 'leader' | 'hexi_op' | 'city_leader', LoggedIn>;
let heping: string;
let hexi: string;

beforeAll(async () => {
  t = await createTestApp();
  for (const name of ['gridworker', 'community_op', 'leader', 'hexi_op', 'city_leader'] as const)
    u[name] = await loginAs(t.app, name);
  heping = (await firstGrid(t, HEPING)).code;
  hexi = (await firstGrid(t, HEXI)).code;
});
afterAll(() => t.close());

let clientIds = 0;
const act = (who: LoggedIn, id: number, action: string, payload: object) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${id}/actions`,
    headers: who.headers,
    payload: { action, payload, clientId: `oracle-${++clientIds}` },
  });
/** Status, field and message with the asked id taken out: what tells one answer from another. */
const shape = (res: Awaited<ReturnType<typeof act>>, id: number) => {
  const body = res.json();
  return {
    status: res.statusCode,
    field: body.errors?.[0]?.field,
    message: String(body.errors?.[0]?.message ?? body.detail).replaceAll(String(id), '#'),
  };
};
const MISSING = 987654321;

describe('targets outside scope answer as missing', () => {
  it('merging into another district’s case answers as merging into no case, and changes nothing', async () => {
    const mine = await reportCase(t, u.gridworker, heping);
    const theirs = await reportCase(t, u.hexi_op, hexi);
    const outside = await act(u.community_op, mine.id, 'merge', { intoCaseId: theirs.id });
    const missing = await act(u.community_op, mine.id, 'merge', { intoCaseId: MISSING });
    expect(shape(outside, theirs.id)).toEqual(shape(missing, MISSING));
    expect(outside.statusCode).toBe(422);
    const after = await t.app.inject({ url: `/api/v1/cases/${mine.id}`, headers: u.community_op.headers });
    expect(after.json().status).not.toBe('merged');
  });

  it('copying to another district’s unit answers as copying to no unit', async () => {
    const mine = await reportCase(t, u.gridworker, heping);
    const hexiCentre = u.hexi_op.unitIds[0] as number;
    const outside = await act(u.community_op, mine.id, 'copy_notify', { unitIds: [hexiCentre] });
    const missing = await act(u.community_op, mine.id, 'copy_notify', { unitIds: [MISSING] });
    expect(shape(outside, hexiCentre)).toEqual(shape(missing, MISSING));
    expect(outside.statusCode).toBe(422);
  });

  it('naming someone from another district on a key-case team answers as naming nobody', async () => {
    const mine = await reportCase(t, u.gridworker, heping);
    const mark = (userId: number) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${mine.id}/key`,
        headers: u.leader.headers,
        payload: { kind: 'key', reason: '重点', leaderUserId: u.leader.userId, team: [{ userId }] },
      });
    const outside = await mark(u.hexi_op.userId);
    const missing = await mark(MISSING);
    expect(shape(outside, u.hexi_op.userId)).toEqual(shape(missing, MISSING));
    expect(outside.statusCode).toBe(422);
    expect(outside.body).not.toContain('hexi');
    // someone of the district is fine
    expect((await mark(u.community_op.userId)).statusCode).toBe(201);
  });
});

describe('links made city-wide show only to readers of the linked case', () => {
  it('reporting with another district’s reporter phone does not reveal their cases', async () => {
    const phone = '13900001111';
    const earlier = await reportCase(t, u.hexi_op, hexi, { reporter: { name: '张三', phone } });
    const answer = await reportCase(t, u.gridworker, heping, { reporter: { name: '张三', phone } });
    const linkedIds = (view: Record<string, unknown>) =>
      ((view.links as { caseId: number }[] | undefined) ?? []).map((l) => l.caseId);
    // the intake answer and the case page of the 和平区 reader: no trace of the 河西区 case
    expect(linkedIds(answer)).not.toContain(earlier.id);
    expect(JSON.stringify(answer)).not.toContain(earlier.number);
    const page = (who: LoggedIn) =>
      t.app.inject({ url: `/api/v1/cases/${answer.id}`, headers: who.headers }).then((r) => r.json());
    expect(linkedIds(await page(u.community_op))).not.toContain(earlier.id);
    // the link is still made: a city-wide reader sees the repeat petitioner across districts
    expect(linkedIds(await page(u.city_leader))).toContain(earlier.id);
  });
});
