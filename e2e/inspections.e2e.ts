import type { Browser, Page } from 'playwright-core';
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

/** Call the API with the page's session (cookie and CSRF token), for set-up the scenario does not look at. */
async function apiAs(page: Page) {
  const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { csrfToken: string };
  return async (path: string, data: unknown) => {
    const res = await page.request.post(path, { data, headers: { 'x-csrf-token': me.csrfToken } });
    if (!res.ok()) throw new Error(`${path}: ${res.status()} ${await res.text()}`);
    return res.json();
  };
}

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
    // a campaign lead's running campaign over the city's restaurants (set up through the API)
    const lead = await newSession(browser, platform.url);
    await logIn(lead.page, 'admin', '/campaigns');
    const city = await platform.ctx.db
      .selectFrom('region')
      .select('code')
      .where('level', '=', 'city')
      .executeTakeFirstOrThrow();
    const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
    const campaign = (await (
      await apiAs(lead.page)
    )('/api/v1/campaigns', {
      name: '小餐饮安全检查行动',
      regionCode: city.code,
      placeTypes: ['restaurant'],
      startsOn: day(-1),
      endsOn: day(30),
    })) as { id: number };

    await logIn(page, 'inspector', '/inspect');
    await page.getByLabel('搜索场所名称').fill('小餐馆');
    await page.getByLabel('搜索场所名称').press('Enter');
    await page.locator('.cg-inspect-place').first().click();
    const items = page.locator('[data-testid^="item-"]');
    await eventually(() => items.count()).toBeGreaterThan(0);
    await page.getByRole('combobox', { name: '专项行动' }).click();
    await page.getByTitle('小餐饮安全检查行动').click();
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

    // the campaign's board counts the visit and its hazard; the figure lists the hazard's row
    await lead.page.goto(`/campaigns/${campaign.id}`);
    const visited = lead.page.getByTestId(`board-${city.code}-visited`);
    await eventually(() => visited.textContent()).toBe('1');
    await eventually(() => lead.page.getByTestId(`board-${city.code}-found`).textContent()).toBe('1');
    await lead.page.getByTestId(`board-${city.code}-found`).click();
    await eventually(() => lead.page.getByTestId('board-rows').first().textContent()).toContain(caseNumber);
    await screenshot(lead.page, 'inspect-04-campaign-board');
    await phone.context.close();
    await desk.context.close();
    await lead.context.close();
  });
});
