/**
 * The side panel's "This page", opened as a tab for the Ofsted letter served as
 * reports.ofsted.gov.uk: its tone counts are the page's highlights, its phrases come in reading
 * order with their sentences, a phrase takes the page to it and flashes it, and an annotation
 * whose passage left the page is listed under "Orphaned"; its exports hold the page's annotations,
 * orphans too. It follows the reader without being reloaded: a passage tagged on the page, the
 * page reloaded, another tab made active.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { exportFileName } from '../../lib/export-file.ts';
import { AnnotationExportSchema } from '../../lib/schema.ts';
import { DB_NAME } from '../../lib/store-migrations.ts';
import { selectText, tagWithKeyboard } from '../support/annotate.ts';
import { useExtensionSession } from '../support/extension-session.ts';
import { highlightedPhrases } from '../support/highlights.ts';
import { seedPages } from '../support/seed-pages.ts';
import { openPanelFor } from '../support/side-panel.ts';

const session = useExtensionSession();
const letter = seedPages().find((s) => s.file.startsWith('001'))!;
const minutes = seedPages().find((s) => s.file.startsWith('004'))!;

const PASSAGE = 'Inspectors found that supervision and management oversight is evident on case files';

/** The page's judgement highlights in document order, as text, with their tone. */
function highlightsInReadingOrder(page: Page): Promise<{ tone: string; text: string }[]> {
  return page.evaluate(() => {
    const found: { tone: string; text: string; range: StaticRange }[] = [];
    for (const tone of ['strength', 'concern', 'mixed']) {
      for (const r of CSS.highlights.get(`judgement-${tone}`) ?? []) found.push({ tone, text: '', range: r as StaticRange });
    }
    found.sort((a, b) =>
      a.range.startContainer === b.range.startContainer
        ? a.range.startOffset - b.range.startOffset
        : a.range.startContainer.compareDocumentPosition(b.range.startContainer) & Node.DOCUMENT_POSITION_FOLLOWING
          ? -1
          : 1,
    );
    return found.map(({ tone, range }) => {
      const live = document.createRange();
      live.setStart(range.startContainer, range.startOffset);
      live.setEnd(range.endContainer, range.endOffset);
      return { tone, text: live.toString() };
    });
  });
}

/** The page's judgement highlights counted by tone, as the tone bar words them. */
async function toneBarOf(page: Page): Promise<string[]> {
  const found = await highlightedPhrases(page);
  const count = (tone: string) => found[`judgement-${tone}`]?.length ?? 0;
  return [`Strengths: ${count('strength')}`, `Concerns: ${count('concern')}`, `Mixed: ${count('mixed')}`];
}

async function openReport(path: string, html: string): Promise<Page> {
  session.server.set(path, html);
  const page = await session.browser.context.newPage();
  await page.goto(session.server.url('reports.ofsted.gov.uk', path));
  await expect.poll(async () => Object.values(await highlightedPhrases(page)).flat().length).toBeGreaterThan(3);
  return page;
}

