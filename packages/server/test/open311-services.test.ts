import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.ts';
import { insertFixtureCategories, jsonOf, xmlOf } from './open311-fixtures.ts';

describe('Open311 discovery, services and service definitions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await insertFixtureCategories(t.ctx);
  });
  afterAll(() => t.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers });

  it('publishes a discovery document in JSON and XML', async () => {
    const json = jsonOf(await get('/open311/v2/discovery.json'));
    expect(json).toMatchObject({
      changeset: expect.any(String),
      contact: expect.stringContaining('120000000000'),
    });
    expect(json.key_service).toContain('API');
    expect(json.endpoints[0]).toMatchObject({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      url: expect.stringMatching(/\/open311\/v2$/),
      type: 'production',
      formats: ['text/xml', 'application/json'],
    });
    const xml = xmlOf(await get('/open311/v2/discovery.xml')).discovery;
    expect(xml.endpoints.endpoint[0].formats.format).toEqual(['text/xml', 'application/json']);
    expect(xml.changeset).toBe(json.changeset);
  });

  it('lists the request categories open to residents, not internal or retired ones', async () => {
    const services = jsonOf(await get('/open311/v2/services.json'));
    const codes = services.map((s: { service_code: string }) => s.service_code);
    expect(codes).toEqual(expect.arrayContaining(['t311.lamp', 't311.pothole']));
    expect(codes).not.toContain('t311.internal');
    expect(codes).not.toContain('t311.retired');
    expect(services.find((s: { service_code: string }) => s.service_code === 't311.lamp')).toEqual({
      service_code: 't311.lamp',
      service_name: '路灯不亮',
      description: '测试市政设施 · 路灯不亮',
      metadata: true,
      type: 'realtime',
      keywords: '路灯不亮, Street light out, 测试市政设施, Test public works',
      group: '测试市政设施',
    });
    expect(services.find((s: { service_code: string }) => s.service_code === 't311.pothole').metadata).toBe(
      false,
    );
  });

  it('names services in English when the client prefers it', async () => {
    const services = jsonOf(await get('/open311/v2/services.json', { 'accept-language': 'en-GB,en;q=0.9' }));
    expect(services.find((s: { service_code: string }) => s.service_code === 't311.lamp')).toMatchObject({
      service_name: 'Street light out',
      group: 'Test public works',
    });
  });

  it('serves the same list in XML (and in XML without a suffix)', async () => {
    for (const url of ['/open311/v2/services.xml', '/open311/v2/services']) {
      const doc = xmlOf(await get(url));
      const lamp = doc.services.service.find((s: { service_code: string }) => s.service_code === 't311.lamp');
      expect(lamp).toMatchObject({ service_name: '路灯不亮', metadata: 'true', type: 'realtime' });
    }
  });

  it('defines a service from its category attributes, in both formats', async () => {
    const def = jsonOf(await get('/open311/v2/services/t311.lamp.json'));
    expect(def.service_code).toBe('t311.lamp');
    expect(def.attributes).toEqual([
      expect.objectContaining({
        variable: true,
        code: 'pole',
        datatype: 'text',
        required: true,
        order: 1,
        description: '灯杆编号',
        values: [],
      }),
      expect.objectContaining({
        code: 'fault',
        datatype: 'singlevaluelist',
        required: false,
        order: 2,
        values: [
          { key: 'dark', name: '不亮' },
          { key: 'flicker', name: '闪烁' },
        ],
      }),
      expect.objectContaining({ code: 'parts', datatype: 'multivaluelist', order: 3 }),
    ]);
    const xml = xmlOf(await get('/open311/v2/services/t311.lamp.xml')).service_definition;
    expect(xml.service_code).toBe('t311.lamp');
    expect(xml.attributes.attribute.map((a: { code: string }) => a.code)).toEqual(['pole', 'fault', 'parts']);
    expect(xml.attributes.attribute[1].values.value[1]).toEqual({ key: 'flicker', name: '闪烁' });
  });

  it('answers an unknown, internal or retired service code with the spec 404 in the asked format', async () => {
    for (const code of ['nope', 't311.internal', 't311.retired']) {
      const res = await get(`/open311/v2/services/${code}.json`);
      expect(res.statusCode).toBe(404);
      expect(jsonOf(res)).toEqual([{ code: 404, description: `service_code ${code} was not found` }]);
    }
    const xml = await get('/open311/v2/services/nope.xml');
    expect(xml.statusCode).toBe(404);
    expect(xmlOf(xml).errors.error).toEqual([
      { code: '404', description: 'service_code nope was not found' },
    ]);
  });

  it('checks jurisdiction_id: ours is accepted, another is 404', async () => {
    expect((await get('/open311/v2/services.json?jurisdiction_id=120000000000')).statusCode).toBe(200);
    const res = await get('/open311/v2/services.json?jurisdiction_id=sfgov.org');
    expect(res.statusCode).toBe(404);
    expect(jsonOf(res)[0].description).toContain('jurisdiction_id sfgov.org');
  });

  it('answers an unknown resource under /open311/v2 with the spec error list', async () => {
    const res = await get('/open311/v2/nothing.json');
    expect(res.statusCode).toBe(404);
    expect(jsonOf(res)[0]).toMatchObject({ code: 404 });
  });
});
