import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.ts';
import { type LoggedIn, loginAs } from './login.ts';
import { demoGrid, insertFixtureCategories } from './open311-fixtures.ts';

/** Two different 1×1 PNGs: the resident's photo and the handler's after-photo. */
const BEFORE = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
const AFTER = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

function multipart(name: string, data: Buffer) {
  const boundary = '----trackingtest';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/**
 * The residents' tracking page and Open311 say who handled a case and what they answered, and
 * show its photos (the resident's and the handler's after-photo) through the portal's photo route.
 */
describe('tracking a case: handling unit, result and photos', () => {
  let t: TestApp;
  let op: LoggedIn;
  let station: LoggedIn;
  let community: string;
  let grid: string;
  beforeAll(async () => {
    t = await createTestApp();
    await insertFixtureCategories(t.ctx);
    grid = await demoGrid(t.app);
    community = (
      await t.ctx.db
        .selectFrom('region')
        .select('name')
        .where('code', '=', grid.slice(0, 12))
        .executeTakeFirstOrThrow()
    ).name;
    [op, station] = await Promise.all([loginAs(t.app, 'community_op'), loginAs(t.app, 'urban_station')]);
  });
  afterAll(() => t?.close());

  const act = async (who: LoggedIn, id: number, action: string, payload: Record<string, unknown>) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${id}/actions`,
      headers: who.headers,
      payload: { action, clientId: `${action}-${id}`, payload },
    });
    expect(res.statusCode, res.body).toBe(200);
  };

  it('shows the handling unit, its result and both photos; Open311 says the same', async () => {
    const made = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/portal/reports',
        payload: {
          category: 't311.lamp',
          description: '小区门口路灯整晚不亮',
          attributes: { pole: 'HP-7' },
          address: `${community}3号楼门口`,
          anonymous: true,
        },
      })
    ).json();
    const before = multipart('before.png', BEFORE);
    const upload = await t.app.inject({
      method: 'POST',
      url: `/api/v1/portal/cases/${made.number}/photos`,
      payload: before.payload,
      headers: { ...before.headers, 'x-portal-secret': made.secret },
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const id = (await t.app.inject({ url: `/api/v1/cases/${made.number}`, headers: op.headers })).json().id;

    // the community centre accepts and dispatches to the street's station, which fixes it with a photo
    await act(op, id, 'accept', { comment: '已受理' });
    const stationUnit = station.unitIds[0];
    await act(op, id, 'dispatch', { unitId: stationUnit });
    await act(station, id, 'start', {});
    const after = multipart('after.png', AFTER);
    const attached = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${id}/attachments`,
      payload: after.payload,
      headers: { ...station.headers, ...after.headers },
    });
    expect(attached.statusCode, attached.body).toBe(201);
    await act(station, id, 'resolve', { result: '已更换灯泡，恢复照明' });
    await act(op, id, 'verify_pass', { comment: '回访确认' });

    const unitName = (
      await t.ctx.db
        .selectFrom('unit')
        .select('name')
        .where('id', '=', stationUnit as number)
        .executeTakeFirstOrThrow()
    ).name;
    // the reporter's page shows both photos; anyone else's only the handler's
    const view = (
      await t.app.inject({
        url: `/api/v1/portal/cases/${made.number}`,
        headers: { 'x-portal-secret': made.secret },
      })
    ).json();
    expect(view).toMatchObject({ status: 'closed', unit: unitName, gridCode: expect.any(String) });
    expect(view.photos.map((p: { by: string }) => p.by)).toEqual(['resident', 'staff']);
    const publicView = (await t.app.inject({ url: `/api/v1/portal/cases/${made.number}` })).json();
    expect(publicView.photos.map((p: { by: string }) => p.by)).toEqual(['staff']);

    // each photo is readable from the portal, as the image it was
    const [mine, theirs] = view.photos as { url: string }[];
    const got = await t.app.inject({ url: mine?.url ?? '' });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.rawPayload.equals(BEFORE)).toBe(true);
    expect((await t.app.inject({ url: theirs?.url ?? '' })).rawPayload.equals(AFTER)).toBe(true);
    expect(publicView.photos[0].url).toBe(theirs?.url);
    // the resident's photo needs its key: the case number and the image's hash alone open nothing
    expect((await t.app.inject({ url: (mine?.url ?? '').split('?')[0] as string })).statusCode).toBe(404);

    // Open311: the handler's result, the unit that handled it, the first public photo (the handler's)
    const [request] = (await t.app.inject({ url: `/open311/v2/requests/${made.number}.json` })).json();
    expect(request).toMatchObject({
      status: 'closed',
      status_notes: '已更换灯泡，恢复照明',
      agency_responsible: unitName,
      media_url: theirs?.url,
    });
  });

  it("never serves a photo through another case's page, nor a case residents may not see", async () => {
    const report = (description: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/portal/reports',
        payload: {
          category: 't311.lamp',
          description,
          attributes: { pole: 'HP-8' },
          address: `${community}5号楼`,
          anonymous: true,
        },
      });
    const a = (await report('路灯一直闪烁不停')).json();
    const b = (await report('路灯杆倾斜有危险')).json();
    const photo = multipart('a.png', BEFORE);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/portal/cases/${a.number}/photos`,
      payload: photo.payload,
      headers: { ...photo.headers, 'x-portal-secret': a.secret },
    });
    // nobody but the reporter is shown the resident's photo
    expect((await t.app.inject({ url: `/api/v1/portal/cases/${a.number}` })).json().photos).toEqual([]);
    const url = (
      await t.app.inject({
        url: `/api/v1/portal/cases/${a.number}`,
        headers: { 'x-portal-secret': a.secret },
      })
    ).json().photos[0].url as string;
    const [path, query] = url.split('?') as [string, string];
    const sha = path.split('/').at(-1);
    expect((await t.app.inject({ url })).statusCode).toBe(200);
    // not through another case's number, with or without the key; not with a made-up key
    expect((await t.app.inject({ url: `/api/v1/portal/cases/${b.number}/photos/${sha}` })).statusCode).toBe(
      404,
    );
    expect(
      (await t.app.inject({ url: `/api/v1/portal/cases/${b.number}/photos/${sha}?${query}` })).statusCode,
    ).toBe(404);
    expect((await t.app.inject({ url: `${path}?key=${'0'.repeat(32)}` })).statusCode).toBe(404);
    // the other case's reporter holds no key to it either
    const followed = await t.app.inject({
      url: `/api/v1/portal/cases/${a.number}`,
      headers: { 'x-portal-secret': b.secret },
    });
    expect(followed.statusCode).toBe(404);

    // a staff report in a category residents cannot use is not public, nor are its photos
    const internal = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: op.headers,
      payload: {
        kind: 'request',
        category: 'request.street_light',
        attributes: {},
        description: '巡查发现路灯损坏',
        gridCode: grid,
        channel: 'phone',
      },
    });
    const staffCase = internal.json();
    expect(internal.statusCode, internal.body).toBe(201);
    const staffPhoto = multipart('s.png', AFTER);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${staffCase.id}/attachments`,
      payload: staffPhoto.payload,
      headers: { ...op.headers, ...staffPhoto.headers },
    });
    await t.ctx.db
      .updateTable('case_category')
      .set({ open_to_residents: false })
      .where('code', '=', 'request.street_light')
      .execute();
    const staffSha = createHash('sha256').update(AFTER).digest('hex');
    const res = await t.app.inject({ url: `/api/v1/portal/cases/${staffCase.number}/photos/${staffSha}` });
    expect(res.statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/v1/portal/cases/${staffCase.number}` })).statusCode).toBe(404);
  });
});