describe('side panel: this page', () => {
  it('summarises the page, reveals a phrase, and lists orphans', async () => {
    const path = '/provider/44/80487/letter-this-page';
    session.server.set(path, letter.html);
    const page = await session.browser.context.newPage();
    await page.setViewportSize({ width: 900, height: 500 });
    await page.goto(session.server.url('reports.ofsted.gov.uk', path));
    await expect.poll(async () => Object.values(await highlightedPhrases(page)).flat().length).toBeGreaterThan(3);
    const expected = await highlightsInReadingOrder(page);

    const { panel, thisPage: section } = await openPanelFor(session, page);
    const phrases = section.getByRole('list', { name: 'Judgement phrases' }).getByRole('button');
    await expect.poll(() => phrases.count()).toBe(expected.length);
    const bar = section.getByRole('list', { name: 'Judgements by tone' });
    for (const [tone, label] of [['strength', 'Strengths'], ['concern', 'Concerns'], ['mixed', 'Mixed']] as const) {
      const count = expected.filter((h) => h.tone === tone).length;
      await bar.getByText(`${label}: ${count}`, { exact: true }).waitFor();
    }
    const texts = await phrases.locator('strong').allTextContents();
    expect(texts.map((t) => t.replace(/\s+/g, ' '))).toEqual(expected.map((h) => h.text.replace(/\s+/g, ' ')));
    // Every phrase has its sentence, which holds the phrase, and a sentence starts and ends where
    // the letter's does, not at the paragraph's edges or a fixed reach.
    const sentences = await phrases.locator('.sentence').allTextContents();
    expect(sentences).toHaveLength(texts.length);
    sentences.forEach((sentence, i) => expect(sentence.toLowerCase()).toContain(texts[i]!.replace(/\s+/g, ' ').toLowerCase()));
    expect(sentences[texts.indexOf('too variable')]).toBe(
      "Practice is still too variable, particularly around the quality of children's assessments and plans.",
    );
    expect(sentences[texts.indexOf('inadequate')]).toBe(
      'Inspectors found that, proportionately, there is much less case work of an inadequate standard.',
    );

    // The last phrase is far down the short viewport: picking it scrolls there and flashes it.
    await page.evaluate(() => window.scrollTo(0, 0));
    await phrases.last().click();
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    expect((await highlightedPhrases(page))['judgement-flash']).toEqual([expected.at(-1)!.text.replace(/\s+/g, ' ')]);
    await expect.poll(async () => (await highlightedPhrases(page))['judgement-flash'], { timeout: 4000 }).toBeUndefined();

    // A passage tagged on the page shows at once; then the page loses it, and once the page has
    // reloaded (the panel is not) it is an orphan.
    await selectText(page, PASSAGE, PASSAGE.length);
    await tagWithKeyboard(page, 'Care lea');
    await section.getByRole('list', { name: 'Theme: Care leavers' }).getByText(PASSAGE).waitFor();
    session.server.set(path, letter.html.replace(/Inspectors found that supervision and management oversight[^.]*\./, ''));
    await page.reload();
    const orphans = section.getByRole('list', { name: 'Orphaned' });
    await orphans.getByText(PASSAGE).waitFor({ timeout: 5000 });
    await section.getByRole('heading', { name: 'Orphaned' }).waitFor();

    // This page's export holds the page's annotations, the orphan too, and is named for the page.
    const exports = section.getByRole('group', { name: 'Export this page' });
    const [download]: [Download, void] = await Promise.all([
      panel.waitForEvent('download'),
      exports.getByRole('button', { name: 'Export JSON', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(exportFileName('page', new Date(), 'json'));
    const exported = AnnotationExportSchema.parse(JSON.parse(await readFile(await download.path(), 'utf8')));
    expect(exported.annotations.map((a) => [a.quote.exact, a.themeIds])).toEqual([[PASSAGE, ['care-leavers']]]);
    await panel.close();
    await page.close();
  }, 20_000);

  it('still lists an annotation whose theme record is corrupt, under the theme id', async () => {
    const report = await openReport('/provider/44/80487/letter-corrupt-theme', letter.html);
    await selectText(report, PASSAGE, PASSAGE.length);
    await tagWithKeyboard(report, 'Care lea');
    const { panel, thisPage } = await openPanelFor(session, report);
    await thisPage.getByRole('list', { name: 'Theme: Care leavers' }).getByText(PASSAGE).waitFor();

    // The store skips a theme record that fails its schema, so the codebook read lacks it.
    const putTheme = (record: unknown) =>
      panel.evaluate(
        ([dbName, record]) =>
          new Promise<unknown>((resolve, reject) => {
            const open = indexedDB.open(dbName as string);
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const store = open.result.transaction('themes', 'readwrite').objectStore('themes');
              const before = store.get('care-leavers');
              before.onsuccess = () => store.put(record);
              store.transaction.oncomplete = () => (open.result.close(), resolve(before.result));
              store.transaction.onerror = () => reject(store.transaction.error);
            };
          }),
        [DB_NAME, record] as const,
      );
    const original = await putTheme({ id: 'care-leavers', label: 42 });
    await report.reload();
    await thisPage.getByRole('list', { name: 'Theme: care-leavers' }).getByText(PASSAGE).waitFor();
    await putTheme(original);
    await Promise.all([panel.close(), report.close()]);
  });

  it('follows the active tab: shows another page when the reader switches to it or the tab goes to it', async () => {
    const report = await openReport('/provider/44/80487/letter-follow', letter.html);
    await selectText(report, PASSAGE, PASSAGE.length);
    await tagWithKeyboard(report, 'Care lea');
    const other = await openReport('/provider/44/80487/minutes-follow', minutes.html);
    const [reportBar, otherBar] = [await toneBarOf(report), await toneBarOf(other)];
    expect(reportBar).not.toEqual(otherBar);

    const { panel, thisPage } = await openPanelFor(session, report);
    const bar = thisPage.getByRole('list', { name: 'Judgements by tone' }).getByRole('listitem');
    const annotations = thisPage.getByRole('list', { name: 'Theme: Care leavers' });
    await expect.poll(() => bar.allTextContents()).toEqual(reportBar);
    await annotations.getByText(PASSAGE).waitFor();

    await other.bringToFront();
    await expect.poll(() => bar.allTextContents()).toEqual(otherBar);
    await thisPage.getByText('No annotations placed on this page.').waitFor();
    expect(await annotations.count()).toBe(0);

    await report.bringToFront();
    await expect.poll(() => bar.allTextContents()).toEqual(reportBar);
    await annotations.getByText(PASSAGE).waitFor();

    // The tab goes to another page: the panel describes that page.
    await report.goto(session.server.url('reports.ofsted.gov.uk', '/provider/44/80487/minutes-follow'));
    await expect.poll(() => bar.allTextContents()).toEqual(otherBar);
    await thisPage.getByText('No annotations placed on this page.').waitFor();
    await Promise.all([panel.close(), report.close(), other.close()]);
  });
});
