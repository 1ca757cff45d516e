import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Poll until the expectation holds: pages and the server take their time (longer on PostgreSQL). */
export function eventually<T>(fn: () => T | Promise<T>) {
  return expect.poll(fn, { timeout: 20_000, interval: 250 });
}

/**
 * Tap a point of a map until what `read` shows matches: a map still fitting its bounds moves
 * under the first tap. Each tap gets its answer's time before the next (a new tap restarts it).
 */
export async function tapUntil(
  page: Page,
  at: { x: number; y: number },
  read: () => Promise<string | null>,
  wanted: RegExp,
) {
  for (let attempt = 1; ; attempt++) {
    await page.mouse.click(at.x, at.y);
    try {
      await expect.poll(read, { timeout: 10_000, interval: 250 }).toMatch(wanted);
      return;
    } catch (error) {
      if (attempt >= 4) throw error;
    }
  }
}

/**
 * Pick an option of an Ant Design select that a label names, inside `within` (a dialog, say)
 * when given: a label such as 当事人 also names other things on a page. A click that lands while
 * a modal is still opening leaves the list shut, so the list is opened again until the option shows.
 */
export async function choose(
  page: Page,
  label: string | RegExp,
  option: string | RegExp,
  within: Page | Locator = page,
) {
  const wanted = page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
    .first();
  for (let attempt = 1; ; attempt++) {
    await within.getByLabel(label).first().click();
    try {
      await wanted.waitFor({ timeout: 5_000 });
      break;
    } catch (error) {
      // no Escape: with the list shut it would close the modal; a click opens (or shuts) the list
      if (attempt >= 5) throw error;
    }
  }
  await wanted.click();
}

/**
 * Take a workflow action on the case page as a person would: its button, its form, submit.
 * `fields` fills text areas by label; `units` picks units in the modal's unit picker.
 */
export async function takeAction(
  page: Page,
  action: string,
  fields: Record<string, string> = {},
  units: string[] = [],
) {
  const before = await page.getByTestId('case-history').locator('.ant-timeline-item').count();
  await page.locator(`[data-testid="case-actions"] [data-action="${action}"]`).click();
  const modal = page.getByRole('dialog');
  await modal.waitFor();
  for (const [label, value] of Object.entries(fields)) await modal.getByLabel(label).fill(value);
  if (units.length) {
    await modal.getByTestId('unit-picker').click();
    for (const u of units) {
      // the list is virtual: type to bring the unit into view
      await page.keyboard.type(u);
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: u })
        .first()
        .click();
    }
    await page.keyboard.press('Escape');
  }
  await modal.locator('button.ant-btn-primary').click();
  await modal.waitFor({ state: 'hidden' });
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="case-history"] .ant-timeline-item').length > n,
    before,
  );
}

export async function openCase(page: Page, id: string) {
  await page.goto(`/cases/${id}`);
  await page.getByTestId('case-title').waitFor();
}

export async function figure(page: Page, name: string): Promise<number> {
  const text = await page.getByTestId(`figure-${name}`).locator('.ant-statistic-content-value').textContent();
  return Number(text.replace(/[^\d.-]/g, ''));
}
