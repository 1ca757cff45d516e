import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('Open311 POST requests and following a request to closed', () => {
  let t: TestApp;
  let apiKey: string;
  let grid: string;
  beforeAll(async () => {
    t = await createTestApp();
    await insertFixtureCategories(t.ctx);
    apiKey = await apiKeyFor(t.app);
    grid = await demoGrid(t.app);
  });
  afterAll(() => t.close());

  const post = (url: string, fields: Record<string, string | string[]>) =>
    t.app.inject({ method: 'POST', url, headers: FORM, payload: form(fields) });
  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const caseCount = async () =>
    Number(
      (
        await t.ctx.db
          .selectFrom('cases')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const lamp = () => ({
    api_key: apiKey,
    service_code: 't311.lamp',
    address_id: grid,
    'attribute[pole]': 'HP-0042',
    description: '路灯整晚不亮',
  });

  it.each([
    ['no api_key', {}, 403, 'api_key'],
    ['an unknown api_key', { api_key: 'cgt_not-a-token' }, 403, 'api_key'],
    ['no service_code', { service_code: '' }, 400, 'service_code was not provided'],
    ['an unknown service_code', { service_code: 'nope' }, 404, 'service_code nope was not found'],
    ['a service closed to residents', { service_code: 't311.internal' }, 404, 'service_code t311.internal'],
    ['no location', { address_id: '' }, 400, 'a location was not provided'],
    ['lat without long', { lat: '39.12' }, 400, 'long: lat and long must be sent together'],
    ['a latitude out of range', { lat: '95', long: '117.2' }, 400, 'lat: must be between -90 and 90'],
    [
      'a description over 4,000 characters',
      { description: 'x'.repeat(4001) },
      400,
      'description: at most 4000',
    ],
    ['a missing required attribute', { 'attribute[pole]': '' }, 400, 'attribute[pole]: is required'],
    ['a value not in the list', { 'attribute[fault]': 'smoke' }, 400, 'attribute[fault]: smoke is not one'],
    ['an unknown grid as address_id', { address_id: '999999999999001' }, 400, 'address_id'],
    ['a bad media_url', { media_url: 'javascript:alert(1)' }, 400, 'media_url'],
    ['another jurisdiction', { jurisdiction_id: 'sfgov.org' }, 404, 'jurisdiction_id sfgov.org'],
  ])('refuses %s with the spec error and creates nothing', async (name, change, status, text) => {
    const before = await caseCount();
    const fields: Record<string, string> = { ...lamp(), ...change };
    if (name === 'no api_key') delete fields.api_key;
    const res = await post('/open311/v2/requests.json', fields);
    expect(res.statusCode).toBe(status);
    const errors = jsonOf(res);
    expect(errors[0].code).toBe(status);
    expect(errors.map((e: { description: string }) => e.description).join(' ')).toContain(text);
    expect(await caseCount()).toBe(before);
  });

  it('answers errors in XML too', async () => {
    const res = await post('/open311/v2/requests.xml', { service_code: 't311.lamp' });
    expect(res.statusCode).toBe(403);
    expect(xmlOf(res).errors.error[0].code).toBe('403');
  });

  it('takes a request with attributes and personal data, and never shows the personal data back', async () => {
    const res = await post('/open311/v2/requests.json', {
      ...lamp(),
      'attribute[fault]': 'flicker',
      'attribute[parts][]': ['bulb', 'cover'],
      first_name: '小明',
      last_name: '王',
      phone: '13812345678',
      email: 'wang@example.com',
      account_id: 'acct-7',
      media_url: 'https://example.com/photo.jpg',
    });
    expect(res.statusCode).toBe(200);
    const [answer] = jsonOf(res);
    expect(answer).toEqual({
      service_request_id: expect.stringMatching(/^120101-\d{4}-\d{6}$/),
      service_notice: expect.stringContaining('受理时限'),
      account_id: 'acct-7',
    });
    const row = await t.ctx.db
      .selectFrom('cases')
      .selectAll()
      .where('number', '=', answer.service_request_id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ channel: 'open311', anonymous: false, grid_code: grid });
    expect(row.attributes).toEqual({ pole: 'HP-0042', fault: 'flicker', parts: ['bulb', 'cover'] });
    const person = await t.ctx.db
      .selectFrom('person')
      .select(['name', 'phone'])
      .where('id', '=', Number(row.reporter_person_id))
      .executeTakeFirstOrThrow();
    expect(person).toEqual({ name: '王小明', phone: '13812345678' });

    for (const url of [
      `/open311/v2/requests/${answer.service_request_id}.json`,
      `/open311/v2/requests/${answer.service_request_id}.xml`,
      '/open311/v2/requests.json',
      '/open311/v2/requests.xml',
    ]) {
      const body = (await get(url)).body;
      for (const secret of ['王小明', '13812345678', 'wang@example.com', '5678'])
        expect(body).not.toContain(secret);
    }
    const [one] = jsonOf(await get(`/open311/v2/requests/${answer.service_request_id}.json`));
    expect(one).toMatchObject({
      service_request_id: answer.service_request_id,
      status: 'open',
      service_code: 't311.lamp',
      service_name: '路灯不亮',
      // public output: the resident's own words stay private, as on the portal
      description: null,
      address_id: grid,
      media_url: 'https://example.com/photo.jpg',
      requested_datetime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/),
      updated_datetime: expect.stringMatching(/\+08:00$/),
      agency_responsible: expect.any(String),
    });
  });

  it('answers an identical retry with the same service_request_id, and a token that finds it', async () => {
    const fields = { ...lamp(), description: 'retry me' };
    const first = jsonOf(await post('/open311/v2/requests.json', fields))[0];
    const before = await caseCount();
    const again = jsonOf(await post('/open311/v2/requests.json', fields))[0];
    expect(again.service_request_id).toBe(first.service_request_id);
    expect(await caseCount()).toBe(before);
    const { token } = await t.ctx.db
      .selectFrom('open311_request')
      .select('token')
      .where('case_number', '=', first.service_request_id)
      .executeTakeFirstOrThrow();
    expect(jsonOf(await get(`/open311/v2/tokens/${token}.json`))).toEqual([
      { token, service_request_id: first.service_request_id },
    ]);
    expect(xmlOf(await get(`/open311/v2/tokens/${token}.xml`)).service_requests.request[0].token).toBe(token);
    const missing = await get('/open311/v2/tokens/nope.json');
    expect(missing.statusCode).toBe(404);
  });

  it('locates an address_string naming a community, and a lat/long point', async () => {
    const community = await t.ctx.db
      .selectFrom('region')
      .select(['name', 'path'])
      .where('path', 'like', `%/${grid.slice(0, 12)}/`)
      .executeTakeFirstOrThrow();
    const byWords = await post('/open311/v2/requests.xml', {
      api_key: apiKey,
      service_code: 't311.pothole',
      address_string: `${community.name} 3号楼门口`,
    });
    expect(byWords.statusCode).toBe(200);
    const id = xmlOf(byWords).service_requests.request[0].service_request_id;
    const row = await t.ctx.db
      .selectFrom('cases')
      .select(['region_path', 'address'])
      .where('number', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.region_path?.startsWith(community.path)).toBe(true);
    expect(row.address).toBe(`${community.name} 3号楼门口`);

    const box = await t.ctx.db
      .selectFrom('region')
      .select(['min_lon', 'min_lat', 'max_lon', 'max_lat'])
      .where('code', '=', grid)
      .executeTakeFirstOrThrow();
    const located = await t.app.inject({
      method: 'GET',
      url: `/api/v1/locate?lon=${((box.min_lon ?? 0) + (box.max_lon ?? 0)) / 2}&lat=${((box.min_lat ?? 0) + (box.max_lat ?? 0)) / 2}`,
    });
    const point = located.statusCode === 200 ? located.json() : null;
    const lon = ((box.min_lon ?? 0) + (box.max_lon ?? 0)) / 2;
    const lat = ((box.min_lat ?? 0) + (box.max_lat ?? 0)) / 2;
    const byPoint = await post('/open311/v2/requests.json', {
      api_key: apiKey,
      service_code: 't311.pothole',
      lat: String(lat),
      long: String(lon),
    });
    expect(byPoint.statusCode).toBe(200);
    const [req] = jsonOf(await get(`/open311/v2/requests/${jsonOf(byPoint)[0].service_request_id}.json`));
    expect(req).toMatchObject({ lat, long: lon });
    if (point) expect(req.address_id).toBe(point.grid?.code ?? point.grid);
    const outside = await post('/open311/v2/requests.json', {
      api_key: apiKey,
      service_code: 't311.pothole',
      lat: '31.23',
      long: '121.47',
    });
    expect(outside.statusCode).toBe(400);
    expect(jsonOf(outside)[0].description).toContain('lat/long');
  });

  it('follows a request to closed: status, status_notes and expected_datetime from the workflow', async () => {
    const [made] = jsonOf(await post('/open311/v2/requests.json', { ...lamp(), description: 'follow me' }));
    const id = made.service_request_id;
    const op = await loginAs(t.app, 'community_op');
    const act = async (action: string, payload: Record<string, unknown>) => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${id}/actions`,
        headers: op.headers,
        payload: { action, clientId: `${action}-${id}`, payload },
      });
      expect(res.statusCode, res.body).toBe(200);
    };
    await act('accept', { comment: '已受理，将派人查看' });
    const [accepted] = jsonOf(await get(`/open311/v2/requests/${id}.json`));
    expect(accepted).toMatchObject({ status: 'open', status_notes: '已受理，将派人查看' });
    expect(accepted.expected_datetime).toMatch(/\+08:00$/);
    await act('close', { conclusion: '已更换灯泡，恢复照明' });
    const [closed] = jsonOf(await get(`/open311/v2/requests/${id}.json`));
    expect(closed).toMatchObject({
      status: 'closed',
      status_notes: '已更换灯泡，恢复照明',
      expected_datetime: null,
    });
    const xml = xmlOf(await get(`/open311/v2/requests/${id}.xml`)).service_requests.request[0];
    expect(xml).toMatchObject({ status: 'closed', status_notes: '已更换灯泡，恢复照明' });

    const closedList = jsonOf(await get('/open311/v2/requests.json?status=closed'));
    expect(closedList.map((r: { service_request_id: string }) => r.service_request_id)).toContain(id);
    const openList = jsonOf(await get('/open311/v2/requests.json?status=open'));
    expect(openList.map((r: { service_request_id: string }) => r.service_request_id)).not.toContain(id);
  });
});
