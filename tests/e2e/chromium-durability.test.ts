/**
 * Saves, and the matching behind highlights, survive the service worker stopping, in real
 * Chromium with the built extension. MV3 may
 * stop the background at any moment, even between receiving a save and answering it; the page
 * must then send the save again until it is confirmed, and say "Saved." only once the write has
 * committed. Saves are idempotent by annotation id, so a retried save must never leave a passage
 * stored twice, and no confirmed save may be missing from the extension's own database.
 *
 * The worker is stopped with the DevTools protocol (see worker-switch.ts), and each stop is
 * confirmed by Chromium reporting the worker stopped.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { selectText, toolbarOf } from '../support/annotate.ts';
import { highlightedPhrases } from '../support/highlights.ts';
import { useExtensionSession } from '../support/extension-session.ts';
import { WorkerSwitch } from '../support/worker-switch.ts';

const session = useExtensionSession();

const OVERSIGHT = 'Management oversight and supervision';
const AUDIT = 'Quality assurance and audit';

/**
 * A report page of `count` distinct one-sentence paragraphs, each containing `keyword`, so the
 * toolbar offers that keyword's theme as a suggested button for every one of them.
 */
function reportOf(label: string, count: number, keyword: string): { html: string; passages: string[] } {
  const passages = Array.from(
    { length: count },
    (_, i) => `Case ${label}-${String(i + 1).padStart(3, '0')}: inspectors saw ${keyword} recorded on this child's file.`,
  );
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Report ${label}</title></head>
<body><main><h1>Report ${label}</h1>${passages.map((p) => `<p>${p}</p>`).join('\n')}</main></body></html>`;
  return { html, passages };
}

/**
 * Opens the report in a window of its own, from `opener`. Each window shows its tab, so every
 * report stays visible and renders frames: a tab behind another in the same window paints no
 * frames and the toolbar's clicks would wait for it.
 */
async function openReport(opener: Page, path: string, html: string): Promise<Page> {
  session.server.set(path, html);
  const url = session.server.url('reports.ofsted.gov.uk', path);
  const [page] = await Promise.all([
    session.browser.context.waitForEvent('page', (p) => p.url() === url),
    opener.evaluate((url) => void window.open(url, '_blank', 'popup,noopener,width=1000,height=800'), url),
  ]);
  await page.waitForLoadState();
  return page;
}

/** The toolbar open for exactly this passage, never the one left over from the last. */
const toolbarFor = (page: Page, passage: string) => toolbarOf(page).filter({ has: page.getByTitle(passage, { exact: true }) });

/** Selects the passage, clicks the suggested theme, and waits for the toolbar to say "Saved.". */
async function tag(page: Page, passage: string, theme: string): Promise<void> {
  await selectText(page, passage, passage.length);
  const toolbar = toolbarFor(page, passage);
  await toolbar.getByRole('button', { name: theme, exact: true }).click();
  await toolbar.getByRole('status').filter({ hasText: 'Saved.' }).waitFor({ timeout: 30_000 });
}

/** An extension page, where the extension's own IndexedDB can be read and held. */
async function openExtensionPage(): Promise<Page> {
  const page = await session.browser.context.newPage();
  await page.goto(`chrome-extension://${session.browser.extensionId}/popup.html`);
  return page;
}

/** How many times each passage is stored, read straight from the extension's database. */
function storedCounts(extensionPage: Page, url: string): Promise<Record<string, number>> {
  return extensionPage.evaluate(async (url) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('inspection-lens');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = await new Promise<{ url: string; quote: { exact: string } }[]>((resolve, reject) => {
      const request = db.transaction('annotations', 'readonly').objectStore('annotations').getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    const counts: Record<string, number> = {};
    for (const annotation of all) {
      if (annotation.url === url) counts[annotation.quote.exact] = (counts[annotation.quote.exact] ?? 0) + 1;
    }
    return counts;
  }, url);
}

/** Each passage once, and nothing else. */
const onceEach = (passages: string[]) => Object.fromEntries(passages.map((p) => [p, 1]));

/**
 * Holds a read-write transaction on the annotations store from an extension page, so any save
 * the worker starts waits inside its transaction until `release`: a save caught mid-flight.
 */
async function holdAnnotations(extensionPage: Page): Promise<{ release(): Promise<void> }> {
  await extensionPage.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('inspection-lens');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const store = db.transaction('annotations', 'readwrite').objectStore('annotations');
    const held = globalThis as unknown as { releaseHold?: () => Promise<void> };
    let released = false;
    const done = new Promise<void>((resolve) => {
      store.transaction.oncomplete = () => (db.close(), resolve());
    });
    // A transaction stays open while it has requests in flight: keep one going until released.
    const keepBusy = () => {
      if (!released) store.count().onsuccess = keepBusy;
    };
    keepBusy();
    held.releaseHold = () => ((released = true), done);
  });
  return {
    release: () => extensionPage.evaluate(() => (globalThis as unknown as { releaseHold: () => Promise<void> }).releaseHold()),
  };
}

