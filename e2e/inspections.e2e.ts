import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { launchBrowser, logIn, newSession, screenshot } from './support/browser.ts';
import { eventually } from './support/case-steps.ts';
import { type Platform, startPlatform } from './support/platform.ts';

/** A real 1×1 PNG, as the phone's camera would give it. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const PHONE = { width: 390, height: 844 };

describe('inspections on a phone in Chromium', () => {
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

  it('an inspector records a visit with a hazard; the hazard is a case in its handler’s inbox', async () => {
    const phone = await newSession(browser, platform.url, PHONE);
    const { page } = phone;
    onTestFailed(async () => {
      await screenshot(page, 'failure-inspection');
    });
    await logIn(page, 'inspector', '/inspect');
    await page.getByLabel('搜索场所名称').fill('小餐馆');
    await page.getByLabel('搜索场所名称').press('Enter');
    await page.locator('.cg-inspect-place').first().click();
    const items = page.locator('[data-testid^="item-"]');
    await eventually(() => items.count()).toBeGreaterThan(0);
    const n = await items.count();
    for (let i = 0; i < n; i++) {
      const item = items.nth(i);
      const count = item.locator('input[role="spinbutton"]');
      if (await count.count()) await count.fill('10');
      await item.getByText(i === 0 ? '不合格' : '合格', { exact: true }).click();
    }
    const first = items.first();
    await first
      .locator('input[type="file"]')
      .setInputFiles({ name: 'exit.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => first.textContent()).toContain('1 张照片');
    await screenshot(page, 'inspect-01-visit-form');
    await page.getByTestId('visit-submit').click();
    const done = page.getByTestId('visit-done');
    await done.waitFor();
    await screenshot(page, 'inspect-02-visit-done');
    const caseNumber = (await done.locator('a').first().textContent())?.trim() ?? '';
    expect(caseNumber).toMatch(/^\d+/);

    // the handler: a working post at the unit the case was routed to
    const kase = await platform.ctx.db
      .selectFrom('cases')
      .select(['kind', 'current_unit_id'])
      .where('number', '=', caseNumber)
      .executeTakeFirstOrThrow();
    expect(kase.kind).toBe('hazard');
    const handler = await platform.ctx.db
      .selectFrom('user_post')
      .innerJoin('app_user', 'app_user.id', 'user_post.user_id')
      .select('app_user.username')
      .where('user_post.unit_id', '=', kase.current_unit_id)
      .where('user_post.role', 'in', ['centre_operator', 'department_handler'])
      .where('user_post.retired_at', 'is', null)
      .orderBy('app_user.id')
      .executeTakeFirstOrThrow();
    const desk = await newSession(browser, platform.url);
    await logIn(desk.page, handler.username, '/inbox');
    await eventually(() => desk.page.getByTestId('case-table').textContent()).toContain(caseNumber);
    await screenshot(desk.page, 'inspect-03-handler-inbox');
    await phone.context.close();
    await desk.context.close();
  });
});
