/**
 * Reading the extension's work back from a page, as a user stylesheet or another tool would: the
 * page's own `CSS.highlights` registry, each range turned into the text it covers.
 */
import type { Frame, Page } from 'playwright-core';

export type PhrasesByName = Record<string, string[]>;

export interface PageHighlights {
  /** The text of every range, by highlight name, in registry order. */
  byName: PhrasesByName;
  /** Highlighted text that lies outside the page's <main>. */
  outsideMain: string[];
}

/**
 * Runs in the page (pass it to Playwright's or Puppeteer's `evaluate`): `CSS.highlights` as the
 * page's own scripts see it, each range turned back into the text it covers.
 */
export function readHighlightsInPage(): PageHighlights {
  const main = document.querySelector('main');
  const byName: Record<string, string[]> = {};
  const outsideMain: string[] = [];
  for (const [name, highlight] of CSS.highlights) {
    byName[name] = [...highlight].map((r) => {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      const text = range.toString().replace(/\s+/g, ' ');
      if (!main?.contains(range.commonAncestorContainer)) outsideMain.push(text);
      return text;
    });
  }
  return { byName, outsideMain };
}

/** Every registered highlight's ranges as text, by highlight name. */
export async function highlightedPhrases(target: Page | Frame): Promise<PhrasesByName> {
  return (await target.evaluate(readHighlightsInPage)).byName;
}

/** Total ranges across all highlights. */
export function highlightCount(target: Page | Frame): Promise<number> {
  return target.evaluate(() => [...CSS.highlights.values()].reduce((n, h) => n + h.size, 0));
}

/** Waits until the highlight count is non-zero and has not changed for `quietMs`. */
export async function settledPhrases(target: Page | Frame, quietMs = 400, timeoutMs = 20_000): Promise<PhrasesByName> {
  const until = Date.now() + timeoutMs;
  let last = -1;
  let since = Date.now();
  while (Date.now() < until) {
    const n = await highlightCount(target);
    if (n !== last) {
      last = n;
      since = Date.now();
    } else if (n > 0 && Date.now() - since >= quietMs) {
      return highlightedPhrases(target);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`highlights did not settle within ${timeoutMs} ms (last count ${last})`);
}

/**
 * Records every DOM mutation from DOMContentLoaded on (before any document_idle content
 * script), so a test can prove the extension changed nothing but its own UI host.
 */
export const RECORD_MUTATIONS = `
  window.__mutations = [];
  document.addEventListener('DOMContentLoaded', () => {
    new MutationObserver((records) => {
      for (const r of records) {
        window.__mutations.push({
          type: r.type,
          target: r.target.nodeName,
          added: [...r.addedNodes].map((n) => n.nodeName),
          removed: [...r.removedNodes].map((n) => n.nodeName),
          attribute: r.attributeName,
        });
      }
    }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  });
`;

/** Long main-thread tasks seen after the page has loaded and painted twice. */
export const RECORD_LONG_TASKS = `
  window.__longTasks = [];
  window.__renderedAt = Infinity;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  addEventListener('load', () => requestAnimationFrame(() => requestAnimationFrame(() => {
    window.__renderedAt = performance.now();
  })));
`;

export function longTasksAfterRender(page: Page): Promise<{ start: number; duration: number }[]> {
  return page.evaluate(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[]; __renderedAt: number };
    return w.__longTasks.filter((t) => t.start >= w.__renderedAt);
  });
}
