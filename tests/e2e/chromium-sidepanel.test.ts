/**
 * The side panel opened as a tab, over annotations tagged through the page toolbar: it lists them,
 * its search and theme filter narrow them, an item opens its page, delete can be undone, each export downloads a file of its format, and importing a file whose
 * note carries markup shows the markup as text without running any of it. A large file is checked
 * in the import worker while the panel keeps responding.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { AnnotationExportSchema, EXPORT_FORMAT, type AnnotationExport } from '../../lib/schema.ts';
import { MAX_IMPORT_BYTES } from '../../lib/import.ts';
import { useExtensionSession } from '../support/extension-session.ts';
import { selectText, tagWithKeyboard } from '../support/annotate.ts';
import { seedPages } from '../support/seed-pages.ts';
import { PASSAGE_A, PASSAGE_B, panelWithTwoPassages } from '../support/side-panel.ts';

const session = useExtensionSession();

const HOSTILE_NOTE = 'Careful: <img src=x onerror="window.__pwned=1"> and <script>window.__pwned=1</script>';

/** A valid export of `count` annotations of a few hundred bytes each, with ids no other test uses. */
function largeExport(count: number): AnnotationExport {
  const at = '2026-03-01T09:00:00.000Z';
  const words = 'leaders social workers children supervision oversight caseloads plans families management practice quality'.split(' ');
  return {
    format: EXPORT_FORMAT,
    version: 1,
    exportedAt: at,
    themes: [{ id: 'large-file', label: 'Large file', color: '#336699', keywords: [], createdAt: at, updatedAt: at }],
    annotations: Array.from({ length: count }, (_, i) => {
      const exact = Array.from({ length: 10 + (i % 30) }, (_, w) => words[(i + w * 5) % words.length]).join(' ');
      return {
        id: `large-${i}`,
        url: `https://reports.ofsted.gov.uk/provider/44/${90000 + (i % 200)}`,
        title: `Inspection of children's services ${i % 200}`,
        quote: { exact, prefix: 'Inspectors found that ', suffix: ' in the cases seen.' },
        position: { start: i * 10, end: i * 10 + exact.length },
        themeIds: ['large-file'],
        note: i % 4 === 0 ? `Follow up on point ${i}.` : '',
        createdAt: at,
        updatedAt: at,
      };
    }),
  };
}

type Heartbeat = Window & { __frames?: number[]; __checking?: { from?: number; to?: number } };

/**
 * The longest the panel went without drawing a frame once it showed that it was checking a file:
 * the longest gap between two animation frames that starts while "Checking…" is shown. A panel that
 * parses the file on its own thread draws nothing until it is done. (Comparing, which follows, runs
 * on the panel's thread by design; it starts only after a frame has shown "Comparing…".)
 */
async function longestGapWhileChecking(panel: Page): Promise<number> {
  const { frames, checking } = await panel.evaluate(() => {
    const w = window as Heartbeat;
    return { frames: w.__frames!, checking: w.__checking! };
  });
  expect(checking.from).toBeDefined();
  expect(checking.to).toBeDefined();
  let longest = 0;
  for (let i = 1; i < frames.length; i++) {
    if (frames[i - 1]! >= checking.from! && frames[i - 1]! < checking.to!) longest = Math.max(longest, frames[i]! - frames[i - 1]!);
  }
  return longest;
}

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

  it('opens an annotated page scrolled to the passage', async () => {
    const path = '/provider/44/80487/letter-open-at-passage';
    session.server.set(path, seedPages().find((s) => s.file.startsWith('001'))!.html);
    const page = await session.browser.context.newPage();
    await page.goto(session.server.url('reports.ofsted.gov.uk', path));
    await selectText(page, PASSAGE_A, PASSAGE_A.length);
    await tagWithKeyboard(page, 'Care lea');
    await page.close();
    const panel = await session.browser.context.newPage();
    await panel.goto(`chrome-extension://${session.browser.extensionId}/sidepanel.html`);
    // Other tests in this file tag the same passage on other pages: this item is this page's.
    const item = panel.getByRole('list', { name: 'Annotations' }).locator(':scope > li').filter({ has: panel.locator(`a[title$="${path}"]`) });
    const [opened] = await Promise.all([session.browser.context.waitForEvent('page'), item.getByRole('link').click()]);
    await opened.waitForLoadState('load');
    expect(opened.url()).toContain(`${path}#:~:text=`);
    // The passage is below the first screen of the letter; the browser scrolls it into view.
    await expect
      .poll(() =>
        opened.evaluate((passage) => {
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (!node.textContent!.includes(passage.slice(0, 40))) continue;
            const range = document.createRange();
            range.selectNodeContents(node);
            const { top, bottom } = range.getBoundingClientRect();
            return window.scrollY > 0 && top >= 0 && bottom <= innerHeight;
          }
          return false;
        }, PASSAGE_A),
      )
      .toBe(true);
    await Promise.all([opened.close(), panel.close()]);
  });

  it('checks a large file in its worker while the panel keeps responding', async () => {
    // Large enough (15 MB, under the 20 MB limit) that checking it on the panel's thread would stop
    // the panel for well over the bound below; at 8 MB that is about 100 ms on a fast machine.
    const count = 25_000;
    const text = JSON.stringify(largeExport(count));
    expect(text.length).toBeGreaterThan(14_000_000);
    expect(text.length).toBeLessThan(MAX_IMPORT_BYTES);
    // A file on disk, as a reader chooses one: Chromium reads it, where a buffer would be built by
    // script in the panel and leave megabytes of garbage to collect on the very thread measured.
    const dir = await mkdtemp(join(tmpdir(), 'inspection-lens-'));
    const path = join(dir, 'large.json');
    await writeFile(path, text);
    const panel = await session.browser.context.newPage();
    await panel.goto(`chrome-extension://${session.browser.extensionId}/sidepanel.html`);
    await panel.bringToFront();
    const items = panel.getByRole('list', { name: 'Annotations' }).locator(':scope > li');
    await panel.locator('.annotations[aria-busy=false]').waitFor({ state: 'attached' });
    const before = await items.count();
    await panel.evaluate(() => {
      const w = window as Heartbeat;
      w.__frames = [];
      w.__checking = {};
      const frame = () => {
        w.__frames!.push(performance.now());
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
      new MutationObserver(() => {
        const checking = [...document.querySelectorAll('.import [role=status]')].some((p) => p.textContent?.startsWith('Checking'));
        if (checking) w.__checking!.from ??= performance.now();
        else if (w.__checking!.from !== undefined) w.__checking!.to ??= performance.now();
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });

    const [worker] = await Promise.all([
      panel.waitForEvent('worker'),
      panel.getByLabel('Import JSON').setInputFiles(path),
    ]);
    expect(worker.url()).toMatch(/\/import-worker-[\w-]+\.js$/);
    const preview = panel.getByRole('group', { name: 'Import preview' });
    await preview.getByText(`New: ${count}`).waitFor();
    await preview.getByText('Themes added: 1').waitFor();
    // Generous: with the worker, frames come every few tens of milliseconds; a panel that checks
    // the file on its own thread draws none for the whole check (over 200 ms for this file).
    expect(await longestGapWhileChecking(panel)).toBeLessThan(100);

    // Nothing is written until the reader confirms.
    await preview.getByRole('button', { name: 'Cancel', exact: true }).click();
    await panel.reload();
    await panel.locator('.annotations[aria-busy=false]').waitFor({ state: 'attached' });
    expect(await items.count()).toBe(before);
    await panel.close();
    await rm(dir, { recursive: true });
  });
});