describe('durability when the service worker stops', () => {
  it('confirms and stores each passage once when the worker stops between saves and during one', async () => {
    const path = '/provider/44/80487/durability-single';
    const { html, passages } = reportOf('S', 3, 'management oversight');
    const extensionPage = await openExtensionPage();
    const page = await openReport(extensionPage, path, html);
    const url = session.server.url('reports.ofsted.gov.uk', path);
    const worker = await WorkerSwitch.on(extensionPage, session.browser.extensionId);
    await worker.until(() => worker.running);

    // Between saves: the next save wakes a new worker.
    await tag(page, passages[0]!, OVERSIGHT);
    await worker.stop();
    const startsBefore = worker.starts;
    await tag(page, passages[1]!, OVERSIGHT);
    await worker.until(() => worker.starts === startsBefore + 1);

    // During a save: the worker has the save and is waiting on its transaction when it stops.
    await worker.stop();
    const hold = await holdAnnotations(extensionPage);
    try {
      const startsBeforeSave = worker.starts;
      await selectText(page, passages[2]!, passages[2]!.length);
      const toolbar = toolbarFor(page, passages[2]!);
      const status = toolbar.getByRole('status');
      await toolbar.getByRole('button', { name: OVERSIGHT, exact: true }).click();
      await status.filter({ hasText: 'Saving…' }).waitFor();
      // The save woke the worker; give its listener time to open the store and reach the held
      // transaction, then stop it there.
      await worker.until(() => worker.starts === startsBeforeSave + 1);
      await page.waitForTimeout(300);
      await worker.stop();
      // Nothing has committed, so nothing may be confirmed; and the page sends the save again,
      // which is all that wakes the worker now.
      expect(await status.textContent()).toBe('Saving…');
      await worker.until(() => worker.starts === startsBeforeSave + 2);
      await page.waitForTimeout(500);
      expect(await status.textContent()).toBe('Saving…');
      await hold.release();
      await status.filter({ hasText: 'Saved.' }).waitFor();
    } finally {
      // Never leave the store held for the next test, whatever failed.
      await hold.release();
    }

    expect(await storedCounts(extensionPage, url)).toEqual(onceEach(passages));
    await page.close();
    await extensionPage.close();
  });

  it('stores every passage exactly once when two tabs tag 200 passages each while the worker keeps stopping', async () => {
    const count = 200;
    const reports = [
      { path: '/provider/44/80487/durability-a', theme: OVERSIGHT, ...reportOf('A', count, 'management oversight') },
      { path: '/provider/44/80487/durability-b', theme: AUDIT, ...reportOf('B', count, 'quality assurance') },
    ];
    const extensionPage = await openExtensionPage();
    const pages = await Promise.all(reports.map((r) => openReport(extensionPage, r.path, r.html)));
    const worker = await WorkerSwitch.on(extensionPage, session.browser.extensionId);

    let tagging = true;
    /** Saves clicked and not yet confirmed, across both tabs. */
    let savesInFlight = 0;
    /** Stops of a running worker: all of them, and those that caught a save unconfirmed. */
    const stops = { total: 0, duringSaves: 0 };
    const stopper = (async () => {
      while (tagging) {
        await new Promise((resolve) => setTimeout(resolve, 250 + Math.random() * 500));
        if (!tagging || !worker.running) continue;
        if (savesInFlight > 0) stops.duringSaves += 1;
        stops.total += 1;
        await worker.stop();
      }
    })();
    // A failed stop is reported once the tagging is over, not as an unhandled rejection.
    stopper.catch(() => {});

    const started = Date.now();
    await Promise.all(
      reports.map(async (report, i) => {
        const page = pages[i]!;
        for (const passage of report.passages) {
          await selectText(page, passage, passage.length);
          const toolbar = toolbarFor(page, passage);
          const button = toolbar.getByRole('button', { name: report.theme, exact: true });
          await button.waitFor();
          savesInFlight += 1;
          try {
            await button.click();
            await toolbar.getByRole('status').filter({ hasText: 'Saved.' }).waitFor({ timeout: 30_000 });
          } finally {
            savesInFlight -= 1;
          }
        }
      }),
    ).finally(() => (tagging = false));
    await stopper;
    console.log(`400 saves in ${Date.now() - started} ms; worker stopped ${stops.total} times, ${stops.duringSaves} with saves in flight, started ${worker.starts} times`);

    expect(stops.duringSaves).toBeGreaterThanOrEqual(10);
    for (const report of reports) {
      const url = session.server.url('reports.ofsted.gov.uk', report.path);
      expect(await storedCounts(extensionPage, url)).toEqual(onceEach(report.passages));
    }
    await Promise.all([...pages, extensionPage].map((p) => p.close()));
  });

  it('highlights every judgement of a long report while the worker keeps stopping', async () => {
    // The page matches its text in the background a chunk at a time: a chunk whose answer is
    // lost with a stopped worker must be sent again, or its judgements are never painted.
    const count = 400;
    const filler = 'Alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima. '.repeat(25);
    const paragraphs = Array.from({ length: count }, (_, i) => `<p>Case ${i + 1}: practice is highly effective. ${filler}Plans are not always robust.</p>`);
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Long report</title></head>
<body><main><h1>Long report</h1>${paragraphs.join('\n')}</main></body></html>`;
    const extensionPage = await openExtensionPage();
    const worker = await WorkerSwitch.on(extensionPage, session.browser.extensionId);
    await worker.until(() => worker.running);

    let stopping = true;
    let stops = 0;
    const stopper = (async () => {
      while (stopping) {
        await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 40));
        if (!stopping || !worker.running) continue;
        stops += 1;
        await worker.stop();
      }
    })();
    stopper.catch(() => {});
    const page = await openReport(extensionPage, '/provider/44/80487/durability-long', html);
    try {
      // Long enough to catch the whole first pass, whose chunks keep waking the worker.
      await page.waitForTimeout(1500);
      stopping = false;
      await stopper;
      expect(stops).toBeGreaterThanOrEqual(2);
      await expect
        .poll(() => highlightedPhrases(page), { timeout: 30_000 })
        .toEqual({
          'judgement-strength': Array(count).fill('highly effective'),
          'judgement-concern': Array(count).fill('not always robust'),
          'judgement-mixed': [],
        });
    } finally {
      stopping = false;
      await Promise.all([page, extensionPage].map((p) => p.close()));
    }
  });

  it('keeps one annotation when a second theme is clicked before the first save is confirmed', async () => {
    const path = '/provider/44/80487/report-quick-clicks';
    const { html, passages } = reportOf('quick', 3, 'supervision notes and audits');
    const [first, second, third] = passages as [string, string, string];
    const extensionPage = await openExtensionPage();
    const page = await openReport(extensionPage, path, html);
    const url = session.server.url('reports.ofsted.gov.uk', path);

    // The toolbar's themes come with the page's stored annotations, a read the hold would keep
    // waiting too: so the hold starts once the toolbar offers them, never before the page read.
    await selectText(page, first, first.length);
    const toolbar = toolbarFor(page, first);
    await toolbar.getByRole('button', { name: OVERSIGHT, exact: true }).waitFor();
    // While the store is held, the first save waits: the second click comes while it is pending.
    let hold = await holdAnnotations(extensionPage);
    await toolbar.getByRole('button', { name: OVERSIGHT, exact: true }).click();
    await toolbar.getByRole('button', { name: AUDIT, exact: true }).click();
    await hold.release();
    await expect
      .poll(() => toolbar.getByRole('button', { name: AUDIT, exact: true }).getAttribute('aria-pressed'), { timeout: 30_000 })
      .toBe('true');
    expect(await toolbar.getByRole('button', { name: OVERSIGHT, exact: true }).getAttribute('aria-pressed')).toBe('true');

    // Another passage selected while the last one is saving never shows that save's outcome.
    hold = await holdAnnotations(extensionPage);
    await toolbar.getByRole('combobox', { name: 'Theme' }).press('Escape');
    await selectText(page, second, second.length);
    await toolbarFor(page, second).getByRole('button', { name: OVERSIGHT, exact: true }).click();
    await selectText(page, third, third.length);
    const other = toolbarFor(page, third);
    await other.waitFor();
    await hold.release();
    await expect.poll(() => storedCounts(extensionPage, url)).toEqual({ [first]: 1, [second]: 1 });
    await page.waitForTimeout(300);
    expect(await other.getByRole('status').count()).toBe(0);

    const themesOfFirst = await extensionPage.evaluate(async (quote) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('inspection-lens');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const all = await new Promise<{ quote: { exact: string }; themeIds: string[] }[]>((resolve) => {
        const request = db.transaction('annotations', 'readonly').objectStore('annotations').getAll();
        request.onsuccess = () => resolve(request.result);
      });
      db.close();
      return all.filter((a) => a.quote.exact === quote).map((a) => [...a.themeIds].sort());
    }, first);
    expect(themesOfFirst).toEqual([['oversight', 'qa']]);
    await Promise.all([page, extensionPage].map((p) => p.close()));
  });
});
