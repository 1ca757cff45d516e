import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, gridOf, neighbourDispute, report } from '../packages/server/test/cases-helpers.ts';
import { loginAs } from '../packages/server/test/login.ts';
import { en } from '../packages/web/src/i18n/en.ts';
import { launchBrowser, logIn, newSession, screenshot, visibleText } from './support/browser.ts';
import { type Platform, startPlatform } from './support/platform.ts';

const PHONE = { width: 390, height: 844 };
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;

/**
 * No untranslated word (issue 13, item 9): in English, the portal, the console's inbox, case
 * page and search, and the grid worker's /field show no Chinese outside data (the names of
 * places, units and people, what a case says, what was written on it).
 */
describe('English pages have no Chinese words outside data', () => {
  let platform: Platform;
  let browser: Browser;
  /** Every Chinese text the demo holds as data, one per line. */
  let data: string;

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
    // a neighbours' dispute in the community centre's inbox, accepted, with a note written on it
    const [worker, op] = await Promise.all([
      loginAs(platform.app, 'gridworker'),
      loginAs(platform.app, 'community_op'),
    ]);
    const made = await report(platform.app, worker, neighbourDispute(gridOf(worker)));
    expect(made.statusCode, made.body).toBe(201);
    const accepted = await act(platform.app, op, made.json().id, 'accept');
    expect(accepted.statusCode, accepted.body).toBe(200);
    const db = platform.ctx.db;
    const rows = await Promise.all([
      db.selectFrom('region').select('name as text').execute(),
      db.selectFrom('unit').select('name as text').execute(),
      db.selectFrom('app_user').select('display_name as text').execute(),
      db
        .selectFrom('cases')
        .select(sql<string>`concat_ws(chr(10), title, description, address)`.as('text'))
        .execute(),
      // the disputes' and inspections' own data: organisations, mediators, matters, places, campaigns
      sql<{ text: string }>`select name as text from mediation_org union all select name from mediator
        union all select matter from dispute union all select name from place
        union all select concat_ws(chr(10), name, address) from place union all select name from campaign
        union all select name from risk_source`
        .execute(db)
        .then((r) => r.rows),
    ]);
    data = rows
      .flat()
      .map((r) => r.text)
      .join('\n');
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  /** The Chinese runs on the page that are not data, with the line they stand in. */
  async function untranslated(page: Page, extra = ''): Promise<string[]> {
    const text = await visibleText(page);
    const found = new Set<string>();
    // the switch to Chinese is named in Chinese on purpose
    for (const line of text.split('\n'))
      for (const run of line.match(HAN) ?? [])
        if (!data.includes(run) && !extra.includes(run) && run !== en['lang.switch'])
          found.add(`${run}  ←  ${line.trim().slice(0, 80)}`);
    return [...found];
  }

  async function english(size?: { width: number; height: number }) {
    const s = await newSession(browser, platform.url, size);
    await s.context.addInitScript(() => localStorage.setItem('civicgrid.lang', 'en'));
    return s;
  }

  /** What was written on a case (comments, results, reasons) is data too. */
  async function writtenOn(caseId: number) {
    const rows = await platform.ctx.db
      .selectFrom('case_action')
      .select(sql<string>`payload::text`.as('text'))
      .where('case_id', '=', caseId)
      .execute();
    return rows.map((r) => JSON.parse(`"${r.text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)).join('\n');
  }

  it("the residents' portal", async () => {
    const { page, context } = await english(PHONE);
    await page.goto('/portal');
    await page.getByTestId('report-form').waitFor({ timeout: 30_000 });
    await page.getByRole('combobox').first().click();
    await page.locator('.ant-select-item-option').first().waitFor();
    await screenshot(page, 'words-00-portal-en');
    expect(await untranslated(page)).toEqual([]);
    await context.close();
  });

  it("a centre's inbox, case page and search", async () => {
    const { page, context } = await english();
    await logIn(page, 'community_op', '/inbox');
    await page.getByTestId('case-table').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await untranslated(page)).toEqual([]);
    await page.getByTestId('case-table').locator('tbody a').first().click();
    await page.waitForURL(/\/cases\/\d+/);
    await page.waitForLoadState('networkidle');
    const id = Number(new URL(page.url()).pathname.split('/').at(-1));
    await screenshot(page, 'words-01-case-en');
    expect(await untranslated(page, await writtenOn(id))).toEqual([]);
    await page.goto('/cases');
    await page.getByTestId('case-table').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await untranslated(page)).toEqual([]);
    await context.close();
  });

  it('the command centre, the disputes ledger and figures, the places registry and a campaign', async () => {
    const { page, context } = await english();
    await logIn(page, 'admin', '/');
    const visit = async (path: string, ready: string) => {
      await page.goto(path);
      await page.locator(ready).first().waitFor({ timeout: 30_000 });
      await page.waitForLoadState('networkidle');
      expect(await untranslated(page), path).toEqual([]);
    };
    await visit('/', '.ant-card');
    await visit('/disputes', '.ant-table');
    await visit('/disputes/figures', '.ant-card');
    await visit('/mediation-orgs', '.ant-table');
    await visit('/places', '.ant-table');
    await visit('/campaigns', '.ant-table');
    await context.close();
  });

  it("the grid worker's /field", async () => {
    const { page, context } = await english(PHONE);
    await logIn(page, 'gridworker', '/field');
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'words-02-field-en');
    expect(await untranslated(page)).toEqual([]);
    await context.close();
  });
});
