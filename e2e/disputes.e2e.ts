import { readFileSync } from 'node:fs';
import PizZip from 'pizzip';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { launchBrowser, logIn, newSession, screenshot } from './support/browser.ts';
import { choose, eventually } from './support/case-steps.ts';
import { type Platform, startPlatform } from './support/platform.ts';

const dialog = (page: Page, title: string) => page.getByRole('dialog').filter({ hasText: title });
const APPLICANT = '周海涛';
const RESPONDENT = '吴晓梅';

/** Call the API with the page's session (cookie and CSRF token), for steps the scenario does not look at. */
async function apiAs(page: Page) {
  const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { csrfToken: string };
  return async (path: string, data: unknown) => {
    const res = await page.request.post(path, { data, headers: { 'x-csrf-token': me.csrfToken } });
    if (!res.ok()) throw new Error(`${path}: ${res.status()} ${await res.text()}`);
    return res.json();
  };
}

/** An open mediation action's modal: fill its text fields by label and submit. */
async function act(page: Page, action: string, fill: (form: ReturnType<typeof dialog>) => Promise<void>) {
  await page.getByRole('button', { name: action, exact: true }).click();
  const form = dialog(page, action);
  await form.waitFor();
  await fill(form);
  await form.getByRole('button', { name: /提\s*交/ }).click();
  await form.waitFor({ state: 'hidden' });
}

