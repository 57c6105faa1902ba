/**
 * The three-way comparison on the benchmark page, in one plain Chromium (no extension), each
 * repetition in a fresh page load so no run inherits another's DOM, caches or garbage:
 * - the floor: a bare TreeWalker pass collecting every text node's text, which no highlighter
 *   can beat since it must at least read the text;
 * - the engine: the extension's `startPageHighlighter`, bundled by bundle.ts, with its
 *   `findJudgements` in a worker standing in for the background (see engine-entry.ts); its CPU
 *   figure is the page's thread only, its elapsed figure waits for the last answer painted. It
 *   runs three times: with a background that has just started, whose matcher V8 is still
 *   optimising while the page is read (a reader's first report, or the first after Chrome stopped
 *   the idle background), with one that has served a report before (any report while it runs),
 *   and with one that finds nothing, which leaves the page's reading alone;
 * - mark.js, given the lexicon's own phrases as one case-insensitive regular expression, matched
 *   across elements as the engine does: its fastest use. Once per bench, also its common use,
 *   `mark()` with the phrase list, which makes one pass over the page per phrase.
 * They alternate within each round so that a slow spell of the machine hits all of them.
 */
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { lexicon } from '../../lib/lexicon.ts';
import { expandPhrase } from '../../lib/matcher.ts';
import { QUIET_CHROMIUM_FLAGS } from '../support/chromium.ts';
import { bundleEngine } from './bundle.ts';
import type { EngineRun, EngineRunOptions } from './engine-entry.ts';
import { profileEngine, type EngineProfile } from './profile.ts';
import { summarise, type Summary } from './stats.ts';

const MARK_JS = createRequire(import.meta.url).resolve('mark.js/dist/mark.min.js');

/** What mark.js exposes on the page; the package ships no types. */
interface MarkGlobal {
  Mark: new (context: Element) => {
    markRegExp(re: RegExp, options: { acrossElements: boolean; done: (marks: number) => void }): void;
    mark(
      keywords: string[],
      options: { separateWordSearch: boolean; acrossElements: boolean; accuracy: string; diacritics: boolean; done: (marks: number) => void },
    ): void;
  };
}

export interface InPageResult {
  textNodes: number;
  textChars: number;
  phrases: number;
  floor: Summary;
  engineElapsed: Summary;
  engineCpu: Summary;
  /** The part of the engine's CPU time spent painting the worker's answers. */
  enginePaint: Summary;
  /** The worker's matching time, off the page's thread. */
  engineMatching: Summary;
  /** The same with a background that has served a report before. */
  engineWarmElapsed: Summary;
  engineWarmCpu: Summary;
  /** The same with a background that finds nothing at once: reading and sending alone. */
  readingElapsed: Summary;
  readingCpu: Summary;
  engineSlices: number;
  engineLongestSlice: Summary;
  engineMatches: number;
  mark: Summary;
  markMatches: number;
  /** One run of `mark()` with the phrase list. */
  markList: { ms: number; marks: number };
  /** The part of the engine's CPU time spent sending text to the worker and unpacking its answers. */
  engineSendAndUnpack: Summary;
  profile: EngineProfile;
}

/**
 * The phrases that are judgements on their own: verdicts of each tone and "lead + grade"
 * ("judged good"), every bracketed form expanded. The context rules (negation, false friends,
 * bare grades in grade statements) have no plain-phrase form, so mark.js does not get them.
 */
export function markPhrases(): string[] {
  const phrases = [
    ...lexicon.strength,
    ...lexicon.concern,
    ...lexicon.mixed,
    ...lexicon.grades.flatMap(({ phrase }) => lexicon.gradeLeads.map((lead) => `${lead} ${phrase}`)),
  ];
  return [...new Set(phrases.flatMap(expandPhrase))];
}

/** One alternation, longest phrase first, whole words, any run of white space between words. */
function phraseRegExpSource(phrases: string[]): string {
  const escaped = [...phrases]
    .sort((a, b) => b.length - a.length)
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));
  return `\\b(?:${escaped.join('|')})\\b`;
}

/** Loads the page afresh and lets it settle: styles and layout done, garbage collected. */
async function freshPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(async () => {
    document.body.getBoundingClientRect();
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)));
    (globalThis as unknown as { gc: () => void }).gc();
  });
  return page;
}

async function floorRun(page: Page) {
  return page.evaluate(() => {
    const started = performance.now();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const texts: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push((node as Text).data);
    const ms = performance.now() - started;
    return { ms, nodes: texts.length, chars: texts.reduce((sum, t) => sum + t.length, 0) };
  });
}

async function engineRun(page: Page, bundle: string, options: EngineRunOptions): Promise<EngineRun> {
  await page.addScriptTag({ content: bundle });
  return page.evaluate((options) => window.inspectionLensBench.run(options), options);
}

