import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.ts';
import { type LoggedIn, loginAs } from './login.ts';
import { demoGrid, insertFixtureCategories } from './open311-fixtures.ts';

/** A real camera photo with its GPS position and the camera's make and serial in its EXIF. */
const CAMERA = readFileSync(new URL('./fixtures/photos/gps-nikon-DSCN0010.jpg', import.meta.url));
/** The EXIF GPS IFD pointer (tag 0x8825, little-endian TIFF) as this camera writes it. */
const GPS_POINTER = Buffer.from([0x25, 0x88, 0x04, 0x00]);

function multipart(name: string, data: Buffer) {
  const boundary = '----exiftest';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/jpeg\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** What a photo as served still says about where and with what it was taken. */
const leaks = (served: Buffer) => ({
  jpeg: served.subarray(0, 2).toString('hex'),
  exif: served.includes(Buffer.from('Exif\0\0', 'latin1')),
  gps: served.includes(GPS_POINTER),
  device: served.includes(Buffer.from('NIKON', 'latin1')),
});
const CLEAN = { jpeg: 'ffd8', exif: false, gps: false, device: false };

/** Photos uploaded by residents (portal) and staff (case attachments) lose their EXIF before they are stored. */
describe('uploaded photos are stored without their EXIF', () => {
  let t: TestApp;
  let worker: LoggedIn;
  let community: string;
  beforeAll(async () => {
    t = await createTestApp();
    await insertFixtureCategories(t.ctx);
    const grid = await demoGrid(t.app);
    community = (
      await t.ctx.db
        .selectFrom('region')
        .select('name')
        .where('code', '=', grid.slice(0, 12))
        .executeTakeFirstOrThrow()
    ).name;
    worker = await loginAs(t.app, 'gridworker');
  });
  afterAll(() => t?.close());

  it('the test photo does carry GPS and the device', () => {
    expect(leaks(CAMERA)).toEqual({ jpeg: 'ffd8', exif: true, gps: true, device: true });
  });

  it("a resident's portal photo", async () => {
    const made = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/portal/reports',
        payload: {
          category: 't311.lamp',
          description: '小区门口路灯整晚不亮',
          attributes: { pole: 'HP-9' },
          address: `${community}5号楼门口`,
          anonymous: true,
        },
      })
    ).json();
    const form = multipart('IMG_0001.jpg', CAMERA);
    const upload = await t.app.inject({
      method: 'POST',
      url: `/api/v1/portal/cases/${made.number}/photos`,
      payload: form.payload,
      headers: { ...form.headers, 'x-portal-secret': made.secret },
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const view = (
      await t.app.inject({
        url: `/api/v1/portal/cases/${made.number}`,
        headers: { 'x-portal-secret': made.secret },
      })
    ).json();
    const served = await t.app.inject({ url: view.photos[0].url });
    expect(served.statusCode).toBe(200);
    expect(leaks(served.rawPayload)).toEqual(CLEAN);
  });

  it("a grid worker's case attachment", async () => {
    const cases = await t.app.inject({ url: '/api/v1/cases?limit=1', headers: worker.headers });
    const id = cases.json().items[0].id as number;
    const form = multipart('DSCN0010.JPG', CAMERA);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${id}/attachments`,
      payload: form.payload,
      headers: { ...worker.headers, ...form.headers },
    });
    expect(res.statusCode, res.body).toBe(201);
    const [file] = res.json().attachments as { sha256: string; sizeBytes: number }[];
    expect(file?.sizeBytes).toBeLessThan(CAMERA.length);
    const served = await t.app.inject({
      url: `/api/v1/attachments/${file?.sha256}`,
      headers: worker.headers,
    });
    expect(served.statusCode).toBe(200);
    expect(served.rawPayload.length).toBe(file?.sizeBytes);
    expect(leaks(served.rawPayload)).toEqual(CLEAN);
  });

  it("other modules' photos (inspections' storePhotos) through the attachments service", async () => {
    const stored = await t.ctx.services.cases.attachments.store(t.ctx, CAMERA, undefined, undefined);
    const chunks: Buffer[] = [];
    for await (const c of t.ctx.services.cases.attachments.open(t.ctx, stored.sha256) ?? []) chunks.push(c);
    expect(leaks(Buffer.concat(chunks))).toEqual(CLEAN);
  });
});
