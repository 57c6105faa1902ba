/**
 * The side panel keeps up without a reload: a passage tagged through the page toolbar in another
 * tab appears in an already-open panel, and a delete in one panel disappears from another. Also
 * the page and day filters narrow the list as the reader expects.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { localDay } from '../../lib/annotation-filter.ts';
import { selectText, tagWithMouse } from '../support/annotate.ts';
import { useExtensionSession } from '../support/extension-session.ts';
import { seedPages } from '../support/seed-pages.ts';

const session = useExtensionSession();
const letter = seedPages().find((s) => s.file.startsWith('001'))!;

const PASSAGE = 'Inspectors found that supervision and management oversight is evident on case files';

async function openPanel(): Promise<Page> {
  const panel = await session.browser.context.newPage();
  await panel.goto(`chrome-extension://${session.browser.extensionId}/sidepanel.html`);
  await panel.getByRole('status').filter({ hasText: /annotations\.$/ }).waitFor();
  return panel;
}

const itemsOf = (panel: Page) => panel.getByRole('list', { name: 'Annotations' }).locator(':scope > li');

describe('side panel live updates', () => {
  it('shows a passage tagged in another tab, and a delete from another panel, without a reload', async () => {
    const panel = await openPanel();
    const other = await openPanel();
    expect(await itemsOf(panel).count()).toBe(0);

    const path = '/provider/44/80487/letter-live';
    session.server.set(path, letter.html);
    const page = await session.browser.context.newPage();
    await page.goto(session.server.url('reports.ofsted.gov.uk', path));
    await selectText(page, PASSAGE, PASSAGE.length);
    await tagWithMouse(page, 'Management oversight and supervision');

    await expect.poll(() => itemsOf(panel).count()).toBe(1);
    expect(await itemsOf(panel).nth(0).textContent()).toContain(PASSAGE);
    await expect.poll(() => itemsOf(other).count()).toBe(1);

    const today = localDay(new Date().toISOString());
    await panel.getByRole('combobox', { name: 'Page', exact: true }).selectOption({ index: 1 });
    expect(await itemsOf(panel).count()).toBe(1);
    await panel.getByLabel('From', { exact: true }).fill('2999-01-01');
    await expect.poll(() => itemsOf(panel).count()).toBe(0);
    await panel.getByLabel('From', { exact: true }).fill(today);
    await panel.getByLabel('To', { exact: true }).fill(today);
    await expect.poll(() => itemsOf(panel).count()).toBe(1);

    await other.getByRole('button', { name: /^Delete annotation/ }).click();
    await expect.poll(() => itemsOf(other).count()).toBe(0);
    await expect.poll(() => itemsOf(panel).count()).toBe(0);
    await panel.getByRole('status').filter({ hasText: '0 annotations.' }).waitFor();

    await Promise.all([panel.close(), other.close(), page.close()]);
  });
});
