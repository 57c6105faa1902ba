/**
 * What the real extension costs a reader on the benchmark page served as reports.ofsted.gov.uk,
 * measured against the same page in a Chromium without the extension, load for load:
 * - main-thread tasks (trace.ts): the longest task running the extension's code, and the longest
 *   knock-on task while it works (rendering its highlights, collecting its garbage), against the
 *   same stretch of the page load without it;
 * - JavaScript heap once highlighting has settled and garbage is collected, with and without.
 * Loads alternate between the two browsers so both meet the same machine conditions.
 */
import { chromium, type BrowserContext } from 'playwright-core';
import { launchWithExtension, QUIET_CHROMIUM_FLAGS } from '../support/chromium.ts';
import { longest, startTrace, type PageTrace, type Task } from './trace.ts';
import { summarise, type Summary } from './stats.ts';

/** How long after its last JavaScript the extension's highlights may still be rendering. */
const RENDER_TAIL_MS = 250;

interface Load {
  trace: PageTrace;
  highlighted: number;
  jsHeap: number;
  embedderHeap: number;
}

export interface ExtensionResult {
  loads: number;
  /** Ranges in the page's highlights: on this long page, only those near the viewport. */
  highlighted: number;
  /** Longest task that ran the extension's JavaScript, per load. */
  ownLongest: Summary;
  /** Sum of the tasks running the extension's JavaScript, per load. */
  ownTotal: Summary;
  /** When its first pass ended, ms after DOMContentLoaded. */
  finishedAfterDcl: Summary;
  /**
   * Longest knock-on task while the extension works: the browser repainting the highlights it
   * adds (PrePaint mostly) or collecting its garbage. Runs none of its code, but the same stretch
   * of the load without the extension has next to none of them.
   */
  knockOnLongest: Summary;
  knockOnLongestStep: string;
  knockOnTotal: Summary;
  /** Tasks over 50 ms in the stretch, its code or knock-on, worst load. */
  longTasks: number;
  /** The same stretch of the load without the extension: its longest task and how many over 50 ms. */
  baselineLongest: Summary;
  baselineLongTasks: number;
  /** Heap in MB after settling and GC, with and without the extension. */
  jsHeap: Summary;
  baselineJsHeap: Summary;
  embedderHeap: Summary;
  baselineEmbedderHeap: Summary;
}

const MB = 1024 * 1024;

/** Total ranges in the page's highlights (the main world sees the page's one registry). */
const highlightCount = () => [...CSS.highlights.values()].reduce((sum, h) => sum + h.size, 0);

async function load(context: BrowserContext, url: string, expectHighlights: boolean): Promise<Load> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    const stop = await startTrace(cdp);
    await page.goto(url, { waitUntil: 'load' });
    // Settled: the same count on four polls in a row, a quarter of a second apart.
    let last = -1;
    let same = 0;
    for (let poll = 0; poll < 240 && same < 4; poll++) {
      await page.waitForTimeout(250);
      const count = await page.evaluate(highlightCount);
      same = count === last && (count > 0 || !expectHighlights) ? same + 1 : 0;
      last = count;
    }
    const trace = await stop();
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; embedderHeapUsedSize?: number };
    return { trace, highlighted: last, jsHeap: heap.usedSize / MB, embedderHeap: (heap.embedderHeapUsedSize ?? 0) / MB };
  } finally {
    await page.close();
  }
}

const within = (tasks: Task[], from: number, to: number) => tasks.filter((t) => t.start + t.ms > from && t.start < to);
/** Steps that are the page's rendering or garbage collection, not anyone's script. */
const KNOCK_ON = new Set(['PrePaint', 'Paint', 'Layerize', 'Commit', 'MinorGC', 'MajorGC']);
const total = (tasks: Task[]) => tasks.reduce((sum, t) => sum + t.ms, 0);
const over50 = (tasks: Task[]) => tasks.filter((t) => t.ms > 50).length;

/**
 * One load's tasks, sorted by cause, in the stretch from the extension's first JavaScript to its
 * last (plus the rendering of its last highlights); the load without it is cut at the same times.
 */
function stretch(withIt: PageTrace, withoutIt: PageTrace) {
  const { start, end } = withIt.extensionWindow!;
  const mine = within(withIt.tasks, start, end + RENDER_TAIL_MS);
  return {
    own: mine.filter((t) => t.extension),
    // What starts before the extension's first code belongs to the page's load.
    knockOn: mine.filter((t) => !t.extension && KNOCK_ON.has(t.mainStep) && t.start >= start),
    theirs: within(withoutIt.tasks, start, end + RENDER_TAIL_MS),
  };
}

export async function measureExtension(
  url: string,
  loads: number,
  log: (line: string) => void,
): Promise<ExtensionResult> {
  const extension = await launchWithExtension();
  const plain = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: QUIET_CHROMIUM_FLAGS });
  try {
    const baselineContext = await plain.newContext();
    const withExt: Load[] = [];
    const without: Load[] = [];
    const stretches: ReturnType<typeof stretch>[] = [];
    for (let i = 1; i <= loads; i++) {
      const a = await load(extension.context, url, true);
      const b = await load(baselineContext, url, false);
      if (!a.trace.extensionWindow) throw new Error('The extension ran no JavaScript on the benchmark page');
      withExt.push(a);
      without.push(b);
      const s = stretch(a.trace, b.trace);
      stretches.push(s);
      const knockOn = longest(s.knockOn);
      log(
        `  load ${i}/${loads}: ${a.highlighted} ranges registered; longest task running its code ${longest(s.own).ms.toFixed(1)} ms,` +
          ` knock-on ${knockOn.ms.toFixed(1)} ms (${knockOn.mainStep}); without it ${longest(s.theirs).ms.toFixed(1)} ms;` +
          ` JS heap ${a.jsHeap.toFixed(2)} MB with, ${b.jsHeap.toFixed(2)} MB without`,
      );
    }
    const worst = stretches.map((s) => longest(s.knockOn)).reduce((a, b) => (b.ms > a.ms ? b : a));
    return {
      loads,
      highlighted: withExt[0]!.highlighted,
      ownLongest: summarise(stretches.map((s) => longest(s.own).ms)),
      ownTotal: summarise(stretches.map((s) => total(s.own))),
      finishedAfterDcl: summarise(withExt.map((a) => a.trace.extensionWindow!.end)),
      knockOnLongest: summarise(stretches.map((s) => longest(s.knockOn).ms)),
      knockOnLongestStep: worst.mainStep,
      knockOnTotal: summarise(stretches.map((s) => total(s.knockOn))),
      longTasks: Math.max(...stretches.map((s) => over50([...s.own, ...s.knockOn]))),
      baselineLongest: summarise(stretches.map((s) => longest(s.theirs).ms)),
      baselineLongTasks: Math.max(...stretches.map((s) => over50(s.theirs))),
      jsHeap: summarise(withExt.map((a) => a.jsHeap)),
      baselineJsHeap: summarise(without.map((b) => b.jsHeap)),
      embedderHeap: summarise(withExt.map((a) => a.embedderHeap)),
      baselineEmbedderHeap: summarise(without.map((b) => b.embedderHeap)),
    };
  } finally {
    await plain.close();
    await extension.close();
  }
}
