import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { loginAs } from '../packages/server/test/login.ts';
import { launchBrowser, logIn, newSession, screenshot } from './support/browser.ts';
import { choose, eventually } from './support/case-steps.ts';
import { type Platform, startPlatform } from './support/platform.ts';

const NEW_PASSWORD = 'Field#2026ok';

/** The antd modal or drawer that a title names. */
const dialog = (page: Page, title: string | RegExp) => page.getByRole('dialog').filter({ hasText: title });

describe('administration in Chromium', () => {
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

  it('the admin creates a user with a post, and that user logs in', async () => {
    const { page, context } = await newSession(browser, platform.url);
    onTestFailed(async () => {
      await screenshot(page, 'failure-admin-user');
    });
    await logIn(page, 'admin', '/admin/users');
    await page.getByRole('button', { name: '新建用户' }).click();
    const form = dialog(page, '新建用户');
    await form.waitFor();

    // the form refuses a weak password in Chinese before anything reaches the server
    await form.getByLabel('用户名').fill('hp_inspector');
    await form.getByLabel('姓名').fill('和平区巡查员甲');
    await form.getByLabel('初始密码').fill('password');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await eventually(() => form.textContent()).toContain('须含大写、小写、数字、符号中的至少三种');
    await form.getByLabel('初始密码').fill(NEW_PASSWORD);

    // an inspector's post in 和平区, picked from the region tree
    await choose(page, '角色', '检查员');
    await form.getByLabel('所辖区域').click();
    const tree = page.locator('.ant-select-dropdown:visible');
    await tree.locator('.ant-select-tree-switcher').first().click();
    await tree.locator('.ant-select-tree-node-content-wrapper', { hasText: '和平区' }).first().click();
    await screenshot(page, 'admin-01-new-user');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await form.waitFor({ state: 'hidden' });

    await page.getByPlaceholder('搜索').fill('hp_inspector');
    await page.getByPlaceholder('搜索').press('Enter');
    const row = page.locator('tr', { hasText: 'hp_inspector' });
    await eventually(() => row.textContent()).toContain('和平区');
    expect(await row.textContent()).toContain('检查员');
    await screenshot(page, 'admin-02-user-created');
    await context.close();

    // the new user logs in with the initial password, must first choose their own, then sees
    // the console as themselves
    const user = await newSession(browser, platform.url);
    await user.page.goto('/login');
    await user.page.getByLabel(/用户名/).fill('hp_inspector');
    await user.page.getByLabel(/密码/).fill(NEW_PASSWORD);
    await user.page.getByRole('button', { name: /登\s*录/ }).click();
    await user.page.waitForURL((u) => u.pathname === '/password');
    await eventually(() => user.page.locator('body').textContent()).toContain('一次性密码');
    await user.page.goto('/inbox'); // nothing else opens until the password is changed
    await user.page.waitForURL((u) => u.pathname === '/password');
    const change = user.page.getByTestId('password-form');
    await change.getByLabel('当前密码').fill(NEW_PASSWORD);
    await change.getByLabel('新密码', { exact: true }).fill('Mine#2026ok');
    await change.getByLabel('确认新密码').fill('Mine#2026ok');
    await screenshot(user.page, 'admin-03-first-password');
    await change.getByRole('button', { name: /保存新密码/ }).click();
    await user.page.waitForURL((u) => u.pathname !== '/password');
    await eventually(() => user.page.locator('body').textContent()).toContain('和平区巡查员甲');
    await user.context.close();
  });

  it("the admin edits a category's handle time limit and sees it saved", async () => {
    const { page, context } = await newSession(browser, platform.url);
    onTestFailed(async () => {
      await screenshot(page, 'failure-admin-category');
    });
    await logIn(page, 'admin', '/admin/categories');
    await choose(page, /^类型$/, '矛盾纠纷');
    await page.getByTestId('edit-dispute.neighbour').click();
    const drawer = dialog(page, '编辑事件类别');
    // the first row of limits is the default for all levels (form "category", list "limits")
    await eventually(() => drawer.getByTestId('limits-default').count()).toBe(1);
    const handle = drawer.locator('#category_limits_0_handle_value');
    await eventually(() => handle.inputValue()).not.toBe('');
    await handle.fill('12');
    await screenshot(page, 'admin-03-category-editor');
    await page.getByTestId('category-save').click();
    await drawer.waitFor({ state: 'hidden' });

    const row = page.locator('tr', { hasText: 'dispute.neighbour' });
    await eventually(() => row.textContent()).toContain('办理: 12 工作日');
    // opened again, the editor shows the saved value (read back from the server)
    await page.getByTestId('edit-dispute.neighbour').click();
    await eventually(() => handle.inputValue()).toBe('12');
    await screenshot(page, 'admin-04-category-saved');
    await context.close();
  });

  it('the city admin changes a routing rule in the console and the next report follows it; others read it', async () => {
    const { page, context } = await newSession(browser, platform.url);
    onTestFailed(async () => {
      await screenshot(page, 'failure-admin-routing');
    });
    const op = await loginAs(platform.app, 'community_op');
    const worker = await loginAs(platform.app, 'gridworker');
    const grid = (worker.regionPaths[0] ?? '').split('/').filter(Boolean).pop();
    const parking = async () => {
      const res = await platform.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers: op.headers,
        payload: {
          kind: 'request',
          category: 'request.parking',
          description: '门口占道停车',
          gridCode: grid,
          channel: 'phone',
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().currentUnit.kind as string;
    };
    expect(await parking()).toBe('station'); // the police station by default

    await logIn(page, 'admin', '/admin/routing');
    await choose(page, '筛选类别', '占道停车');
    const cell = page.getByLabel('占道停车 社区 受理单位类型');
    await eventually(() => cell.count()).toBe(1);
    const row = page.locator('tr', { hasText: '占道停车' }).filter({ hasText: '社区' }).first();
    const before = await row.textContent();
    await choose(page, '占道停车 社区 受理单位类型', '综治中心');
    // the cells show the server's rules (read again once the change is saved)
    await eventually(() => row.textContent()).not.toBe(before);
    await screenshot(page, 'admin-05-routing-changed');
    expect(await parking()).toBe('centre');
    await context.close();

    // a district administrator reads the table but changes nothing (only the city's administrator does)
    const other = await newSession(browser, platform.url);
    await logIn(other.page, 'district_admin', '/admin/routing');
    await eventually(() => other.page.locator('body').textContent()).toContain(
      '只有市级管理员可以修改分派规则',
    );
    expect(await other.page.getByLabel('占道停车 社区 受理单位类型').count()).toBe(0);
    await other.context.close();
  });

  // last: going live changes the city for every later test
  it('the city admin works through the go-live checklist and goes live; the demo banner goes', async () => {
    const { page, context } = await newSession(browser, platform.url);
    onTestFailed(async () => {
      await screenshot(page, 'failure-admin-setup');
    });
    await logIn(page, 'admin', '/');
    await page.getByTestId('demo-banner').waitFor();
    await page.getByRole('menuitem', { name: '系统管理' }).click();
    await page.getByRole('menuitem', { name: '上线检查' }).click();
    await page.waitForURL((u) => u.pathname === '/admin/setup');
    // each step with its state, from the setup status
    await eventually(() => page.getByTestId('setup-state-divisions').textContent()).toBe('已完成');
    expect(await page.getByTestId('setup-state-live').textContent()).toBe('待完成');

    // a calendar file with a bad row: the dry run lists the row, nothing is written
    const step = page.getByTestId('import-calendar');
    await page.getByLabel('年份').fill('2028');
    const csv = (rows: string) => ({
      name: 'holidays-2028.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`day,kind,name_zh,name_en\n2028-01-01,off,元旦,New Year\n${rows}`),
    });
    await step.locator('input[type=file]').setInputFiles(csv('2028-02-30,off,春节,Spring Festival\n'));
    await page.getByTestId('dry-run-calendar').click();
    const errors = page.getByTestId('import-errors-calendar');
    await eventually(() => errors.textContent()).toContain('2028-02-30');
    expect(await page.getByTestId('import-run-calendar').isDisabled()).toBe(true);
    await screenshot(page, 'admin-06-setup-dry-run-errors');

    // fixed: the dry run passes, then the import
    await step.locator('input[type=file]').setInputFiles(csv('2028-01-29,off,春节,Spring Festival\n'));
    await page.getByTestId('dry-run-calendar').click();
    await eventually(() => page.getByTestId('import-ok-calendar').textContent()).toContain('放假 2');
    await page.getByTestId('import-run-calendar').click();
    await eventually(() => page.getByTestId('import-ok-calendar').textContent()).toContain('已导入');

    // go live: the banner goes, the step says so
    await page.getByTestId('go-live').click();
    await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    await page.getByTestId('setup-live').waitFor();
    await eventually(() => page.getByTestId('demo-banner').count()).toBe(0);
    await screenshot(page, 'admin-07-setup-live');
    await context.close();
  });
});
