/**
 * The side panel opened as a tab, over annotations tagged through the page toolbar: it lists them,
 * its search and theme filter narrow them, an item opens its page, delete can be undone, each export downloads a file of its format, and importing a file whose
 * note carries markup shows the markup as text without running any of it.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { AnnotationExportSchema } from '../../lib/schema.ts';
import { useExtensionSession } from '../support/extension-session.ts';
import { PASSAGE_A, PASSAGE_B, panelWithTwoPassages } from '../support/side-panel.ts';

const session = useExtensionSession();

const HOSTILE_NOTE = 'Careful: <img src=x onerror="window.__pwned=1"> and <script>window.__pwned=1</script>';

/** Clicks an export button and returns the downloaded file's name and text. */
async function exported(panel: Page, name: string): Promise<{ fileName: string; text: string }> {
  const [download]: [Download, void] = await Promise.all([
    panel.waitForEvent('download'),
    panel.getByRole('button', { name, exact: true }).click(),
  ]);
  return { fileName: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
}

describe('side panel', () => {
  it('lists, searches, exports and safely imports annotations', async () => {
    const path = '/provider/44/80487/letter-sidepanel';
    const { page, panel, items } = await panelWithTwoPassages(session, path);
    // Newest first.
    expect(await items.nth(0).textContent()).toContain(PASSAGE_B);
    expect(await items.nth(1).textContent()).toContain(PASSAGE_A);

    await panel.getByLabel('Search').fill('INFORMAL');
    await expect.poll(() => items.count()).toBe(1);
    const filtered = await exported(panel, 'Export JSON');
    expect(filtered.fileName).toMatch(/^inspection-lens-filtered-\d{4}-\d{2}-\d{2}\.json$/);
    const filteredJson = AnnotationExportSchema.parse(JSON.parse(filtered.text));
    expect(filteredJson.annotations.map((a) => a.quote.exact)).toEqual([PASSAGE_B]);

    await panel.getByLabel('Search').fill('');
    await expect.poll(() => items.count()).toBe(2);
    const all = await exported(panel, 'Export JSON');
    expect(all.fileName).toMatch(/^inspection-lens-all-/);
    const allJson = AnnotationExportSchema.parse(JSON.parse(all.text));
    expect(allJson.annotations).toHaveLength(2);

    const csv = await exported(panel, 'Export CSV');
    expect(csv.text.startsWith('\uFEFF')).toBe(true);
    expect(csv.text).toContain('informal supervision');

    const w3c = JSON.parse((await exported(panel, 'Export W3C')).text);
    expect(w3c['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(w3c.type).toBe('AnnotationCollection');
    expect(w3c.first.items).toHaveLength(2);
    for (const item of w3c.first.items) {
      expect(item).toMatchObject({ type: 'Annotation', id: expect.any(String), body: expect.any(Array) });
      expect(item.target.source).toEqual(expect.any(String));
    }

    await panel.getByRole('combobox', { name: 'Theme', exact: true }).selectOption({ label: 'Care leavers (1)' });
    await expect.poll(() => items.count()).toBe(1);
    expect(await items.nth(0).textContent()).toContain(PASSAGE_A);
    const [opened] = await Promise.all([
      session.browser.context.waitForEvent('page'),
      items.nth(0).getByRole('link').click(),
    ]);
    await expect.poll(() => opened.url()).toContain(path);
    await opened.close();
    await panel.getByRole('combobox', { name: 'Theme', exact: true }).selectOption('');

    await items.nth(0).getByRole('button', { name: /^Delete annotation/ }).click();
    await expect.poll(() => items.count()).toBe(1);
    await panel.getByRole('status').filter({ hasText: /^1 annotation\.$/ }).waitFor();
    await panel.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => items.count()).toBe(2);

    // A file from elsewhere: one new annotation whose note is markup.
    const hostile = {
      ...allJson,
      annotations: [...allJson.annotations, { ...allJson.annotations[0]!, id: 'imported-hostile', note: HOSTILE_NOTE }],
    };
    await panel.getByLabel('Import JSON').setInputFiles({
      name: 'hostile.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(hostile)),
    });
    const preview = panel.getByRole('group', { name: 'Import preview' });
    await preview.getByText('New: 1').waitFor();
    await preview.getByText('Unchanged: 2').waitFor();
    await preview.getByRole('button', { name: 'Import', exact: true }).click();
    await panel.getByRole('alert').filter({ hasText: 'Imported 1 new annotation and 0 updated, and 0 new themes.' }).waitFor();
    await expect.poll(() => items.count()).toBe(3);
    await panel.getByText(HOSTILE_NOTE, { exact: true }).waitFor();
    expect(await panel.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(await panel.locator('main img, main script').count()).toBe(0);

    // Over the limit: refused by its size, with the sizes named, and nothing changes.
    await panel.getByLabel('Import JSON').setInputFiles({ name: 'huge.json', mimeType: 'application/json', buffer: Buffer.alloc(21 * 1024 * 1024, 0x20) });
    await panel.getByRole('alert').filter({ hasText: 'The file is 21.0 MB; Inspection Lens imports files up to 20.0 MB.' }).waitFor();
    expect(await items.count()).toBe(3);
    await panel.close();
    await page.close();
  });
});
