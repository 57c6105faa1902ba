/**
 * Re-anchoring saved annotations on the 1 MB benchmark page, in plain Chromium (no extension),
 * each measurement in a fresh page load, as when a reader comes back to a report:
 * - 1,000 annotations of 20–400 characters spread over the page, described by the extension's
 *   own code, then anchored again by the extension (one `readPageText`, then `anchorPassage`
 *   and `rangeFor` for each: what a page load does) and by dom-anchor-text-quote's `toRange`;
 * - the same 1,000 after a paragraph was inserted near the top of the page;
 * - one 200-character passage with 10% of its characters changed in the page, found by the
 *   approximate match, with its stored position right and with it stale.
 * dom-anchor-text-quote is timed on an evenly spread sample and scaled up to the whole set:
 * it takes tens of milliseconds a passage on a page this long, so all of them in every round
 * would take minutes.
 */
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { bundle } from '../support/bundle.ts';
import { QUIET_CHROMIUM_FLAGS } from '../support/chromium.ts';
import type { Annotations, DatRun, ExtensionRun, FuzzyRun } from './anchoring-entry.ts';
import { summarise, type Summary } from './stats.ts';

const ENTRY = join(import.meta.dirname, 'anchoring-entry.ts');

export const ANNOTATIONS = 1000;

export interface AnchoringResult {
  annotations: number;
  textChars: number;
  extension: Summary;
  /** Medians of the extension's parts over the rounds. */
  parts: { readMs: number; anchorMs: number; rangeMs: number };
  /** Found where they were, in the first round (every round anchors the same page alike). */
  extensionInPlace: number;
  /** How many of the annotations dom-anchor-text-quote anchored in each round. */
  datSample: number;
  /** Its time for the sample, scaled to all the annotations. */
  dat: Summary;
  datInPlace: number;
  /** One round without the position hint, scaled likewise: the call as the issue names it. */
  datNoHint: { ms: number; inPlace: number };
  moved: Summary;
  movedAnchored: number;
  movedInPlace: number;
  fuzzyNear: Summary;
  fuzzyNearCorrect: boolean;
  fuzzyStale: Summary;
  fuzzyStaleCorrect: boolean;
}

/** A fresh load of the page, rendered and settled, garbage collected, with the bundle in it. */
async function freshPage(browser: Browser, url: string, script: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await page.addScriptTag({ content: script });
  await page.evaluate(async () => {
    document.body.getBoundingClientRect();
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)));
    (globalThis as unknown as { gc: () => void }).gc();
  });
  return page;
}

export async function benchAnchoring(
  url: string,
  { repetitions, datSample }: { repetitions: number; datSample: number },
  log: (line: string) => void,
): Promise<AnchoringResult> {
  const script = await bundle(ENTRY, true);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [...QUIET_CHROMIUM_FLAGS, '--js-flags=--expose-gc'],
  });
  const measure = async <R>(run: (page: Page) => Promise<R>): Promise<R> => {
    const page = await freshPage(browser, url, script);
    try {
      return await run(page);
    } finally {
      await page.close();
    }
  };
  try {
    const annotations: Annotations = await measure((page) => page.evaluate((n) => window.inspectionLensAnchoringBench.describe(n), ANNOTATIONS));
    const stride = Math.floor(ANNOTATIONS / datSample);
    const sample = annotations.dat.filter((_, i) => i % stride === 0);
    const scale = ANNOTATIONS / sample.length;
    const extension: ExtensionRun[] = [];
    const dat: DatRun[] = [];
    const moved: ExtensionRun[] = [];
    const near: FuzzyRun[] = [];
    const stale: FuzzyRun[] = [];
    for (let round = 1; round <= repetitions; round++) {
      extension.push(await measure((page) => page.evaluate((s) => window.inspectionLensAnchoringBench.anchorExtension(s), annotations.selectors)));
      dat.push(await measure((page) => page.evaluate((s) => window.inspectionLensAnchoringBench.anchorDat(s, true), sample)));
      moved.push(
        await measure((page) =>
          page.evaluate((s) => {
            const bench = window.inspectionLensAnchoringBench;
            return bench.anchorExtension(s, bench.insertParagraph());
          }, annotations.selectors),
        ),
      );
      near.push(await measure((page) => page.evaluate(() => window.inspectionLensAnchoringBench.fuzzy(false))));
      stale.push(await measure((page) => page.evaluate(() => window.inspectionLensAnchoringBench.fuzzy(true))));
      const e = extension.at(-1)!;
      log(
        `  round ${round}/${repetitions}: extension ${e.totalMs.toFixed(1)} ms (read ${e.readMs.toFixed(1)}, anchor ${e.anchorMs.toFixed(1)},` +
          ` ranges ${e.rangeMs.toFixed(1)}) · dom-anchor-text-quote ${dat.at(-1)!.ms.toFixed(0)} ms for ${sample.length}` +
          ` · after an insertion ${moved.at(-1)!.totalMs.toFixed(1)} ms · fuzzy ${near.at(-1)!.ms.toFixed(1)} ms, stale hint ${stale.at(-1)!.ms.toFixed(1)} ms`,
      );
    }
    const noHint = await measure((page) => page.evaluate((s) => window.inspectionLensAnchoringBench.anchorDat(s, false), sample));
    log(`  dom-anchor-text-quote without the position hint, once: ${noHint.ms.toFixed(0)} ms for ${sample.length}`);
    const median = (runs: ExtensionRun[], key: 'readMs' | 'anchorMs' | 'rangeMs') => summarise(runs.map((r) => r[key])).median;
    const scaled = summarise(dat.map((d) => d.ms * scale));
    return {
      annotations: ANNOTATIONS,
      textChars: annotations.textChars,
      extension: summarise(extension.map((e) => e.totalMs)),
      parts: { readMs: median(extension, 'readMs'), anchorMs: median(extension, 'anchorMs'), rangeMs: median(extension, 'rangeMs') },
      extensionInPlace: extension[0]!.inPlace,
      datSample: sample.length,
      dat: scaled,
      datInPlace: dat[0]!.inPlace,
      datNoHint: { ms: noHint.ms * scale, inPlace: noHint.inPlace },
      moved: summarise(moved.map((m) => m.totalMs)),
      movedAnchored: moved[0]!.anchored,
      movedInPlace: moved[0]!.inPlace,
      fuzzyNear: summarise(near.map((f) => f.ms)),
      fuzzyNearCorrect: near.every((f) => f.correct),
      fuzzyStale: summarise(stale.map((f) => f.ms)),
      fuzzyStaleCorrect: stale.every((f) => f.correct),
    };
  } finally {
    await browser.close();
  }
}
