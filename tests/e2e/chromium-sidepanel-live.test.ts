/**
 * The side panel and the pages keep up with each other without a reload: a passage tagged through
 * the page toolbar in another tab appears in an already-open panel, and a delete in one panel
 * disappears from another; a delete, an undo, a retag and a note made in the panel repaint the
 * page (and close its card when its annotation goes); a passage tagged in one tab is painted in
 * another tab showing the same page. Also the page and day filters narrow the list as the reader
 * expects, and a long list is drawn a hundred at a time.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { localDay } from '../../lib/annotation-filter.ts';
import { exportAnnotations } from '../../lib/export.ts';
import type { Annotation, Theme } from '../../lib/schema.ts';
import { annotationPhrases, pageStateOf, painted, pointInText, selectText, tagWithMouse } from '../support/annotate.ts';
import { useExtensionSession } from '../support/extension-session.ts';
import { seedPages } from '../support/seed-pages.ts';
import { openPanelFor } from '../support/side-panel.ts';

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

    await itemsOf(other).getByRole('button', { name: /^Delete annotation/ }).click();
    await expect.poll(() => itemsOf(other).count()).toBe(0);
    await expect.poll(() => itemsOf(panel).count()).toBe(0);
    expect(await painted(page, 0)).toEqual({ oversight: [] });
    await panel.getByRole('status').filter({ hasText: '0 annotations.' }).waitFor();

    await Promise.all([panel.close(), other.close(), page.close()]);
  });

  it('repaints the page after a delete, an undo, a retag and a note in the panel, and closes its card', async () => {
    const path = '/provider/44/80487/letter-panel-writes';
    session.server.set(path, letter.html);
    const page = await session.browser.context.newPage();
    await page.goto(session.server.url('reports.ofsted.gov.uk', path));
    await selectText(page, PASSAGE, PASSAGE.length);
    await tagWithMouse(page, 'Management oversight and supervision');
    expect(await painted(page, 1)).toEqual({ oversight: [PASSAGE] });

    const { panel, thisPage } = await openPanelFor(session, page);
    const item = thisPage.getByRole('list', { name: 'Theme: Management oversight and supervision' }).getByRole('listitem');
    await item.getByText(PASSAGE).waitFor();
    await item.getByRole('button', { name: /^Delete annotation/ }).click();
    expect(await painted(page, 0)).toEqual({ oversight: [] });
    await thisPage.getByRole('button', { name: 'Undo delete on this page' }).click();
    expect(await painted(page, 1)).toEqual({ oversight: [PASSAGE] });

    await item.getByRole('button', { name: /^Edit annotation/ }).click();
    const editor = thisPage.getByRole('form', { name: /^Edit annotation/ });
    await editor.getByRole('checkbox', { name: 'Voice of the child' }).check();
    await editor.getByRole('checkbox', { name: 'Management oversight and supervision' }).uncheck();
    await editor.getByRole('textbox', { name: 'Note' }).fill('Seen in three files.');
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => annotationPhrases(page)).toEqual({ oversight: [], voice: [PASSAGE] });

    // The page's card shows the new theme and note; deleted from the panel, it closes and says why.
    const point = await pointInText(page, PASSAGE);
    await page.mouse.click(point.x, point.y);
    const card = page.getByRole('dialog', { name: 'Annotation' });
    await card.getByText('Seen in three files.').waitFor();
    expect(await card.getByRole('list', { name: 'Themes' }).textContent()).toBe('Voice of the child');
    // The reader's pointer rests on the card, which keeps a hovered card open.
    await card.getByRole('button', { name: 'Edit' }).hover();
    await thisPage.getByRole('list', { name: 'Theme: Voice of the child' }).getByRole('button', { name: /^Delete annotation/ }).click();
    await painted(page, 0);
    await card.waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: 'This annotation was deleted in another tab or in the side panel.' }).waitFor();
    await Promise.all([panel.close(), page.close()]);
  });

  it('paints a passage tagged in one tab in another tab showing the same page, and takes it away again', async () => {
    const path = '/provider/44/80487/letter-two-tabs';
    // The same page twice, as the extension identifies pages: without fragment and tracking parameters.
    const tracked = `${path}?utm_source=newsletter`;
    session.server.set(path, letter.html);
    session.server.set(tracked, letter.html);
    const first = await session.browser.context.newPage();
    await first.goto(session.server.url('reports.ofsted.gov.uk', path));
    const second = await session.browser.context.newPage();
    await second.goto(session.server.url('reports.ofsted.gov.uk', `${tracked}#summary`));
    // The second tab has read the page's annotations (none yet) before the first tags one.
    expect((await pageStateOf(session, second)).placed).toEqual([]);
    await first.bringToFront();

    await selectText(first, PASSAGE, PASSAGE.length);
    await tagWithMouse(first, 'Management oversight and supervision');
    expect(await painted(second, 1)).toEqual({ oversight: [PASSAGE] });

    const point = await pointInText(first, PASSAGE);
    const deleteInFirst = async () => {
      await first.mouse.click(point.x, point.y);
      await first.getByRole('dialog', { name: 'Annotation' }).getByRole('button', { name: 'Delete' }).click();
    };
    await deleteInFirst();
    expect(await painted(second, 0)).toEqual({ oversight: [] });
    await first.getByRole('button', { name: 'Undo' }).click();
    expect(await painted(second, 1)).toEqual({ oversight: [PASSAGE] });
    await deleteInFirst();
    await painted(second, 0);
    await Promise.all([first.close(), second.close()]);
  });

  it('draws a long list a hundred at a time, and starts again from the top when the filter changes', async () => {
    const at = '2026-02-01T09:00:00.000Z';
    const theme: Theme = { id: 'bulk', label: 'Bulk', color: '#336699', keywords: [], createdAt: at, updatedAt: at };
    const annotations: Annotation[] = Array.from({ length: 250 }, (_, i) => ({
      id: `bulk-${i}`,
      url: `https://reports.ofsted.gov.uk/provider/bulk/${i % 3}`,
      title: `Bulk ${i % 3}`,
      quote: { exact: `Bulk passage number ${i}`, prefix: '', suffix: '' },
      position: { start: i, end: i + 20 },
      themeIds: ['bulk'],
      note: '',
      createdAt: at,
      updatedAt: at,
    }));
    const file = exportAnnotations('json', { themes: [theme], annotations, exportedAt: new Date(at), scope: 'all' });
    const panel = await openPanel();
    await panel.getByLabel('Import JSON').setInputFiles({ name: file.fileName, mimeType: file.mimeType, buffer: Buffer.from(file.text) });
    await panel.getByRole('button', { name: 'Import', exact: true }).click();
    await panel.getByRole('status').filter({ hasText: '250 annotations.' }).waitFor();
    expect(await itemsOf(panel).count()).toBe(100);
    const more = panel.getByRole('button', { name: 'Show more', exact: true });
    await more.click();
    await expect.poll(() => itemsOf(panel).count()).toBe(200);
    await more.click();
    await expect.poll(() => itemsOf(panel).count()).toBe(250);
    expect(await more.count()).toBe(0);
    await panel.getByLabel('Search').fill('Bulk passage');
    await expect.poll(() => itemsOf(panel).count()).toBe(100);
    await panel.close();
  });
});
