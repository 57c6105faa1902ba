/**
 * The side panel over a known state: the seed letter with two passages tagged through the page
 * toolbar (one with the keyboard, one with the mouse), and the panel opened as a tab listing them;
 * or the panel opened beside one page, for its "This page".
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { selectText, tagWithKeyboard, tagWithMouse } from './annotate.ts';
import type { ExtensionSession } from './extension-session.ts';
import { seedPages } from './seed-pages.ts';

export const PASSAGE_A = 'Inspectors found that supervision and management oversight is evident on case files';
export const PASSAGE_B = 'Social workers reported to inspectors that they valued informal supervision and management direction.';

export async function panelWithTwoPassages(
  session: ExtensionSession,
  path: string,
): Promise<{ page: Page; panel: Page; items: Locator }> {
  const letter = seedPages().find((s) => s.file.startsWith('001'))!;
  session.server.set(path, letter.html);
  const page = await session.browser.context.newPage();
  await page.goto(session.server.url('reports.ofsted.gov.uk', path));
  await selectText(page, PASSAGE_A, PASSAGE_A.length);
  await tagWithKeyboard(page, 'Care lea');
  await selectText(page, PASSAGE_B, PASSAGE_B.length);
  await tagWithMouse(page, 'Management oversight and supervision');

  const panel = await session.browser.context.newPage();
  await panel.goto(`chrome-extension://${session.browser.extensionId}/sidepanel.html`);
  const items = panel.getByRole('list', { name: 'Annotations' }).locator(':scope > li');
  await expect.poll(() => items.count()).toBe(2);
  return { page, panel, items };
}

/**
 * The side panel opened as a tab beside `page` (tests cannot open the browser's side panel), for
 * `page`'s tab and then, like the real panel, whichever tab is active in that window.
 */
export async function openPanelFor(session: ExtensionSession, page: Page): Promise<{ panel: Page; thisPage: Locator }> {
  const tabId = await session.browser.tabIdOf(page);
  const panel = await session.browser.context.newPage();
  await panel.goto(`chrome-extension://${session.browser.extensionId}/sidepanel.html?tab=${tabId}`);
  return { panel, thisPage: panel.getByRole('region', { name: 'This page' }) };
}
