/**
 * The side panel keeps up without a reload: a passage tagged through the page toolbar in another
 * tab appears in an already-open panel, and a delete in one panel disappears from another. Also
 * the page and day filters narrow the list as the reader expects, and a long list is drawn a
 * hundred at a time.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { localDay } from '../../lib/annotation-filter.ts';
import { exportAnnotations } from '../../lib/export.ts';
import type { Annotation, Theme } from '../../lib/schema.ts';
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
