/**
 * The page's normalised text, which annotations store their positions in (a public contract, see
 * lib/text-model.ts), read from real pages in plain Chromium: what is read and what is not,
 * where passages break, and the way back from a span to the page and from a selection to a span.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { bundle } from '../support/bundle.ts';
import { QUIET_CHROMIUM_FLAGS } from '../support/chromium.ts';
import { startPageServer, type PageServer } from '../support/server.ts';

let browser: Browser;
let server: PageServer;
let probe: string;

beforeAll(async () => {
  probe = await bundle(join(import.meta.dirname, '../support/page-text-entry.ts'), false);
  server = await startPageServer();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: QUIET_CHROMIUM_FLAGS });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Everything a reader sees, and much that they do not, each where a walk could trip on it. */
const BODY = (cdata: string) =>
  `<h1>Title  of
   report</h1>` +
  `<p>Leaders are <b>not</b> always <a href="#x">effective</a>.<script>var strong = 1;</script> Next&#160;sentence.</p>` +
  `<p hidden="">Hidden paragraph.</p>` +
  `<p>Before<span style="display:none">gone</span>after <span style="visibility:hidden">unseen</span>end.</p>` +
  `<address>Line one<br/>Line two</address>` +
  `<form><textarea>typed</textarea><select><option>picked</option></select><input value="v"/> Label text</form>` +
  `<div contenteditable="true">being edited</div>` +
  `<svg xmlns="http://www.w3.org/2000/svg"><text>drawn</text></svg>` +
  `<ul><li>One</li><li>Two <!-- a comment --> and a half</li></ul>` +
  `<table><tbody><tr><td>Cell A</td><td>Cell B${cdata}</td></tr></tbody></table>` +
  `<inspection-lens>the extension's own words</inspection-lens>` +
  `<style>p { color: black }</style>`;

/** The page's text, up to its last cell, which ends with `more` in the XHTML page. */
const EXPECTED = (more: string) =>
  'Title of report\nLeaders are not always effective. Next sentence.\nBeforeafter end.\nLine one\nLine two\n' +
  `Label text\nOne\nTwo and a half\nCell A\nCell B${more}`;

async function open(path: string, type: string, content: string): Promise<Page> {
  server.set(path, content, type);
  const page = await browser.newPage();
  await page.goto(server.url('unlisted.example', path));
  await page.addScriptTag({ content: probe });
  return page;
}

describe('the normalised page text', () => {
  for (const [kind, path, type, page, more] of [
    ['HTML', '/text.html', 'text/html', `<!doctype html><html lang="en"><head><title>T</title></head><body>${BODY('')}</body></html>`, ''],
    [
      'XHTML',
      '/text.xhtml',
      'application/xhtml+xml',
      `<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml" lang="en"><head><title>T</title></head>` +
        `<body>${BODY('<![CDATA[ and more]]>')}</body></html>`,
      // The CDATA text is shown, so it is read.
      ' and more',
    ],
  ] as const) {
    it(`reads what the reader sees of a ${kind} page, passage by passage, and maps spans both ways`, async () => {
      const tab = await open(path, type, page);
      const text = await tab.evaluate(() => window.inspectionLensPageText.text());
      expect(text).toBe(EXPECTED(more));

      // A span across inline elements is the words on the page, and a selection of those words
      // is that span again.
      const phrase = 'not always effective';
      const start = text.indexOf(phrase);
      const shownAt = (from: number, length: number) =>
        tab.evaluate(({ s, e }) => window.inspectionLensPageText.shownAt(s, e), { s: from, e: from + length });
      expect(await shownAt(start, phrase.length)).toBe(phrase);
      const selected = await tab.evaluate(() => {
        const p = document.querySelectorAll('p')[0]!;
        const range = document.createRange();
        range.setStart(p.querySelector('b')!.firstChild!, 0);
        range.setEnd(p.querySelector('a')!.firstChild!, 'effective'.length);
        getSelection()!.removeAllRanges();
        getSelection()!.addRange(range);
        return window.inspectionLensPageText.selected();
      });
      expect(selected).toEqual({ start, end: start + phrase.length });

      // Spans after hidden text, a collapsed space, a line break and unread elements land on the
      // text that follows them (a DOM range holds the hidden text between its ends, as the page does).
      expect(await shownAt(text.indexOf('end.'), 4)).toBe('end.');
      expect(await shownAt(text.indexOf('after end'), 9)).toBe('after unseenend');
      expect(await shownAt(text.indexOf('of report'), 9)).toBe('of\n   report');
      expect(await shownAt(text.indexOf('one\nLine'), 8)).toBe('oneLine');
      expect(await shownAt(text.indexOf('Label'), 10)).toBe('Label text');
      expect(await shownAt(text.indexOf('Cell B'), 6 + more.length)).toBe(`Cell B${more}`);
      await tab.close();
    });
  }
});
