/**
 * Pages that change after load: scripted provider pages, infinite scroll, single-page
 * navigation. New or changed text is highlighted within a second, removed text loses its
 * highlight, and the extension's own work never sets off more work.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { highlightedPhrases, settledPhrases } from '../support/highlights.ts';
import { useExtensionSession } from '../support/extension-session.ts';

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Provider</title></head>
<body><main>
<h1>Barnet local authority children's services</h1>
<p id="split">Management oversight is <b>not</b> <i>always</i> robust.</p>
<p id="changing">Nothing to report yet.</p>
<div id="feed"></div>
<div id="later" hidden><p>Leaders are highly effective.</p></div>
</main></body></html>`;

const session = useExtensionSession();
let page: Page;

const lower = (list: string[] | undefined) => (list ?? []).map((p) => p.toLowerCase());
const phrasesOf = async (name: string) => lower((await highlightedPhrases(page))[name]);
/** Polls for at most a second: the promise made to readers of changing pages. */
const withinASecond = { timeout: 1000, interval: 50 };

beforeAll(async () => {
  session.server.set('/provider/44/80487', PAGE);
  page = await session.browser.context.newPage();
  await page.goto(session.server.url('reports.ofsted.gov.uk', '/provider/44/80487'));
  await settledPhrases(page);
});

describe('a page that changes after load', () => {
  it('reads a phrase split across inline elements as one concern', async () => {
    expect(await phrasesOf('judgement-concern')).toContain('not always robust');
    const spansNodes = await page.evaluate(() =>
      [...CSS.highlights.get('judgement-concern')!].some((r) => r.startContainer !== r.endContainer),
    );
    expect(spansNodes).toBe(true);
  });

  it('highlights appended content (infinite scroll) within a second', async () => {
    await page.evaluate(() => {
      for (let i = 1; i <= 5; i++) {
        const p = document.createElement('p');
        p.textContent = `Update ${i}: plans for care leavers are inadequate.`;
        document.getElementById('feed')!.append(p);
      }
    });
    await expect
      .poll(async () => (await phrasesOf('judgement-concern')).filter((p) => p === 'inadequate').length, withinASecond)
      .toBe(5);
  });

  it('highlights changed text within a second', async () => {
    await page.evaluate(() => {
      (document.getElementById('changing')!.firstChild as Text).data = 'Supervision is weak and infrequent.';
    });
    await expect.poll(() => phrasesOf('judgement-concern'), withinASecond).toContain('weak');
  });

  it('highlights text that becomes visible within a second', async () => {
    expect(await phrasesOf('judgement-strength')).not.toContain('highly effective');
    await page.evaluate(() => document.getElementById('later')!.removeAttribute('hidden'));
    await expect.poll(() => phrasesOf('judgement-strength'), withinASecond).toContain('highly effective');
  });

  it('drops the highlight of removed text within a second', async () => {
    await page.evaluate(() => document.getElementById('split')!.remove());
    await expect.poll(() => phrasesOf('judgement-concern'), withinASecond).not.toContain('not always robust');
  });

  it('follows single-page navigation within a second', async () => {
    await page.evaluate(() => {
      history.pushState({}, '', '/provider/44/80487/report');
      document.querySelector('main')!.innerHTML =
        '<h1>Inspection report</h1><p>Practice is inconsistent and drift remains.</p>';
    });
    await expect.poll(() => phrasesOf('judgement-mixed'), withinASecond).toContain('inconsistent');
    expect(await phrasesOf('judgement-concern')).not.toContain('inadequate');
  });

  it('does not set itself off: once settled, its highlights stay untouched', async () => {
    await settledPhrases(page);
    await page.evaluate(() => {
      const w = window as unknown as { __before: AbstractRange[] };
      w.__before = [...CSS.highlights.values()].flatMap((h) => [...h]);
    });
    await page.waitForTimeout(1500);
    const same = await page.evaluate(() => {
      const before = (window as unknown as { __before: AbstractRange[] }).__before;
      const now = [...CSS.highlights.values()].flatMap((h) => [...h]);
      return before.length > 0 && now.length === before.length && now.every((r) => before.includes(r));
    });
    expect(same).toBe(true);
  });
});
