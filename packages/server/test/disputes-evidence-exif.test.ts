import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller, newDispute } from './disputes-helpers.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { type LoggedIn, loginAs } from './login.ts';

/** A real camera photo with its GPS position and the camera's make in its EXIF. */
const CAMERA = readFileSync(new URL('./fixtures/photos/gps-nikon-DSCN0010.jpg', import.meta.url));
/** The EXIF GPS IFD pointer (tag 0x8825, little-endian TIFF) as this camera writes it. */
const GPS_POINTER = Buffer.from([0x25, 0x88, 0x04, 0x00]);

/** A party's evidence photo, uploaded through their secret mediation link, is kept without its EXIF. */
describe('a party’s evidence photo', () => {
  let t: TestApp;
  let call: ReturnType<typeof caller>;
  let token: string;
  let id: number;
  beforeAll(async () => {
    t = await createTestApp();
    call = caller(t);
    const u: Record<string, LoggedIn> = {};
    for (const name of ['gridworker', 'street_op', 'mediator']) u[name] = await loginAs(t.app, name);
    const grid = (u.gridworker?.regionPaths[0] ?? '').split('/').filter(Boolean).pop() as string;
    id = (await call(u.gridworker as LoggedIn, 'POST', '/api/v1/disputes', newDispute(grid))).body.caseId;
    const orgs = await call(u.street_op as LoggedIn, 'GET', '/api/v1/mediation-orgs?kind=neighbour');
    const org = orgs.body.items.find((o: { type: string }) => o.type === 'people_street').id as number;
    const [m] = (await call(u.street_op as LoggedIn, 'GET', `/api/v1/mediation-orgs/${org}/mediators`)).body
      .items;
    const act = (who: string, action: string, payload: object = {}) =>
      call(u[who] as LoggedIn, 'POST', `/api/v1/disputes/${id}/actions`, { action, payload });
    expect((await act('street_op', 'assign', { orgId: org, mediatorIds: [m.id] })).status).toBe(200);
    expect((await act('mediator', 'accept')).status).toBe(200);
    const party = (await call(u.mediator as LoggedIn, 'GET', `/api/v1/disputes/${id}`)).body.parties[0].id;
    token = (await call(u.mediator as LoggedIn, 'POST', `/api/v1/disputes/${id}/parties/${party}/link`)).body
      .token;
  });
  afterAll(() => t.close());

  it('loses its GPS position and camera before it is stored', async () => {
    expect(CAMERA.includes(GPS_POINTER)).toBe(true);
    const up = await call(null, 'POST', `/api/v1/portal/mediation/${token}/evidence`, {
      filename: '漏水照片.jpg',
      contentType: 'image/jpeg',
      data: CAMERA.toString('base64'),
    });
    expect(up.status).toBe(201);
    const row = await t.ctx.db
      .selectFrom('dispute_evidence')
      .select('bytes')
      .where('case_id', '=', id)
      .executeTakeFirstOrThrow();
    const kept = Buffer.from(row.bytes);
    expect(kept.subarray(0, 2).toString('hex')).toBe('ffd8');
    expect(kept.includes(GPS_POINTER)).toBe(false);
    expect(kept.includes(Buffer.from('NIKON', 'latin1'))).toBe(false);
    expect(up.body.size).toBe(kept.length);
  });

  it('refuses a "photo" that is not one, naming the field, and keeps nothing', async () => {
    const bad = await call(null, 'POST', `/api/v1/portal/mediation/${token}/evidence`, {
      filename: 'x.jpg',
      contentType: 'image/jpeg',
      data: Buffer.from([0xff, 0xd8, 0x12, 0x34, 0x56, 0x78]).toString('base64'),
    });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain('body.data');
    const n = await t.ctx.db
      .selectFrom('dispute_evidence')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('case_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });
});