async function markRun(page: Page, source: string) {
  await page.addScriptTag({ path: MARK_JS });
  return page.evaluate(
    (source) =>
      new Promise<{ ms: number; marks: number }>((resolve) => {
        const { Mark } = window as unknown as MarkGlobal;
        const started = performance.now();
        new Mark(document.body).markRegExp(new RegExp(source, 'gi'), {
          acrossElements: true,
          done: (marks) => resolve({ ms: performance.now() - started, marks }),
        });
      }),
    source,
  );
}

async function markListRun(page: Page, phrases: string[]) {
  await page.addScriptTag({ path: MARK_JS });
  return page.evaluate(
    (phrases) =>
      new Promise<{ ms: number; marks: number }>((resolve) => {
        const { Mark } = window as unknown as MarkGlobal;
        const started = performance.now();
        new Mark(document.body).mark(phrases, {
          separateWordSearch: false,
          acrossElements: true,
          accuracy: 'exactly',
          diacritics: false,
          done: (marks) => resolve({ ms: performance.now() - started, marks }),
        });
      }),
    phrases,
  );
}

export async function compareInPage(
  url: string,
  { repetitions, profileRuns }: { repetitions: number; profileRuns: number },
  log: (line: string) => void,
): Promise<InPageResult> {
  const bundle = await bundleEngine();
  const phrases = markPhrases();
  const source = phraseRegExpSource(phrases);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [...QUIET_CHROMIUM_FLAGS, '--js-flags=--expose-gc'],
  });
  try {
    const floors: Awaited<ReturnType<typeof floorRun>>[] = [];
    const engines: EngineRun[] = [];
    const warmEngines: EngineRun[] = [];
    const readings: EngineRun[] = [];
    const marks: { ms: number; marks: number }[] = [];
    const measure = async <T>(run: (page: Page) => Promise<T>): Promise<T> => {
      const page = await freshPage(browser, url);
      try {
        return await run(page);
      } finally {
        await page.close();
      }
    };
    for (let round = 1; round <= repetitions; round++) {
      const floor = await measure(floorRun);
      const engine = await measure((page) => engineRun(page, bundle, {}));
      const warm = await measure((page) => engineRun(page, bundle, { background: 'warm' }));
      if (JSON.stringify(warm.counts) !== JSON.stringify(engine.counts)) {
        throw new Error(`the engine found ${JSON.stringify(warm.counts)} with a warm background, ${JSON.stringify(engine.counts)} without`);
      }
      const reading = await measure((page) => engineRun(page, bundle, { background: 'none' }));
      const mark = await measure((page) => markRun(page, source));
      floors.push(floor);
      engines.push(engine);
      warmEngines.push(warm);
      readings.push(reading);
      marks.push(mark);
      log(
        `  round ${round}/${repetitions}: floor ${floor.ms.toFixed(1)} ms · engine ${engine.elapsedMs.toFixed(1)} ms` +
          ` elapsed, ${engine.cpuMs.toFixed(1)} ms CPU in ${engine.slices} slices` +
          ` (background warm: ${warm.elapsedMs.toFixed(1)} ms, ${warm.cpuMs.toFixed(1)} ms CPU;` +
          ` reading alone: ${reading.elapsedMs.toFixed(1)} ms) · mark.js ${mark.ms.toFixed(1)} ms`,
      );
    }
    const markList = await measure((page) => markListRun(page, phrases));
    log(`  mark.js mark() with the phrase list, once: ${markList.ms.toFixed(1)} ms`);
    const profile = await profileEngine(browser, url, profileRuns);
    const counts = engines[0]!.counts;
    return {
      textNodes: floors[0]!.nodes,
      textChars: floors[0]!.chars,
      phrases: phrases.length,
      floor: summarise(floors.map((f) => f.ms)),
      engineElapsed: summarise(engines.map((e) => e.elapsedMs)),
      engineCpu: summarise(engines.map((e) => e.cpuMs)),
      enginePaint: summarise(engines.map((e) => e.paintMs)),
      engineMatching: summarise(engines.map((e) => e.matchingMs)),
      engineSendAndUnpack: summarise(engines.map((e) => e.sendAndUnpackMs)),
      engineWarmElapsed: summarise(warmEngines.map((e) => e.elapsedMs)),
      engineWarmCpu: summarise(warmEngines.map((e) => e.cpuMs)),
      readingElapsed: summarise(readings.map((e) => e.elapsedMs)),
      readingCpu: summarise(readings.map((e) => e.cpuMs)),
      engineSlices: engines[0]!.slices,
      engineLongestSlice: summarise(engines.map((e) => e.longestSliceMs)),
      engineMatches: counts.strength + counts.concern + counts.mixed,
      mark: summarise(marks.map((m) => m.ms)),
      markMatches: marks[0]!.marks,
      markList,
      profile,
    };
  } finally {
    await browser.close();
  }
}
