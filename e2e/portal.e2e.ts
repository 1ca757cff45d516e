import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs } from '../packages/server/test/login.ts';
import { insertFixtureCategories } from '../packages/server/test/open311-fixtures.ts';
import { launchBrowser, newSession, screenshot, visibleText } from './support/browser.ts';
import { describeBytes, PHONE_BUDGET, recordBytes } from './support/bytes.ts';
import { tapUntil } from './support/case-steps.ts';
import { type Platform, startPlatform } from './support/platform.ts';
import { demoStaff, residentLoop } from './support/resident-loop.ts';

const PHONE = { width: 390, height: 844 };
/** A real 1×1 PNG: the resident's photo. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('residents portal on a phone-sized screen in Chromium', () => {
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

  /** A staff step through the cases API, as the community's operator. */
  async function staff(number: string, action: string, payload: Record<string, unknown>) {
    const op = await loginAs(platform.app, 'community_op');
    const res = await platform.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${number}/actions`,
      headers: op.headers,
      payload: { action, clientId: `e2e-${action}`, payload },
    });
    expect(res.statusCode, res.body).toBe(200);
  }

  it('reports a problem, tracks it, rates the result and reopens it', async () => {
    const db = platform.ctx.db;
    // a residents' category handled by the community centre itself (test data), and the grid worker's community
    await insertFixtureCategories(platform.ctx);
    const category = { group: '测试市政设施', name_zh: '路面坑洼' };
    const post = await db
      .selectFrom('user_post as up')
      .innerJoin('app_user as u', 'u.id', 'up.user_id')
      .select('up.region_code')
      .where('u.username', '=', 'gridworker')
      .executeTakeFirstOrThrow();
    const community = await db
      .selectFrom('region')
      .select('name')
      .where('code', '=', post.region_code.slice(0, 12))
      .executeTakeFirstOrThrow();

    const { page, context } = await newSession(browser, platform.url, PHONE);
    await page.goto('/portal');
    const notice = page.getByTestId('emergency');
    await expect.poll(() => notice.textContent()).toContain('110');
    expect(await notice.textContent()).toMatch(/119.*120/);
    await screenshot(page, 'portal-01-report');

    await page.getByLabel('问题类型').click();
    await page.keyboard.type(category.name_zh);
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', {
        hasText: `${category.group} · ${category.name_zh}`,
      })
      .first()
      .click();
    await page.getByLabel('问题描述').fill('楼下路面塌了一个坑，晚上很危险');
    await page.getByLabel('详细地址').fill(`${community.name}5号楼前`);
    await page.getByLabel(/^照片/).setInputFiles({ name: 'hole.png', mimeType: 'image/png', buffer: PNG });
    await page.getByTestId('submit').click();
    const numberEl = page.getByTestId('done-number');
    await expect.poll(() => numberEl.textContent()).toMatch(/^\d{6}-\d{4}-\d{6}$/);
    const number = (await numberEl.textContent()) ?? '';
    expect(await page.getByTestId('done-link').textContent()).toContain(`/portal/#/track/${number}/`);
    await screenshot(page, 'portal-02-received');

    await page.getByTestId('open-track').click();
    const status = page.getByTestId('track-status');
    // the step in the console's words
    await expect.poll(() => status.textContent()).toBe('已上报');
    await expect.poll(() => page.getByTestId('track-photo-resident').count()).toBe(1);
    expect(await page.getByTestId('track-timeline').textContent()).toContain('提交诉求');

    await staff(number, 'accept', { comment: '已受理，安排维修' });
    await staff(number, 'close', { conclusion: '坑已填平' });
    await page.reload();
    await expect.poll(() => status.textContent()).toBe('已结案');
    const handling = await db
      .selectFrom('cases as c')
      .innerJoin('unit as u', 'u.id', 'c.current_unit_id')
      .select('u.name')
      .where('c.number', '=', number)
      .executeTakeFirstOrThrow();
    expect(await page.getByTestId('track-unit').textContent()).toBe(handling.name);
    await page.getByTestId('track-show-map').click();
    await page.locator('.maplibregl-canvas').waitFor();
    const timeline = await page.getByTestId('track-timeline').textContent();
    expect(timeline).toContain('已受理，安排维修');
    expect(timeline).toContain('坑已填平');
    expect(await visibleText(page)).not.toContain('community_op');
    await screenshot(page, 'portal-03-closed');

    await page.getByText('不满意', { exact: true }).click();
    await page.getByLabel('意见（可选）').fill('雨后又塌了');
    await page.getByRole('button', { name: '提交评价' }).click();
    await expect.poll(() => visibleText(page)).toContain('您的评价');

    await page.getByLabel('请说明原因').fill('下雨后又塌陷了');
    await page.getByRole('button', { name: '申请重新办理' }).click();
    await expect.poll(() => status.textContent()).toBe('已受理');
    expect(await page.getByTestId('track-timeline').textContent()).toContain('重新办理');
    await screenshot(page, 'portal-04-reopened');

    // reopening clears the rating for the next round; the history keeps the resident's verdict
    const row = await db
      .selectFrom('cases')
      .select(['id', 'status', 'channel'])
      .where('number', '=', number)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'accepted', channel: 'portal' });
    const rated = await db
      .selectFrom('case_action')
      .select('payload')
      .where('case_id', '=', row.id)
      .where('action', '=', 'rate')
      .executeTakeFirstOrThrow();
    expect(rated.payload).toMatchObject({ rating: 'unsatisfied', comment: '雨后又塌了' });

    await page.getByTestId('portal-lang').click();
    await expect.poll(() => visibleText(page)).toContain('Track a request');
    expect(await visibleText(page)).toContain('not for emergencies');
    await context.close();
  });

  it("takes a report of each kind the portal offers, routed to each kind of unit, to a demo user who works it to the resident's rating", async () => {
    // what the portal offers (no fixture categories), one of each group for each kind of unit
    const offered = (await platform.app.inject({ url: '/api/v1/portal/categories' })).json() as {
      code: string;
      group: string;
      attributes: { code: string; type: string; required: boolean; options: { value: string }[] }[];
    }[];
    const routing = await platform.ctx.db
      .selectFrom('case_category')
      .select(['code', 'responsible_unit_type'])
      .where(
        'code',
        'in',
        offered.map((c) => c.code),
      )
      .execute();
    const typeOf = new Map(routing.map((r) => [r.code, r.responsible_unit_type]));
    const chosen = [
      ...new Map(
        offered
          .filter((c) => c.code.startsWith('request.'))
          .map((c) => [`${c.group}|${typeOf.get(c.code)}`, c] as const),
      ).values(),
    ];
    expect(new Set(chosen.map((c) => c.group)).size).toBeGreaterThanOrEqual(3);
    const staff = await demoStaff(platform.app);
    const community = await gridWorkerCommunity();
    const firstHolders = new Set<string>();
    for (const [i, c] of chosen.entries()) {
      const attributes = Object.fromEntries(
        c.attributes
          .filter((a) => a.required)
          .map((a) => [a.code, a.type === 'single' ? a.options[0]?.value : a.type === 'number' ? 1 : '1号']),
      );
      const steps = await residentLoop(
        platform.app,
        staff,
        {
          category: c.code,
          attributes,
          address: `${community}${i + 1}号楼`,
          description: `${c.group}：居民反映的问题，请处理`,
        },
        `10.13.0.${i + 1}`,
      );
      console.log(`${c.code}: ${steps.join(' → ')}`);
      firstHolders.add(steps[0]?.split(':')[0] as string);
    }
    // each routed to a different kind of unit: stations, district departments, centres
    expect(firstHolders.size, [...firstHolders].join(', ')).toBeGreaterThanOrEqual(3);
  });

  async function gridWorkerCommunity() {
    const post = await platform.ctx.db
      .selectFrom('user_post as up')
      .innerJoin('app_user as u', 'u.id', 'up.user_id')
      .select('up.region_code')
      .where('u.username', '=', 'gridworker')
      .executeTakeFirstOrThrow();
    return (
      await platform.ctx.db
        .selectFrom('region')
        .select('name')
        .where('code', '=', post.region_code.slice(0, 12))
        .executeTakeFirstOrThrow()
    ).name;
  }

  it('locates a point tapped on the map to its grid', async () => {
    const { page, context } = await newSession(browser, platform.url, PHONE);
    await page.goto('/portal');
    // the map is loaded when the resident asks for it
    await page.getByTestId('pick-on-map').click();
    const canvas = page.locator('.maplibregl-canvas');
    await canvas.waitFor();
    const box = await canvas.boundingBox();
    if (!box) throw new Error('no map');
    // the map moves while it fits the districts: tap the middle of the city until it is located
    const located = page.getByTestId('located');
    await tapUntil(
      page,
      { x: box.x + box.width / 2, y: box.y + box.height / 2 },
      () => located.textContent(),
      /已定位到 .+\/.+/,
    );
    // zoomed in where the point is, the map names the communities of its street
    const map = page.locator('[data-labels]').first();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await expect
      .poll(
        async () => {
          await page.mouse.wheel(0, -300);
          return map.getAttribute('data-label-levels');
        },
        { timeout: 40_000, interval: 1_500 },
      )
      .toContain('community');
    await screenshot(page, 'portal-05-located');
    await context.close();
  });

  it('loads in under 600 kB compressed before map tiles', async () => {
    // a phone that has never been here: an empty cache
    const { page, context } = await newSession(browser, platform.url, PHONE);
    const bytes = recordBytes(page, platform.url);
    await page.goto('/portal', { waitUntil: 'networkidle' });
    await page.getByTestId('pick-on-map').waitFor();
    const list = await bytes.list();
    const total = await bytes.total();
    console.log(`/portal: ${(total / 1024).toFixed(1)} kB compressed in ${list.length} downloads`);
    console.log(describeBytes(list));
    expect(list.some((d) => d.url.startsWith('/assets/'))).toBe(true);
    expect(total, describeBytes(list)).toBeLessThan(PHONE_BUDGET);
    // what the map adds when asked for (its library, its worker, the city's boundaries): reported
    await page.getByTestId('pick-on-map').click();
    await page.locator('.maplibregl-canvas').waitFor();
    await page.waitForLoadState('networkidle');
    const withMap = await bytes.total();
    console.log(`/portal with the map: ${(withMap / 1024).toFixed(1)} kB compressed`);
    expect(withMap).toBeGreaterThan(total);
    await context.close();
  });

  it('says so when the photos of a report cannot be uploaded', async () => {
    await insertFixtureCategories(platform.ctx);
    const { page, context } = await newSession(browser, platform.url, PHONE);
    await page.goto('/portal');
    await page.getByLabel('问题类型').click();
    await page.keyboard.type('路面坑洼');
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '路面坑洼' })
      .first()
      .click();
    await page.getByLabel('问题描述').fill('路边井盖松动，踩上去会响');
    const post = await platform.ctx.db
      .selectFrom('user_post as up')
      .innerJoin('app_user as u', 'u.id', 'up.user_id')
      .select('up.region_code')
      .where('u.username', '=', 'gridworker')
      .executeTakeFirstOrThrow();
    const community = await platform.ctx.db
      .selectFrom('region')
      .select('name')
      .where('code', '=', post.region_code.slice(0, 12))
      .executeTakeFirstOrThrow();
    await page.getByLabel('详细地址').fill(`${community.name}2号楼`);
    // not a picture: the server refuses it, the report itself stands
    await page
      .getByLabel(/^照片/)
      .setInputFiles({ name: 'note.png', mimeType: 'image/png', buffer: Buffer.from('not a picture') });
    await page.getByTestId('submit').click();
    await expect.poll(() => page.getByTestId('done-number').textContent()).toMatch(/^\d{6}-\d{4}-\d{6}$/);
    expect(await page.getByTestId('photo-failed').textContent()).toContain('照片上传失败');
    await context.close();
  });
});
