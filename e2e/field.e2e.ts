import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, gridOf, report } from '../packages/server/test/cases-helpers.ts';
import { type LoggedIn, loginAs } from '../packages/server/test/login.ts';
import { launchBrowser, logIn, newSession, screenshot, visibleText } from './support/browser.ts';
import { describeBytes, PHONE_BUDGET, recordBytes } from './support/bytes.ts';
import { eventually, takeAction } from './support/case-steps.ts';
import { type Platform, startPlatform } from './support/platform.ts';

/** The narrowest phone we promise to work on. */
const PHONE = { width: 360, height: 760 };
/** A real 1×1 PNG: the photo the grid worker takes. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe("the grid worker's phone view in Chromium", () => {
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

  it('shows every open case of my grid, fails a verification with a photo and the case returns to its handler', async () => {
    const app = platform.app;
    const [worker, station] = await Promise.all([loginAs(app, 'gridworker'), loginAs(app, 'urban_station')]);
    const grid = gridOf(worker);
    const streetLight = (description: string) => ({
      kind: 'request',
      category: 'request.street_light',
      attributes: {},
      description,
      gridCode: grid,
      channel: 'field',
    });
    // one case waiting at its station, one the station has fixed (to verify on the spot)
    const waiting = (await report(app, worker, streetLight('小区东门路灯闪烁'))).json();
    const fixed = (await report(app, worker, streetLight('3号楼前路灯不亮'))).json();
    for (const [action, payload] of [
      ['start', {}],
      ['resolve', { result: '已更换灯泡' }],
    ] as const) {
      const res = await act(app, station as LoggedIn, fixed.id, action, payload);
      expect(res.statusCode, res.body).toBe(200);
    }
    const open = await platform.ctx.db
      .selectFrom('cases')
      .select('number')
      .where('grid_code', '=', grid)
      .where('closed_at', 'is', null)
      .execute();

    const { page, context } = await newSession(browser, platform.url, PHONE);
    await logIn(page, 'gridworker');
    // a grid worker lands on their phone view
    await page.waitForURL(/\/field$/);
    const rows = page.getByTestId('field-case');
    await eventually(() => rows.count()).toBe(Math.min(open.length, 100));
    expect(await page.getByTestId('field-case-count').textContent()).toContain(String(open.length));
    const text = await visibleText(page);
    expect(text).toContain(waiting.number);
    expect(text).toContain(fixed.number);
    // each row says its step and its deadline
    const waitingRow = page.locator(`[data-testid="field-case"][data-number="${waiting.number}"]`);
    expect(await waitingRow.textContent()).toMatch(/已交办.*(剩余|超期)/);
    await screenshot(page, 'field-01-grid-cases');

    // fail the verification: a comment is required, a photo goes with it
    const fixedRow = page.locator(`[data-testid="field-case"][data-number="${fixed.number}"]`);
    await fixedRow.getByTestId('field-verify').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('核查不通过', { exact: true }).click();
    await dialog.getByTestId('verify-submit').click();
    await eventually(() => dialog.textContent()).toContain('核查不通过时请说明原因');
    await dialog.getByLabel('核查意见').fill('路灯仍然不亮，灯杆线路裸露');
    await dialog
      .locator('input[type=file]')
      .setInputFiles({ name: 'lamp.png', mimeType: 'image/png', buffer: PNG });
    await eventually(() => dialog.textContent()).toContain('lamp.png');
    await screenshot(page, 'field-02-verify-fail');
    await dialog.getByTestId('verify-submit').click();
    await dialog.waitFor({ state: 'hidden' });
    await eventually(() => fixedRow.textContent()).toContain('处置中');

    const back = (
      await app.inject({ url: `/api/v1/cases/${fixed.id}`, headers: (station as LoggedIn).headers })
    ).json();
    expect(back.status).toBe('handling');
    expect(back.currentUnit.id).toBe(fixed.currentUnit.id);
    expect(back.allowedActions).toContain('resolve');
    const history = back.history.map((h: { action: string }) => h.action);
    expect(history.slice(-2)).toEqual(['attach', 'verify_fail']);
    expect(back.attachments.length).toBeGreaterThan(0);

    // the menu works at 360 px: open it, go to the regions page and back
    await page.getByRole('button', { name: '主菜单' }).first().click();
    const menu = page.getByRole('navigation', { name: '主菜单' });
    await menu.getByText('区域网格').waitFor();
    // the open menu lies over the page: the page keeps the phone's whole width
    expect((await page.locator('#main').boundingBox())?.width).toBeGreaterThanOrEqual(340);
    await screenshot(page, 'field-02b-menu-open');
    await menu.getByText('区域网格').click();
    await page.waitForURL(/\/regions/);
    await page.getByRole('button', { name: '主菜单' }).first().click();
    await menu.getByText('网格员').click();
    await page.waitForURL(/\/field$/);
    await page.getByRole('tab', { name: '我的网格' }).click();
    const facts = page.getByTestId('field-grid');
    await eventually(() => facts.textContent()).toMatch(/所属社区.+户数\d+/);
    await page.locator('.maplibregl-canvas').waitFor();
    await screenshot(page, 'field-03-my-grid');
    await context.close();
  });

  it('loads the field page in under 600 kB compressed before map tiles', async () => {
    // a phone that has never been here: an empty cache, signed in already
    const worker = await loginAs(platform.app, 'gridworker');
    const { page, context } = await newSession(browser, platform.url, PHONE);
    await context.addCookies([
      { name: 'cg_session', value: worker.cookie.replace(/^cg_session=/, ''), url: platform.url },
    ]);
    const bytes = recordBytes(page, platform.url);
    await page.goto('/field', { waitUntil: 'networkidle' });
    await page.getByTestId('field-case-count').waitFor();
    const list = await bytes.list();
    const total = await bytes.total();
    console.log(`/field: ${(total / 1024).toFixed(1)} kB compressed in ${list.length} downloads`);
    console.log(describeBytes(list));
    expect(list.some((d) => d.url.startsWith('/assets/'))).toBe(true);
    expect(total, describeBytes(list)).toBeLessThan(PHONE_BUDGET);
    await context.close();
  });

  it('the centre coordinating a case recalls it from a station that has not started it and dispatches it again', async () => {
    const app = platform.app;
    const worker = await loginAs(app, 'gridworker');
    const made = (
      await report(app, worker, {
        kind: 'request',
        category: 'request.street_light',
        attributes: {},
        description: '路口路灯被车撞歪',
        gridCode: gridOf(worker),
        channel: 'field',
      })
    ).json();
    expect(made.status).toBe('dispatched');

    const { page, context } = await newSession(browser, platform.url, { width: 1280, height: 900 });
    await logIn(page, 'community_op', `/cases/${made.id}`);
    await page.getByTestId('case-title').waitFor();
    await takeAction(page, 'recall', { 原因: '应由派出所处理' });
    await eventually(async () => (await readCase(made.id)).status).toBe('accepted');

    // dispatch again, to the street's police station
    const before = await page.getByTestId('case-history').locator('.ant-timeline-item').count();
    await page.locator('[data-testid="case-actions"] [data-action="dispatch"]').click();
    const modal = page.getByRole('dialog');
    await modal.getByTestId('unit-picker').click();
    await page.keyboard.type('派出所');
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '派出所' })
      .first()
      .click();
    // on a busy machine the option's click can land before the list settles: go on once it is chosen
    await eventually(async () => (await modal.getByTestId('unit-picker').textContent()) ?? '').toContain(
      '派出所',
    );
    await modal.locator('button.ant-btn-primary').click();
    await modal.waitFor({ state: 'hidden' });
    await eventually(() =>
      page.getByTestId('case-history').locator('.ant-timeline-item').count(),
    ).toBeGreaterThan(before);
    const after = await readCase(made.id);
    expect(after.status).toBe('dispatched');
    expect(after.currentUnit.name).toMatch(/派出所$/);
    expect(after.history.map((h: { action: string }) => h.action).slice(-2)).toEqual(['recall', 'dispatch']);
    await screenshot(page, 'field-04-recalled-and-dispatched');
    await context.close();
  });

  async function readCase(id: number) {
    const op = await loginAs(platform.app, 'community_op');
    return (await platform.app.inject({ url: `/api/v1/cases/${id}`, headers: op.headers })).json();
  }
});
