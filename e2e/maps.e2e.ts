import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BoundaryFeature, labelPoint } from '../packages/web/src/components/map-style.ts';
import { launchBrowser, newSession, screenshot } from './support/browser.ts';
import { type Platform, startPlatform } from './support/platform.ts';

const PHONE = { width: 390, height: 844 };

/**
 * Maps people can read (issue 13, item 7): region names on the map, drawn from the device's
 * fonts (nothing fetched from elsewhere), and on a phone "use my location" placing the pin with
 * its accuracy.
 */
describe('maps in Chromium', () => {
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

  it('names the regions on the portal map and places the pin from the phone’s position', async () => {
    const db = platform.ctx.db;
    const post = await db
      .selectFrom('user_post as up')
      .innerJoin('app_user as u', 'u.id', 'up.user_id')
      .select('up.region_path')
      .where('u.username', '=', 'gridworker')
      .executeTakeFirstOrThrow();
    const gridCode = post.region_path.split('/').filter(Boolean).at(-1) as string;
    const grid = await db
      .selectFrom('region')
      .select(['name', 'boundary'])
      .where('code', '=', gridCode)
      .executeTakeFirstOrThrow();
    const [longitude, latitude] = labelPoint(grid.boundary as BoundaryFeature['geometry']) as [
      number,
      number,
    ];

    const { page, context } = await newSession(browser, platform.url, PHONE);
    const elsewhere: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(platform.url) && !r.url().startsWith('data:') && !r.url().startsWith('blob:'))
        elsewhere.push(r.url());
    });
    await context.grantPermissions(['geolocation'], { origin: platform.url });
    await context.setGeolocation({ longitude, latitude, accuracy: 35 });
    await page.goto('/portal');
    // the portal loads the map when the resident asks for it
    await page.getByTestId('pick-on-map').click();
    const map = page.getByTestId('region-map');
    await map.scrollIntoViewIfNeeded();
    // the districts' names are on the map once it has drawn (the whole city: districts only)
    await expect
      .poll(async () => Number(await map.getAttribute('data-labels')), { timeout: 30_000 })
      .toBeGreaterThan(3);

    await screenshot(page, 'maps-00-portal-names');
    await page.getByTestId('map-locate').click();
    await expect.poll(() => page.getByTestId('map-locate-note').textContent()).toContain('35');
    await expect
      .poll(() => page.getByTestId('located').textContent(), { timeout: 30_000 })
      .toContain(grid.name);
    await screenshot(page, 'maps-01-portal-my-location');
    // zoomed in on the pin, the grids around it are named; zooming out, communities, then streets
    const levels = () => map.getAttribute('data-label-levels').then((l) => (l ?? '').split(' '));
    await expect.poll(levels, { timeout: 30_000 }).toContain('grid');
    await screenshot(page, 'maps-02-portal-grids');
    await page.locator('.maplibregl-ctrl-zoom-out').click();
    await expect.poll(levels, { timeout: 30_000 }).toContain('community');
    await expect.poll(levels, { timeout: 30_000 }).not.toContain('grid');
    await screenshot(page, 'maps-03-portal-communities');
    await page.locator('.maplibregl-ctrl-zoom-out').click();
    await page.locator('.maplibregl-ctrl-zoom-out').click();
    await expect.poll(levels, { timeout: 30_000 }).toContain('street');
    await expect.poll(levels, { timeout: 30_000 }).not.toContain('community');
    await expect
      .poll(async () => Number(await map.getAttribute('data-labels')), { timeout: 30_000 })
      .toBeGreaterThan(3);
    await screenshot(page, 'maps-04-portal-streets');
    expect(elsewhere).toEqual([]);
    await context.close();
  });
});
