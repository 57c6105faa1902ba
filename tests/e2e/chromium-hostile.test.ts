/**
 * Hostile or huge pages: the tab must stay responsive. After the page has loaded and painted,
 * the page itself runs no long work here, so any main-thread task over 50 ms would be the
 * extension's.
 */
import { describe, expect, it } from 'vitest';
import { highlightedPhrases, longTasksAfterRender, RECORD_LONG_TASKS, settledPhrases } from '../support/highlights.ts';
import { seedPages } from '../support/seed-pages.ts';
import { useExtensionSession } from '../support/extension-session.ts';

const session = useExtensionSession();

const html = (body: string, head = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Report</title>${head}</head><body>${body}</body></html>`;
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** About `megabytes` MB of report text: the seeds' paragraphs over and over, with inline markup. */
function hugeReport(megabytes: number): string {
  const paragraphs = seedPages()
    .flatMap((s) => s.text.split(/\n\s*\n/))
    .map((p) => p.trim())
    .filter((p) => p.length > 80)
    .map((p) => `<p>${escape(p).replace(/\b(not)\b/g, '<b>$1</b>')}</p>`);
  const out: string[] = [];
  let size = 0;
  for (let i = 0; size < megabytes * 1_000_000; i++) {
    const p = paragraphs[i % paragraphs.length]!;
    out.push(i % 40 === 0 ? `<h2>Section ${i / 40 + 1}</h2>${p}` : p);
    size += p.length;
  }
  return html(`<main>${out.join('\n')}</main>`);
}


describe('hostile and huge pages', () => {
  it('highlights a 10 MB page without a long task', async () => {
    session.server.set('/huge', hugeReport(10));
    const page = await session.browser.context.newPage();
    await page.addInitScript(RECORD_LONG_TASKS);
    await page.goto(session.server.url('reports.ofsted.gov.uk', '/huge'), { timeout: 60_000 });
    const phrases = await settledPhrases(page, 1000, 90_000);
    expect(await longTasksAfterRender(page)).toEqual([]);

    // Tens of thousands of phrases are found and counted...
    await expect.poll(() => session.browser.badgeOf(page), { timeout: 30_000 }).toMatch(/^\d+k$/);
    // ...but only those near the viewport are registered, or every frame of the page would slow.
    expect(phrases['judgement-concern']!.length).toBeGreaterThan(10);
    expect(phrases['judgement-concern']!.length).toBeLessThan(2000);

    // Painting follows the reader to the end of the report.
    const lastParagraph = () =>
      page.evaluate(() => {
        const last = document.querySelector('main')!.lastElementChild!;
        return [...CSS.highlights.values()].some((h) => [...h].some((r) => last.contains(r.startContainer)));
      });
    expect(await lastParagraph()).toBe(false);
    await page.evaluate(() => document.querySelector('main')!.lastElementChild!.scrollIntoView());
    await expect.poll(lastParagraph, { timeout: 2000 }).toBe(true);
    await page.close();
  });

  it('follows the reader on a report of many phrases read before its highlights show', async () => {
    // Read in a few milliseconds, so the painter starts following the viewport only as the
    // highlights are first shown, at the end of the first pass.
    const paragraphs = Array.from({ length: 1500 }, (_, i) => `<p id="p${i}">Management oversight is weak.</p>`);
    session.server.set('/many', html(`<main>${paragraphs.join('')}</main>`));
    const page = await session.browser.context.newPage();
    await page.goto(session.server.url('reports.ofsted.gov.uk', '/many'));
    const phrases = await settledPhrases(page);

    // Every phrase is counted, but only those near the viewport are registered.
    await expect.poll(() => session.browser.badgeOf(page)).toBe('1500');
    expect(phrases['judgement-concern']!.length).toBeGreaterThan(10);
    expect(phrases['judgement-concern']!.length).toBeLessThan(1500);

    const lastParagraph = () =>
      page.evaluate(() => {
        const last = document.getElementById('p1499')!;
        return [...CSS.highlights.values()].some((h) => [...h].some((r) => last.contains(r.startContainer)));
      });
    expect(await lastParagraph()).toBe(false);
    await page.evaluate(() => document.getElementById('p1499')!.scrollIntoView());
    await expect.poll(lastParagraph, { timeout: 2000 }).toBe(true);
    await page.close();
  });

  it('keeps up with a page that mutates a thousand times a second, without a long task', async () => {
    const storm = `<main><p>Management oversight is inadequate.</p><p id="ticker">tick</p><ul id="list"></ul></main>
<script>
  let n = 0;
  setInterval(() => {
    for (let i = 0; i < 10; i++) {
      n++;
      document.getElementById('ticker').textContent = 'tick ' + n + (n % 2 ? ' progress is strong' : '');
      const li = document.createElement('li');
      li.textContent = 'item ' + n;
      const list = document.getElementById('list');
      list.append(li);
      if (list.children.length > 50) list.firstElementChild.remove();
    }
  }, 10);
</script>`;
    session.server.set('/storm', html(storm));
    const page = await session.browser.context.newPage();
    await page.addInitScript(RECORD_LONG_TASKS);
    await page.goto(session.server.url('reports.ofsted.gov.uk', '/storm'));
    const rate = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let count = 0;
          const observer = new MutationObserver((records) => (count += records.length));
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
          setTimeout(() => (observer.disconnect(), resolve(count)), 1000);
        }),
    );
    expect(rate).toBeGreaterThan(1000);
    await page.waitForTimeout(3000);
    const phrases = await highlightedPhrases(page);
    expect(phrases['judgement-concern']).toContain('inadequate');
    expect(await longTasksAfterRender(page)).toEqual([]);
    await page.close();
  });

  it('highlights text at the bottom of deeply nested markup', async () => {
    const depth = 3000;
    const nested = '<div><span>'.repeat(depth) + 'The local authority was judged inadequate.' + '</span></div>'.repeat(depth);
    session.server.set('/deep', html(`<main>${nested}<p>Leaders are highly effective.</p></main>`));
    const page = await session.browser.context.newPage();
    await page.addInitScript(RECORD_LONG_TASKS);
    await page.goto(session.server.url('reports.ofsted.gov.uk', '/deep'));
    const phrases = await settledPhrases(page);
    expect(phrases['judgement-concern']!.some((p) => p.endsWith('judged inadequate'))).toBe(true);
    expect(phrases['judgement-strength']).toContain('highly effective');
    expect(await longTasksAfterRender(page)).toEqual([]);
    await page.close();
  });

  it('reads a passage as the reader sees it around scripts, form fields and SVG, in HTML and XHTML alike', async () => {
    // The script, option and SVG text is never read, verdicts though it holds; the CDATA text of
    // the XHTML page is shown, so it is read.
    const body = (cdata: string) =>
      `<main><p>Management <script>window.verdict = "Leaders are weak";</script>oversight is <b>not</b> always robust; ` +
      `<select><option>highly effective</option></select>supervision is weak.</p>` +
      `<p>Practice is ${cdata} and <svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><text>inconsistent</text></svg>` +
      `leaders are highly effective; plans are of variable quality.</p>` +
      // A negator that ends one block never reaches into the next.
      `<p>Nothing in the records shows what oversight is not</p><p>Robust plans are in place.</p></main>`;
    const pages = [
      { path: '/markup.html', type: 'text/html; charset=utf-8', page: html(body('strong')) },
      {
        path: '/markup.xhtml',
        type: 'application/xhtml+xml',
        page:
          `<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml" lang="en">` +
          `<head><title>Report</title></head><body>${body('<![CDATA[strong]]>')}</body></html>`,
      },
    ];
    for (const { path, type, page: markup } of pages) {
      session.server.set(path, markup, type);
      const page = await session.browser.context.newPage();
      await page.goto(session.server.url('reports.ofsted.gov.uk', path));
      const phrases = await settledPhrases(page);
      expect(phrases, path).toEqual({
        'judgement-strength': ['strong', 'highly effective', 'Robust'],
        'judgement-concern': ['not always robust', 'weak'],
        'judgement-mixed': ['variable'],
      });
      await page.close();
    }
  });

  it('highlights inside same-origin frames', async () => {
    session.server.set('/frame-child', html('<p>Care planning is weak and not always timely.</p>'));
    session.server.set('/framed', html('<main><p>The report is below.</p><iframe src="/frame-child"></iframe></main>'));
    const page = await session.browser.context.newPage();
    await page.goto(session.server.url('reports.ofsted.gov.uk', '/framed'));
    const child = page.frames().find((f) => f.url().endsWith('/frame-child'))!;
    expect(child).toBeDefined();
    const phrases = await settledPhrases(child);
    expect(phrases['judgement-concern']).toEqual(expect.arrayContaining(['weak', 'not always timely']));
    await page.close();
  });
});
