import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { en } from '../packages/web/src/i18n/en.ts';
import { zh } from '../packages/web/src/i18n/zh.ts';
import {
  launchBrowser,
  logIn,
  newSession,
  recordScripts,
  screenshot,
  visibleText,
} from './support/browser.ts';
import { choose, eventually, figure, openCase, takeAction, tapUntil } from './support/case-steps.ts';
import { type Platform, startPlatform } from './support/platform.ts';

// Signatures of the two heavy libraries inside a built chunk.
const MAPLIBRE = 'maplibregl-';
const ECHARTS = '_echarts_instance_';
const HEPING = '120101000000';

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
  let caseId = '';

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
    await eventually(() => demo.textContent()).toContain('gridworker');
    await eventually(() => demo.textContent()).toContain('street_op');
    await screenshot(page, '01-login');
    const loaded = await heavyLibrariesIn(scripts);
    expect(loaded.count).toBeGreaterThan(0);
    expect(loaded).toMatchObject({ maplibre: false, echarts: false });
    await context.close();
  });

  it('runs a case through the closed loop and the command centre counts it', async () => {
    // the district's command centre before: figures to compare with afterwards
    const centre = await newSession(browser, platform.url, { width: 1920, height: 1080 });
    await logIn(centre.page, 'district_op');
    await centre.page.getByTestId('figure-received').waitFor();
    await eventually(() => centre.page.locator('[data-testid="region-map"] canvas').count()).toBe(1);
    let current = centre.page;
    onTestFailed(async () => {
      await screenshot(current, 'failure-closed-loop');
    });
    const receivedBefore = await figure(centre.page, 'received');
    const closedBefore = await figure(centre.page, 'closed');

    // 1. the grid worker reports a neighbour dispute by dropping a point on the map
    const grid = await newSession(browser, platform.url);
    await logIn(grid.page, 'gridworker', '/cases/new');
    const { page } = grid;
    current = page;
    await choose(page, '事件类型', '矛盾纠纷');
    await choose(page, '事件类别', '邻里纠纷');
    await page.getByLabel('当事人数').fill('2');
    await choose(page, '风险等级', '一般');
    await page.getByLabel('标题').fill('楼上漏水引发邻里矛盾');
    await page.getByLabel('事件描述').fill('3号楼402与302因漏水多次争吵，需协调物业与房管。');
    const canvas = page.locator('[data-testid="region-map"] canvas');
    await canvas.waitFor();
    await page.waitForResponse((r) => r.url().includes('/boundaries') && r.ok()).catch(() => undefined);
    const box = await canvas.boundingBox();
    if (!box) throw new Error('map not drawn');
    // the map moves while it fits its bounds: tap the middle until the tap is located to a grid
    await tapUntil(
      page,
      { x: box.x + box.width / 2, y: box.y + box.height / 2 },
      () => page.getByTestId('located-grid').textContent(),
      /已定位到网格/,
    );
    await screenshot(page, '02-new-case');
    await page.getByRole('button', { name: /提\s*交/ }).click();
    await page.waitForURL(/\/cases\/\d+$/);
    caseId = page.url().split('/').pop() ?? '';
    await page.getByTestId('case-title').waitFor();
    expect(await page.getByTestId('case-title').textContent()).toBe('楼上漏水引发邻里矛盾');

    // 2. the community operator escalates it to the street
    const community = await newSession(browser, platform.url);
    current = community.page;
    await logIn(community.page, 'community_op', `/cases/${caseId}`);
    await community.page.getByTestId('case-title').waitFor();
    await takeAction(community.page, 'escalate', { 原因: '涉及房管和城管，社区无法单独解决' });

    // 3. the street operator accepts and summons two departments
    const street = await newSession(browser, platform.url);
    current = street.page;
    await logIn(street.page, 'street_op', `/cases/${caseId}`);
    await street.page.getByTestId('case-title').waitFor();
    await street.page.goto('/inbox');
    await eventually(() => street.page.getByTestId('case-table').textContent()).toContain(
      '楼上漏水引发邻里矛盾',
    );
    await screenshot(street.page, '07-inbox-street');
    await openCase(street.page, caseId);
    await takeAction(street.page, 'accept');
    const departments = await platform.ctx.db
      .selectFrom('unit')
      .select(['name', 'department_type'])
      .where('region_code', '=', HEPING)
      .where('department_type', 'in', ['urban_management', 'housing'])
      .execute();
    expect(departments).toHaveLength(2);
    await takeAction(
      street.page,
      'summon',
      { 意见: '请城管、房管到场' },
      departments.map((d) => d.name),
    );
    await eventually(() => street.page.locator('[data-summons="open"]').count()).toBe(2);
    await screenshot(street.page, '03-case-summoned');

    // 4. each department reports in and finishes its part
    for (const handler of ['urban_handler', 'housing_handler']) {
      const dept = await newSession(browser, platform.url);
      current = dept.page;
      await logIn(dept.page, handler, `/cases/${caseId}`);
      await dept.page.getByTestId('case-title').waitFor();
      await takeAction(dept.page, 'summons_report_in');
      await takeAction(dept.page, 'summons_done', { 处置结果: `${handler} 已到场处置完毕` });
      await dept.context.close();
    }
    await openCase(street.page, caseId);
    await eventually(() => street.page.locator('[data-summons="done"]').count()).toBe(2);
    await takeAction(street.page, 'resolve', { 处置结果: '漏水已修复，双方达成谅解' });

    // 5. the grid worker verifies on the spot, on a phone
    const phone = await newSession(browser, platform.url, { width: 390, height: 844 });
    current = phone.page;
    await logIn(phone.page, 'gridworker', '/field');
    const verify = phone.page.getByRole('button', { name: /现场核查/ });
    await verify.first().waitFor();
    await screenshot(phone.page, '04-field-phone');
    await verify.first().click();
    const check = phone.page.getByRole('dialog');
    await check.getByText('核查通过', { exact: true }).click();
    await check.getByLabel('核查意见').fill('现场查看，漏水已止');
    await check.getByTestId('verify-submit').click();
    await check.waitFor({ state: 'hidden' });
    await eventually(() => phone.page.getByRole('button', { name: /现场核查/ }).count()).toBe(0);
    await openCase(grid.page, caseId);
    await eventually(() => grid.page.locator('.ant-tag', { hasText: '已结案' }).count()).toBeGreaterThan(0);
    await screenshot(grid.page, '05-case-closed');

    // 6. the command centre counts one more received and one more closed
    await centre.page.reload();
    await centre.page.getByTestId('figure-received').waitFor();
    await eventually(async () => {
      await centre.page.reload();
      await centre.page.getByTestId('figure-closed').waitFor();
      return [await figure(centre.page, 'received'), await figure(centre.page, 'closed')];
    }).toEqual([receivedBefore + 1, closedBefore + 1]);
    await centre.page.waitForLoadState('networkidle');
    await screenshot(centre.page, '06-command-centre');
    // the live feed shows the case's events as they happen
    await centre.page.reload();
    await centre.page.getByTestId('live-feed').waitFor();
    const number = (await grid.page.getByTestId('case-number').textContent()) ?? '';
    const rating = await newSession(browser, platform.url);
    await logIn(rating.page, 'street_op', `/cases/${caseId}`);
    await rating.page.getByTestId('case-title').waitFor();
    await takeAction(rating.page, 'note', { 备注内容: '已回访，双方满意' });
    await eventually(() => centre.page.getByTestId('live-feed').textContent()).toContain(number);
    await rating.context.close();
    // drill down from the district to one of its streets by clicking the map
    const map = centre.page.locator('[data-testid="region-map"] canvas');
    const mapBox = await map.boundingBox();
    if (!mapBox) throw new Error('command centre map not drawn');
    await centre.page.mouse.click(mapBox.x + mapBox.width / 2, mapBox.y + mapBox.height / 2);
    await eventually(() => centre.page.getByTestId('scope-breadcrumb').textContent()).toMatch(/和平区.*街道/);

    for (const s of [centre, grid, community, street, phone]) await s.context.close();
  });

  it('the inbox loads neither map nor chart library, and shows counts per step', async () => {
    const { page, context } = await newSession(browser, platform.url);
    await logIn(page, 'street_op', '/login');
    const scripts = recordScripts(page);
    await page.goto('/inbox');
    await page.getByTestId('tab-to_accept').waitFor();
    await page.getByTestId('case-table').waitFor();
    await screenshot(page, '07-inbox');
    const loaded = await heavyLibrariesIn(scripts);
    expect(loaded.count).toBeGreaterThan(0);
    expect(loaded).toMatchObject({ maplibre: false, echarts: false });
    await context.close();
  });

  it('the language switch turns every visible label to English, and it is remembered', async () => {
    const { page, context } = await newSession(browser, platform.url, { width: 1920, height: 1080 });
    await logIn(page, 'admin');
    await page.getByTestId('figure-received').waitFor();
    await page.getByTestId('lang-switch').click();
    await page.getByText(en['home.title']).first().waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, '08-command-centre-en');
    const labels = ['nav.', 'home.', 'figure.', 'lang.'];
    const shown = Object.entries(zh).filter(([k, v]) => labels.some((p) => k.startsWith(p)) && v.length > 1);
    // the user's own name is data, not a label
    const text = (await visibleText(page)).replace(
      (await page.getByTestId('current-user').textContent()) ?? '',
      '',
    );
    for (const [key, value] of shown) expect(text, `${key} still in Chinese`).not.toContain(value);
    for (const key of [
      'nav.home',
      'nav.inbox',
      'nav.regions',
      'home.trend',
      'home.feed',
      'figure.received',
    ] as const)
      expect(text).toContain(en[key]);
    // remembered: a new page in the same profile opens in English
    await page.goto('/inbox');
    await page.getByTestId('tab-to_accept').waitFor();
    const inbox = await visibleText(page);
    expect(inbox).toContain(en['inbox.title']);
    expect(inbox).not.toContain(zh['inbox.title']);
    await screenshot(page, '09-inbox-en');
    await context.close();
  });

  it('regions, case search and administration pages render with data', async () => {
    const { page, context } = await newSession(browser, platform.url);
    await logIn(page, 'district_op', `/regions/${HEPING}`);
    await eventually(() => page.getByTestId('region-facts').textContent()).toContain('和平区');
    await page.waitForLoadState('networkidle');
    await screenshot(page, '10-regions');
    await page.goto('/cases');
    await page.getByTestId('case-table').waitFor();
    await page.getByPlaceholder('关键词（编号、标题、地址）').fill('漏水');
    await page.getByRole('button', { name: /搜\s*索/ }).click();
    await eventually(() => page.getByTestId('case-table').textContent()).toContain('楼上漏水引发邻里矛盾');
    await screenshot(page, '11-case-search');
    await context.close();

    const admin = await newSession(browser, platform.url);
    await logIn(admin.page, 'admin', '/admin/users');
    await eventually(() => admin.page.locator('.ant-table-row').count()).toBeGreaterThan(5);
    await screenshot(admin.page, '12-admin-users');
    await admin.page.goto('/admin/audit');
    await admin.page.getByRole('button', { name: /校验日志链/ }).click();
    await admin.page.getByText('审计日志链完整').waitFor();
    await screenshot(admin.page, '13-admin-audit');
    expect(caseId).not.toBe('');
    await admin.context.close();
  });
});
