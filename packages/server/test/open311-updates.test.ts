import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeCase } from '../src/cases/intake/intake-service.ts';
import { residentActor } from '../src/identity/residents.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { loginAs } from './login.ts';
import {
  apiKeyFor,
  demoGrid,
  FORM,
  form,
  insertFixtureCategories,
  jsonOf,
  xmlOf,
} from './open311-fixtures.ts';

const DAY = 86_400_000;

describe('Open311 request windows and FixMyStreet service request updates', () => {
  let t: TestApp;
  let apiKey: string;
  let grid: string;
  let old: string;
  let recent: string;
  beforeAll(async () => {
    t = await createTestApp();
    await insertFixtureCategories(t.ctx);
    apiKey = await apiKeyFor(t.app);
    grid = await demoGrid(t.app);
    const intake = (daysAgo: number) =>
      intakeCase(
        t.ctx,
        residentActor(900_000 + daysAgo),
        {
          kind: 'request',
          category: 't311.pothole',
          description: `${daysAgo} days ago`,
          gridCode: grid,
          channel: 'open311',
        },
        { now: new Date(Date.now() - daysAgo * DAY) },
      );
    old = (await intake(120)).number;
    recent = (await intake(1)).number;
    await intake(2);
  });
  afterAll(() => t.close());

  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const ids = async (url: string) =>
    jsonOf(await get(url)).map((r: { service_request_id: string }) => r.service_request_id) as string[];
  const post = (url: string, fields: Record<string, string>) =>
    t.app.inject({ method: 'POST', url, headers: FORM, payload: form(fields) });
  const iso = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString();

  it('lists the most recent 90 days by default', async () => {
    const list = await ids('/open311/v2/requests.json');
    expect(list).toContain(recent);
    expect(list).not.toContain(old);
  });

  it('reaches older requests with a window of at most 90 days', async () => {
    const list = await ids(`/open311/v2/requests.json?start_date=${iso(125)}&end_date=${iso(100)}`);
    expect(list).toEqual([old]);
    const onlyStart = await ids(`/open311/v2/requests.json?start_date=${iso(121)}`);
    expect(onlyStart).toContain(old);
    expect(onlyStart).not.toContain(recent);
    const tooWide = await get(`/open311/v2/requests.xml?start_date=${iso(130)}&end_date=${iso(0)}`);
    expect(tooWide.statusCode).toBe(400);
    expect(xmlOf(tooWide).errors.error[0].description).toContain('90 days');
  });

  it('lets service_request_id override the window, status and service_code', async () => {
    expect(
      await ids(`/open311/v2/requests.json?service_request_id=${old},${recent}&status=closed&service_code=x`),
    ).toEqual([recent, old]);
  });

  it('pages with page and page_size, newest first', async () => {
    const all = await ids('/open311/v2/requests.json');
    expect(await ids('/open311/v2/requests.json?page_size=1')).toEqual([all[0]]);
    expect(await ids('/open311/v2/requests.json?page_size=1&page=2')).toEqual([all[1]]);
    const bad = await get('/open311/v2/requests.json?page_size=5000');
    expect(bad.statusCode).toBe(400);
  });

  it('filters by service_code and answers an unknown request id with 404', async () => {
    expect(await ids('/open311/v2/requests.json?service_code=t311.lamp')).not.toContain(recent);
    expect(await ids('/open311/v2/requests.json?service_code=t311.pothole,t311.lamp')).toContain(recent);
    const res = await get('/open311/v2/requests/120101-2026-999999.json');
    expect(res.statusCode).toBe(404);
    expect(jsonOf(res)).toEqual([
      { code: 404, description: 'service_request_id 120101-2026-999999 was not found' },
    ]);
  });

  it("publishes staff updates, and takes the submitting client's reopen for its reporter", async () => {
    const [made] = jsonOf(
      await post('/open311/v2/requests.json', {
        api_key: apiKey,
        service_code: 't311.pothole',
        address_id: grid,
        description: '井盖缺失',
      }),
    );
    const id = made.service_request_id;
    const op = await loginAs(t.app, 'community_op');
    for (const [action, payload] of [
      ['accept', { comment: '马上处理' }],
      ['close', { conclusion: '已补上井盖' }],
    ] as const) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${id}/actions`,
        headers: op.headers,
        payload: { action, clientId: `${action}-1`, payload },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const updates = jsonOf(await get(`/open311/v2/servicerequestupdates.json?start_date=${iso(1)}`)).filter(
      (u: { service_request_id: string }) => u.service_request_id === id,
    );
    expect(updates.map((u: { status: string; description: string }) => [u.status, u.description])).toEqual([
      ['INVESTIGATING', '马上处理'],
      ['CLOSED', '已补上井盖'],
    ]);
    expect(updates[0]).toMatchObject({
      update_id: expect.any(String),
      updated_datetime: expect.stringMatching(/\+08:00$/),
    });
    const xml = xmlOf(await get(`/open311/v2/servicerequestupdates.xml?start_date=${iso(1)}`));
    expect(xml.service_request_updates.request_update.length).toBeGreaterThanOrEqual(2);

    const reopen = {
      api_key: apiKey,
      service_request_id: id,
      update_id: 'fms-77',
      status: 'REOPEN',
      updated_datetime: new Date().toISOString(),
      description: '井盖又被偷了',
    };
    const first = await post('/open311/v2/servicerequestupdates.json', reopen);
    expect(first.statusCode, first.body).toBe(200);
    const [{ update_id }] = jsonOf(first);
    const again = jsonOf(await post('/open311/v2/servicerequestupdates.json', reopen));
    expect(again).toEqual([{ update_id }]);
    const [now] = jsonOf(await get(`/open311/v2/requests/${id}.json`));
    expect(now).toMatchObject({ status: 'open', status_notes: '井盖又被偷了' });
    const latest = jsonOf(await get(`/open311/v2/servicerequestupdates.json?start_date=${iso(1)}`)).find(
      (u: { update_id: string }) => u.update_id === update_id,
    );
    expect(latest).toMatchObject({ status: 'REOPEN', service_request_id: id });
  });

  it.each([
    [{ service_request_id: '' }, 400, 'service_request_id was not provided'],
    [{ update_id: '' }, 400, 'update_id was not provided'],
    [{ status: 'MAYBE' }, 400, 'status: must be one of'],
    [{ service_request_id: '120101-2026-999999' }, 404, 'was not found'],
    [{ api_key: 'wrong' }, 403, 'api_key'],
    [{ status: 'REOPEN', description: '' }, 400, 'description'],
  ])('refuses a bad update %j', async (change, status, text) => {
    const res = await post('/open311/v2/servicerequestupdates.json', {
      api_key: apiKey,
      service_request_id: recent,
      update_id: `bad-${Math.random()}`,
      status: 'OPEN',
      description: 'x',
      ...change,
    });
    expect(res.statusCode).toBe(status);
    expect(jsonOf(res)[0].description).toContain(text);
  });
});
