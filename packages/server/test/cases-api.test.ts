import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridOf, loginAll, neighbourDispute, read, report, type Users } from './cases-helpers.ts';
import { createTestApp, type TestApp } from './harness.ts';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

function multipart(file: Buffer, type: string, name = 'photo.png') {
  const boundary = '----civicgrid-test';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Categories, attachments and the live event stream. */
describe('cases API: categories, attachments, events', () => {
  let t: TestApp;
  let u: Users;
  const dataDir = mkdtempSync(join(tmpdir(), 'civicgrid-attachments-'));
  beforeAll(async () => {
    t = await createTestApp({ dataDir });
    u = await loginAll(t.app);
  });
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists the two-level taxonomy of a kind, in Chinese and English', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/categories?kind=dispute' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as {
      code: string;
      parentCode: string | null;
      nameZh: string;
      nameEn: string;
    }[];
    const groups = items.filter((i) => i.parentCode === null);
    expect(groups.length).toBeGreaterThanOrEqual(2);
    expect(items.map((i) => i.code)).toEqual(
      expect.arrayContaining([
        'dispute.family',
        'dispute.neighbour',
        'dispute.property_management',
        'dispute.labour',
        'dispute.land',
        'dispute.medical',
        'dispute.contract',
        'dispute.demolition',
      ]),
    );
    expect(items.find((i) => i.code === 'dispute.labour')).toMatchObject({ nameZh: '劳动争议' });
  });

  it('lets an administrator edit a category, validated as a whole; others may not', async () => {
    const url = '/api/v1/categories/request.noise';
    expect(
      (await t.app.inject({ method: 'PATCH', url, headers: u.street_op.headers, payload: { nameEn: 'x' } }))
        .statusCode,
    ).toBe(403);
    const badLimits = await t.app.inject({
      method: 'PATCH',
      url,
      headers: u.admin.headers,
      payload: { timeLimits: { community: { yellow: 0.9, red: 0.5 } } },
    });
    expect(badLimits.statusCode).toBe(422);
    expect(badLimits.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'body.timeLimits.community.yellow',
    ]);
    const badType = await t.app.inject({
      method: 'PATCH',
      url,
      headers: u.admin.headers,
      payload: { responsibleUnitType: 'astrology' },
    });
    expect(badType.statusCode).toBe(422);
    const badAttr = await t.app.inject({
      method: 'PATCH',
      url,
      headers: u.admin.headers,
      payload: {
        attributes: [{ code: 'floor', label_zh: '楼层', label_en: 'Floor', type: 'single', required: true }],
      },
    });
    expect(badAttr.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'body.attributes.0.options',
    ]);
    const good = await t.app.inject({
      method: 'PATCH',
      url,
      headers: u.admin.headers,
      payload: {
        attributes: [{ code: 'floor', label_zh: '楼层', label_en: 'Floor', type: 'number', required: true }],
        duplicateRadiusM: 80,
      },
    });
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toMatchObject({
      duplicateRadiusM: 80,
      attributes: [{ code: 'floor', required: true }],
    });
    const intake = await report(t.app, u.gridworker, {
      kind: 'request',
      category: 'request.noise',
      description: '夜间施工噪声',
      gridCode: gridOf(u.gridworker),
      channel: 'field',
    });
    expect(intake.statusCode).toBe(422);
    expect(intake.json().errors.map((e: { field: string }) => e.field)).toEqual(['body.attributes.floor']);
  });

  it('stores a photo by its SHA-256, attaches it, and serves it only within scope', async () => {
    const c = (await report(t.app, u.gridworker, neighbourDispute(gridOf(u.gridworker)))).json();
    const form = multipart(PNG, 'image/png');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${c.id}/attachments`,
      headers: { ...u.gridworker.headers, 'content-type': form.contentType },
      payload: form.body,
    });
    expect(res.statusCode, res.body).toBe(201);
    const [file] = res.json().attachments;
    expect(file).toMatchObject({ mediaType: 'image/png', sizeBytes: PNG.length, fileName: 'photo.png' });
    expect(res.json().history.at(-1).action).toBe('attach');
    const got = await t.app.inject({
      method: 'GET',
      url: `/api/v1/attachments/${file.sha256}`,
      headers: u.community_op.headers,
    });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.rawPayload.equals(PNG)).toBe(true);
    expect(
      existsSync(join(dataDir, 'attachments', file.sha256.slice(0, 2), file.sha256.slice(2, 4), file.sha256)),
    ).toBe(true);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/attachments/${file.sha256}`,
          headers: u.hexi_op.headers,
        })
      ).statusCode,
    ).toBe(404);
  });

  it.each([
    ['text pretending to be a photo', Buffer.from('just some text, not an image'), 'image/jpeg', 422],
    ['a PNG declared as a JPEG', PNG, 'image/jpeg', 422],
    ['a photo over 10 MB', Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]), 'image/png', 413],
  ])('refuses %s and attaches nothing', async (_name, data, type, status) => {
    const c = (await report(t.app, u.gridworker, neighbourDispute(gridOf(u.gridworker)))).json();
    const form = multipart(data, type);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${c.id}/attachments`,
      headers: { ...u.gridworker.headers, 'content-type': form.contentType },
      payload: form.body,
    });
    expect(res.statusCode).toBe(status);
    expect(res.json().errors[0].field).toBe('body.file');
    expect((await read(t.app, u.gridworker, c.id)).json().attachments).toEqual([]);
  });

  it('streams case events in scope to the subscriber, and nothing out of scope', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const listen = async (headers: Record<string, string>) => {
      const res = await fetch(`${base}/api/v1/cases/events`, {
        headers: { cookie: headers.cookie ?? '', accept: 'text/event-stream' },
      });
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      let text = '';
      return {
        async until(needle: string, ms = 5000) {
          const deadline = Date.now() + ms;
          while (!text.includes(needle) && Date.now() < deadline) {
            const next = await Promise.race([
              reader.read(),
              new Promise<null>((r) => setTimeout(() => r(null), 200)),
            ]);
            if (next && !next.done) text += new TextDecoder().decode(next.value);
          }
          return text;
        },
        close: () => reader.cancel(),
      };
    };
    const inside = await listen(u.community_op.headers);
    const outside = await listen(u.hexi_op.headers);
    await inside.until(': connected');
    await outside.until(': connected');
    const c = (await report(t.app, u.gridworker, neighbourDispute(gridOf(u.gridworker)))).json();
    const seen = await inside.until(c.number);
    expect(seen).toContain('event: case.created');
    expect(seen).not.toContain('13812345678');
    expect(await outside.until(c.number, 600)).not.toContain(c.number);
    await inside.close();
    await outside.close();
  });
});
