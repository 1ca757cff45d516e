import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.ts';
import { answers, api, multipart, PNG, photo } from './inspections-helpers.ts';
import { type LoggedIn, loginAs } from './login.ts';

/**
 * A hazard case's actions as the case page offers them: the re-check only to an inspector of the
 * area; photos named by hash on the case-actions route must be attached to the case; a place's
 * photos are found by their key, a photo of nowhere is not served.
 */
describe('hazard actions: who is offered them, and their photos', () => {
  let t: TestApp;
  let call: ReturnType<typeof api>;
  const u = {} as Record<'inspector' | 'gridworker' | 'district_op', LoggedIn>;
  let placeId: number;
  let otherPlaceId: number;
  let hazards: { id: number; itemCode: string; caseNumber: string }[];
  const caseOf = async (who: LoggedIn, number: string) =>
    (await call(who, 'GET', `/api/v1/cases/${number}`)).body;
  const RECHECKS = ['hazard.recheck_pass', 'hazard.recheck_fail', 'hazard.refer_enforcement'];

  beforeAll(async () => {
    t = await createTestApp();
    call = api(t);
    for (const name of ['inspector', 'gridworker', 'district_op'] as const)
      u[name] = await loginAs(t.app, name);
    const places = (await call(u.inspector, 'GET', '/api/v1/places?limit=50')).body.items;
    placeId = places.find((p: { type: string }) => p.type === 'restaurant').id;
    otherPlaceId = places.find((p: { id: number }) => p.id !== placeId).id;
    const checklist = (await call(u.inspector, 'GET', '/api/v1/checklists?placeType=small_venue')).body
      .items[0];
    const visit = await call(u.inspector, 'POST', '/api/v1/inspections', {
      placeId,
      templateId: checklist.id,
      answers: answers(checklist.items, ['sv.exits', 'sv.windows']),
    });
    expect(visit.status).toBe(201);
    hazards = visit.body.hazards;
  });
  afterAll(() => t?.close());

  it('offers the re-check to the inspector of the area only, once the fix is recorded', async () => {
    const h = hazards.find((x) => x.itemCode === 'sv.windows') as (typeof hazards)[number];
    const fixed = await call(u.gridworker, 'POST', `/api/v1/hazards/${h.id}/rectify`, {
      note: '已拆除防盗网',
      photos: [photo()],
    });
    expect(fixed.status).toBe(200);
    const inspector = await caseOf(u.inspector, h.caseNumber);
    expect(inspector.status).toBe('resolved');
    expect(inspector.allowedActions).toEqual(expect.arrayContaining(RECHECKS));
    for (const who of [u.gridworker, u.district_op]) {
      const seen = await caseOf(who, h.caseNumber);
      expect(seen.status).toBe('resolved');
      expect(seen.allowedActions.filter((a: string) => RECHECKS.includes(a))).toEqual([]);
    }
    const refused = await call(u.district_op, 'POST', `/api/v1/cases/${inspector.id}/actions`, {
      action: 'hazard.recheck_pass',
      clientId: 'not-an-inspector',
      payload: { note: 'ok' },
    });
    expect(refused.status).toBe(403);
  });

  it('refuses a fix naming a photo hash not attached to the case, and takes one that is', async () => {
    const h = hazards.find((x) => x.itemCode === 'sv.exits') as (typeof hazards)[number];
    const c = await caseOf(u.gridworker, h.caseNumber);
    const fix = (sha256: string, clientId: string) =>
      call(u.gridworker, 'POST', `/api/v1/cases/${c.id}/actions`, {
        action: 'hazard.rectify',
        clientId,
        payload: {
          note: '通道已清理',
          photos: [{ sha256, takenAt: new Date().toISOString(), lon: 117.2, lat: 39.12 }],
        },
      });
    const made = await fix('ab'.repeat(32), 'fix-unknown-photo');
    expect(made.status).toBe(422);
    expect(made.body.errors).toEqual([
      { field: 'body.payload.photos.0.sha256', message: 'not a photo attached to this case' },
    ]);
    expect((await caseOf(u.gridworker, h.caseNumber)).status).toBe(c.status);
    expect((await call(u.gridworker, 'GET', `/api/v1/hazards/${h.id}`)).body.status).toBe('open');

    const form = multipart(Buffer.from(PNG, 'base64'), 'exit.png', 'image/png');
    const upload = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${c.id}/attachments`,
      headers: { ...u.gridworker.headers, 'content-type': form.contentType },
      payload: form.payload,
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const sha = upload.json().attachments.at(-1).sha256 as string;
    const ok = await fix(sha, 'fix-attached-photo');
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((await call(u.gridworker, 'GET', `/api/v1/hazards/${h.id}`)).body.status).toBe('rectified');
  });

  it('serves a photo taken at the place, and no photo through a place where it was not taken', async () => {
    const visit = (await call(u.inspector, 'GET', `/api/v1/places/${placeId}`)).body.inspections[0];
    const detail = (await call(u.inspector, 'GET', `/api/v1/inspections/${visit.id}`)).body;
    const sha = detail.answers.find((a: { photos?: unknown[] }) => a.photos?.length).photos[0].sha256;
    const got = await call(u.inspector, 'GET', `/api/v1/places/${placeId}/photos/${sha}`);
    expect(got.status).toBe(200);
    expect(Buffer.from(got.raw).equals(Buffer.from(PNG, 'base64'))).toBe(true);
    expect((await call(u.inspector, 'GET', `/api/v1/places/${otherPlaceId}/photos/${sha}`)).status).toBe(404);
    expect(
      (await call(u.inspector, 'GET', `/api/v1/places/${placeId}/photos/${'cd'.repeat(32)}`)).status,
    ).toBe(404);
  });
});
