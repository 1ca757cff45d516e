import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';

const INDEX = '<!doctype html><html><body><div id="root"></div></body></html>';

describe('web console serving', () => {
  let t: TestApp;
  let dist: string;
  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'cg-web-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), INDEX);
    writeFileSync(join(dist, 'assets', 'app-abc123.js'), 'console.log(1)');
    process.env.WEB_DIST = dist;
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
    delete process.env.WEB_DIST;
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves the console at / and at its own routes (SPA fallback)', async () => {
    for (const url of ['/', '/inbox', '/cases/120101-2026-000001?tab=history', '/admin/users']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toBe(INDEX);
    }
  });

  it('serves built assets with a long cache and index.html with none', async () => {
    const asset = await t.app.inject({ method: 'GET', url: '/assets/app-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toBe('console.log(1)');
    expect(asset.headers['cache-control']).toContain('immutable');
    const index = await t.app.inject({ method: 'GET', url: '/inbox' });
    expect(index.headers['cache-control']).toBe('no-cache');
  });

  it('serves files added after start-up (a rebuild) and 404s a missing asset', async () => {
    writeFileSync(join(dist, 'assets', 'late-def456.js'), 'late()');
    const late = await t.app.inject({ method: 'GET', url: '/assets/late-def456.js' });
    expect(late.statusCode).toBe(200);
    expect(late.body).toBe('late()');
    const missing = await t.app.inject({ method: 'GET', url: '/assets/gone-000.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
  });

  it('serves the API reference at /api/docs with its own assets, and the OpenAPI document', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('swagger-ui');
    const script = page.body.match(/src="\.\/(swagger-ui-bundle\.js)"/)?.[1] ?? 'swagger-ui-bundle.js';
    const bundle = await t.app.inject({ method: 'GET', url: `/api/docs/static/${script}` });
    expect(bundle.statusCode).toBe(200);
    expect(bundle.headers['content-type']).toContain('javascript');
    const doc = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(doc.statusCode).toBe(200);
    expect(doc.json().paths['/api/v1/cases']).toBeDefined();
  });

  it('never answers an unknown API or Open311 path with the console', async () => {
    for (const url of ['/api/v1/nothing-here', '/api']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    // Open311 answers its own errors in its own format, never with the console
    const open311 = await t.app.inject({ method: 'GET', url: '/open311/v2/nothing.json' });
    expect(open311.statusCode).toBe(404);
    expect(open311.body).not.toBe(INDEX);
  });

  it('does not let a path climb out of the console folder', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/..%2f..%2fetc%2fpasswd' });
    expect(res.body).not.toContain('root:');
  });
});

describe('web console not built', () => {
  let t: TestApp;
  beforeAll(async () => {
    process.env.WEB_DIST = join(tmpdir(), 'cg-web-missing-dir');
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
    delete process.env.WEB_DIST;
  });

  it('says plainly how to build it, in Chinese and English', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('npm run build');
    expect(res.body).toContain('控制台尚未构建');
    expect(res.body).toContain('not built');
  });

  it('keeps the API working', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
  });
});
