/**
 * The extension makes no network request of its own: everything stays on the reader's machine.
 * Every request the browser context issues (pages, frames and the extension's service worker) is
 * recorded while a reader has a report highlighted, tags a passage, reloads and finds it again;
 * the only requests allowed are the report's own page loads from the test server (and the
 * browser reading the extension's own packaged files).
 *
 * A recorder that saw nothing would pass too, so the test ends by making the service worker fetch
 * and checking the recorder caught it, attributed to the worker.
 */
import { describe, expect, it } from 'vitest';
import type { Request } from 'playwright-core';
import { annotationPhrases, selectText, tagWithMouse } from '../support/annotate.ts';
import { useExtensionSession } from '../support/extension-session.ts';
import { settledPhrases } from '../support/highlights.ts';
import { seedPages } from '../support/seed-pages.ts';
import { WorkerSwitch } from '../support/worker-switch.ts';

const session = useExtensionSession();
const letter = seedPages().find((s) => s.file.startsWith('001'))!;

const PASSAGE = 'Social workers reported to inspectors that they valued informal supervision and management direction.';

interface Recorded {
  url: string;
  method: string;
  resourceType: string;
  /**
   * Who asked: the service worker's script, "navigation" for a page load, or else the address
   * of the document that asked (a content script's requests are its page's).
   */
  issuer: string;
}

function record(request: Request): Recorded {
  const worker = request.serviceWorker();
  const issuer = worker ? worker.url() : request.isNavigationRequest() ? 'navigation' : request.frame().url();
  return { url: request.url(), method: request.method(), resourceType: request.resourceType(), issuer };
}

describe('network', () => {
  it('sends nothing anywhere while a reader highlights, tags, reloads and finds the passage again', async () => {
    const { context } = session.browser;
    const requests: Recorded[] = [];
    const onRequest = (request: Request) => void requests.push(record(request));
    context.on('request', onRequest);

    session.server.set(letter.path, letter.html);
    const url = session.server.url(letter.host, letter.path);
    const page = await context.newPage();
    // Stop the worker, so that it starts again while recorded: whatever it does on starting up
    // is on the record too.
    const worker = await WorkerSwitch.on(page, session.browser.extensionId);
    await worker.stop();
    await page.goto(url);
    const judgements = await settledPhrases(page);
    expect(Object.values(judgements).flat().length).toBeGreaterThan(0);

    await selectText(page, PASSAGE, PASSAGE.length);
    await tagWithMouse(page, 'Management oversight and supervision');
    await page.reload();
    await expect.poll(() => annotationPhrases(page), { timeout: 5000 }).toEqual({ oversight: [PASSAGE] });
    await settledPhrases(page);
    await worker.until(() => worker.starts > 0);

    context.off('request', onRequest);
    // Reading the extension's own files (the worker's script as it starts again) is not network.
    // Beyond that, the page loaded twice and nothing else: no request from the worker, the
    // content script or an extension page, to the test server or anywhere else.
    const packaged = `chrome-extension://${session.browser.extensionId}/`;
    const pageLoad: Recorded = { url, method: 'GET', resourceType: 'document', issuer: 'navigation' };
    expect(requests.filter((r) => !r.url.startsWith(packaged))).toEqual([pageLoad, pageLoad]);
    await page.close();
  });

  it('would see a request from the extension’s service worker or from a page', async () => {
    const { context, extensionId } = session.browser;
    const requests: Recorded[] = [];
    const onRequest = (request: Request) => void requests.push(record(request));
    context.on('request', onRequest);

    session.server.set('/probe', 'probe', 'text/plain');
    const probe = session.server.url('reports.ofsted.gov.uk', '/probe');
    const worker = await session.browser.serviceWorker();
    await worker.evaluate(async (probe) => void (await fetch(probe, { mode: 'no-cors' })), probe);
    const page = await context.newPage();
    await page.goto(probe);
    await page.evaluate(async (probe) => void (await fetch(probe)), probe);

    context.off('request', onRequest);
    expect(requests).toEqual([
      { url: probe, method: 'GET', resourceType: 'fetch', issuer: `chrome-extension://${extensionId}/background.js` },
      { url: probe, method: 'GET', resourceType: 'document', issuer: 'navigation' },
      { url: probe, method: 'GET', resourceType: 'fetch', issuer: probe },
    ]);
    await page.close();
  });
});