describe('disputes in Chromium', () => {
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

  it('a mediator registers a dispute, records a session, reaches agreement and downloads the agreement', async () => {
    const grid = await platform.ctx.db
      .selectFrom('region')
      .select('code')
      .where('level', '=', 'grid')
      .where('path', 'like', '%/120101000000/%')
      .where('retired_at', 'is', null)
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const { page, context } = await newSession(browser, platform.url);
    onTestFailed(async () => {
      await screenshot(page, 'failure-disputes');
    });
    await logIn(page, 'mediator', '/disputes/new');

    // registered at the mediation committee: type, grid, matter, the two parties
    await choose(page, '纠纷类型', '邻里纠纷');
    await page.getByLabel('网格').fill(grid.code);
    await page.getByLabel('纠纷事项').fill('楼上住户装修漏水，双方多次争吵');
    await page.getByTestId('party-0').getByLabel('姓名/名称').fill(APPLICANT);
    await page.getByTestId('party-0').getByLabel('电话').fill('13800138011');
    await page.getByTestId('party-1').getByLabel('姓名/名称').fill(RESPONDENT);
    await page.getByRole('button', { name: /提\s*交/ }).click();
    await page.waitForURL((u) => /^\/disputes\/\d+$/.test(u.pathname));
    await eventually(() => page.getByTestId('dispute-status').textContent()).toBe('已排查');
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    // parties are masked until revealed
    expect(await page.getByTestId('parties').textContent()).not.toContain(APPLICANT);

    // assignment, acceptance and the session's time are not what this scenario looks at
    const post = await apiAs(page);
    const suggested = (await (
      await page.request.get(`/api/v1/disputes/${id}/mediator-suggestions`)
    ).json()) as {
      items: { id: number; orgId: number; assignable: boolean }[];
    };
    const m = suggested.items.find((x) => x.assignable);
    if (!m) throw new Error('no assignable mediator suggested');
    await post(`/api/v1/disputes/${id}/actions`, {
      action: 'assign',
      payload: { orgId: m.orgId, mediatorIds: [m.id] },
    });
    await post(`/api/v1/disputes/${id}/actions`, { action: 'accept', payload: {} });
    await post(`/api/v1/disputes/${id}/actions`, {
      action: 'schedule_session',
      payload: { at: new Date().toISOString(), place: '和平区矛盾纠纷调处化解中心' },
    });
    await page.reload();
    await eventually(() => page.getByTestId('dispute-status').textContent()).toBe('调解中');

    // the session's record
    await act(page, '记录调解', async (form) => {
      await choose(page, '调解场次', '#1', form);
      await form.getByLabel('笔录').fill('双方陈述事实，同意由楼上住户修复防水并赔偿损失。');
    });
    await eventually(() => page.getByTestId('sessions').textContent()).toContain('同意由楼上住户修复防水');

    // the agreement, confirmed by each party in person
    await act(page, '拟定协议', async (form) => {
      await form.getByLabel('纠纷事实与争议').fill('楼上住户装修导致楼下漏水。');
      await form.getByLabel('协议内容').fill('楼上住户于一个月内修复防水，并赔偿损失三千元。');
      await form.getByLabel('履行方式').fill('一次性现金支付。');
      await form.getByLabel('履行期限').fill('2027-01-31');
    });
    for (const side of ['申请人', '被申请人']) {
      await act(page, '当事人确认协议', async (form) => {
        await choose(page, '当事人', new RegExp(`^${side}`), form);
      });
    }
    await eventually(() => page.getByTestId('dispute-status').textContent()).toBe('已达成协议');
    // the judicial-confirmation countdown runs from the agreement
    await eventually(() => page.getByTestId('judicial-countdown').textContent()).toContain('剩余 30 天');
    await screenshot(page, 'disputes-01-agreed');

    // the agreement as a Word document with the parties' names in it
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('agreement-docx').click(),
    ]);
    const data = readFileSync(await download.path());
    expect(data.subarray(0, 2).toString('latin1')).toBe('PK');
    const xml = new PizZip(data).file('word/document.xml')?.asText() ?? '';
    expect(xml).toContain(APPLICANT);
    expect(xml).toContain(RESPONDENT);
    await context.close();
  });

  it('a centre operator keeps the mediation registry and reads the disputes figures', async () => {
    const { page, context } = await newSession(browser, platform.url);
    onTestFailed(async () => {
      await screenshot(page, 'failure-disputes-registry');
    });
    await logIn(page, 'district_op', '/mediation-orgs');
    const name = '和平区物业纠纷人民调解委员会（测试）';
    await page.getByLabel('组织名称').fill(name);
    await choose(page, '组织类型', '行业性专业性调解委员会');
    await choose(page, '受理纠纷类型', '物业纠纷');
    await page.getByRole('button', { name: /创\s*建/ }).click();
    const row = page.locator('tr.ant-table-row').filter({ hasText: name });
    await row.waitFor();
    expect(await row.textContent()).toContain('物业纠纷');

    // its mediators: one added with a specialty, then a conflict declared
    await row.locator('.ant-table-row-expand-icon').click();
    await page.getByLabel('姓名').fill('王调解');
    await choose(page, '专长', '物业纠纷');
    await page.getByRole('button', { name: '新增调解员', exact: true }).click();
    // the organisation's expanded row holds the mediators' table: take the mediator's own row
    const mediator = page.locator('tr.ant-table-row').filter({ hasText: '王调解' });
    await mediator.waitFor();
    await mediator.getByRole('button', { name: '申报回避' }).click();
    const pop = page.locator('.ant-popover:visible');
    await pop.getByLabel('关联当事人电话').fill('13800138011');
    await pop.getByLabel('关系说明').fill('系申请人表亲');
    await pop.getByRole('button', { name: '申报回避' }).click();
    await eventually(() => mediator.textContent()).toContain('系申请人表亲');
    await screenshot(page, 'disputes-02-registry');

    // the figures with their definitions, and the card on the command centre
    await page.goto(`${platform.url}/disputes/figures`);
    await eventually(() => page.getByText('化解率 = 化解数 ÷ 排查数', { exact: false }).count()).toBe(1);
    await eventually(() => page.locator('.ant-table-row').count()).toBeGreaterThan(0);
    await screenshot(page, 'disputes-03-figures');
    await page.goto(`${platform.url}/`);
    await eventually(() => page.getByText('矛盾纠纷化解（本月）').count()).toBe(1);
    await context.close();
  });
});
