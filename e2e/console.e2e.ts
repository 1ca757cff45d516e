import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logIn, newSession, recordScripts, screenshot } from './support/browser.ts';
import { type Platform, startPlatform } from './support/platform.ts';

// Signatures of the two heavy libraries inside a built chunk.
const MAPLIBRE = 'maplibregl-';
const ECHARTS = '_echarts_instance_';

async function heavyLibrariesIn(scripts: { url: string; body: Promise<string> }[]) {
  const bodies = await Promise.all(scripts.map((s) => s.body));
  return {
    maplibre: bodies.some((b) => b.includes(MAPLIBRE)),
    echarts: bodies.some((b) => b.includes(ECHARTS)),
    count: bodies.length,
  };
}

describe('web console in Chromium', () => {
  let platform: Platform;
  let browser: Browser;

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('log-in page lists the demo users and loads neither map nor chart library', async () => {
    const { page, context } = await newSession(browser, platform.url);
    const scripts = recordScripts(page);
    await page.goto('/');
    await page.waitForURL(/\/login/);
    const demo = page.getByTestId('demo-users');
    await expect.poll(() => demo.textContent()).toContain('gridworker');
    await expect.poll(() => demo.textContent()).toContain('street_op');
    await screenshot(page, '01-login');
    const loaded = await heavyLibrariesIn(scripts);
    expect(loaded.count).toBeGreaterThan(0);
    expect(loaded.maplibre).toBe(false);
    expect(loaded.echarts).toBe(false);
    await context.close();
  });
});
