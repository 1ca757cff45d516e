import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CITY, HEPING } from '../src/identity/seed.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { type LoggedIn, loginAs } from './login.ts';

/** The demo users' street and community (the gridworker's grid lies in it), and another street. */
const QUANYECHANG = '120101001000';
const HUAYUANLU = '120101001001';
const XIAOBAILOU = '120101002000';
const NEW_PATH = `${CITY}/${HEPING}/${XIAOBAILOU}/${HUAYUANLU}/`;
const PASSWORD = 'Street#Op2026';
/** In every description here, so searches find just these cases. */
const MARK = 'movefollow';

describe('region moves: copies of region paths follow the region', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let streetOp: LoggedIn;
  let newStreetOp: LoggedIn;
  let caseId: number;

  const get = (who: LoggedIn, url: string) =>
    t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: who.headers });
  const caseNumbers = async (who: LoggedIn, region: string) =>
    ((await get(who, `/cases?region=${region}&q=${MARK}&limit=100`)).json().items as { id: number }[]).map(
      (c) => c.id,
    );
  const unitPath = async (code: string) =>
    (await sql<{ region_path: string }>`select region_path from unit where code = ${code}`.execute(t.ctx.db))
      .rows[0]?.region_path;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAs(t.app, 'admin');
    streetOp = await loginAs(t.app, 'street_op');
    const centre = await t.ctx.db
      .selectFrom('unit')
      .select('id')
      .where('code', '=', `centre:${XIAOBAILOU}`)
      .executeTakeFirstOrThrow();
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: {
        username: 'xiaobailou_op',
        displayName: '小白楼街道中心操作员',
        password: PASSWORD,
        posts: [{ role: 'centre_operator', unitId: Number(centre.id), regionCode: XIAOBAILOU }],
      },
    });
    expect(created.statusCode).toBe(201);
    // a new account's password is one-time: the operator chooses their own first
    const first = await loginAs(t.app, 'xiaobailou_op', PASSWORD);
    const own = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: first.headers,
      payload: { currentPassword: PASSWORD, newPassword: 'Own#Street2026' },
    });
    expect(own.statusCode).toBe(204);
    newStreetOp = first;
    const gridworker = await loginAs(t.app, 'gridworker');
    const reported = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: gridworker.headers,
      payload: {
        kind: 'request',
        category: 'request.road',
        description: `路面塌陷 ${MARK}`,
        gridCode: gridworker.regionPaths[0]?.split('/').at(-2),
        channel: 'field',
      },
    });
    expect(reported.statusCode).toBe(201);
    caseId = reported.json().id;
  });
  afterAll(() => t.close());

  it('before the move, the old street sees the community’s case and the other street does not', async () => {
    expect((await get(streetOp, `/cases/${caseId}`)).statusCode).toBe(200);
    expect((await get(newStreetOp, `/cases/${caseId}`)).statusCode).toBe(404);
    expect(await caseNumbers(newStreetOp, XIAOBAILOU)).not.toContain(caseId);
  });

  it('after moving the community to another street, its cases are the new street’s, not the old one’s', async () => {
    const moved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/regions/${HUAYUANLU}/move`,
      headers: admin.headers,
      payload: { parentCode: XIAOBAILOU },
    });
    expect(moved.statusCode).toBe(200);

    expect((await get(newStreetOp, `/cases/${caseId}`)).statusCode).toBe(200);
    expect(await caseNumbers(newStreetOp, XIAOBAILOU)).toContain(caseId);
    expect((await get(streetOp, `/cases/${caseId}`)).statusCode).toBe(404);
    expect(await caseNumbers(streetOp, QUANYECHANG)).not.toContain(caseId);
  });

  it('moves the community centre’s jurisdiction and its staff’s posts along', async () => {
    expect(await unitPath(`centre:${HUAYUANLU}`)).toBe(NEW_PATH);
    const communityOp = await loginAs(t.app, 'community_op');
    expect(communityOp.regionPaths).toEqual([NEW_PATH]);
    const gridworker = await loginAs(t.app, 'gridworker');
    expect(gridworker.regionPaths[0]?.startsWith(NEW_PATH)).toBe(true);
    // the community's own operator still sees the case, and the grid worker their grid's cases
    expect((await get(communityOp, `/cases/${caseId}`)).statusCode).toBe(200);
    expect((await get(gridworker, `/cases/${caseId}`)).statusCode).toBe(200);
  });

  it('reports made after the move carry the grid’s new path', async () => {
    const gridworker = await loginAs(t.app, 'gridworker');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: gridworker.headers,
      payload: {
        kind: 'request',
        category: 'request.road',
        description: `迁移后的新上报 ${MARK}`,
        gridCode: gridworker.regionPaths[0]?.split('/').at(-2),
        channel: 'field',
      },
    });
    expect(res.statusCode).toBe(201);
    expect(await caseNumbers(newStreetOp, XIAOBAILOU)).toContain(res.json().id);
    expect(await caseNumbers(streetOp, QUANYECHANG)).not.toContain(res.json().id);
  });
});
