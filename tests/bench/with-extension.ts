/**
 * What the real extension costs a reader on the benchmark page served as reports.ofsted.gov.uk,
 * measured against the same page in a Chromium without the extension, load for load:
 * - main-thread tasks (trace.ts): the longest task running the extension's code, and the longest
 *   task of any kind while it works, against the same stretch of the page load without it;
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
  highlighted: number;
  /** Longest task that ran the extension's JavaScript, per load. */
  ownLongest: Summary;
  /** Sum of the tasks running the extension's JavaScript, per load. */
  ownTotal: Summary;
  /** When its first pass ended, ms after DOMContentLoaded. */
  finishedAfterDcl: Summary;
  /**
   * Longest rendering task (mostly PrePaint) while the extension works: the browser repainting
   * the highlights it adds. Runs none of its code, but exists only because of it.
   */
  renderLongest: Summary;
  renderTotal: Summary;
  /** Tasks over 50 ms in the window, the extension's code or its rendering, worst load. */
  longTasks: number;
  /** The same stretch of the load without the extension: its longest task and its rendering. */
  baselineLongest: Summary;
  baselineRenderLongest: Summary;
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
/** Paint-phase steps: what a highlight change costs the page after the extension's code ran. */
const RENDERING = new Set(['PrePaint', 'Paint', 'Layerize', 'Commit']);
const isRendering = (t: Task) => !t.extension && RENDERING.has(t.mainStep);
const total = (tasks: Task[]) => tasks.reduce((sum, t) => sum + t.ms, 0);
const over50 = (tasks: Task[]) => tasks.filter((t) => t.ms > 50).length;

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
    for (let i = 1; i <= loads; i++) {
      const a = await load(extension.context, url, true);
      const b = await load(baselineContext, url, false);
      if (!a.trace.extensionWindow) throw new Error('The extension ran no JavaScript on the benchmark page');
      withExt.push(a);
      without.push(b);
      const own = longest(a.trace.tasks.filter((t) => t.extension));
      const render = longest(a.trace.tasks.filter((t) => isRendering(t) && t.start >= a.trace.extensionWindow!.start));
      log(
        `  load ${i}/${loads}: ${a.highlighted} ranges; longest task running its code ${own.ms.toFixed(1)} ms,` +
          ` rendering its highlights ${render.ms.toFixed(1)} ms;` +
          ` JS heap ${a.jsHeap.toFixed(2)} MB with, ${b.jsHeap.toFixed(2)} MB without`,
      );
    }
    // The stretch each load is judged on: the extension's first to last JavaScript, plus the
    // rendering of its last highlights; the load without it is cut at the same times.
    const windows = withExt.map((a, i) => {
      const { start, end } = a.trace.extensionWindow!;
      const mine = within(a.trace.tasks, start, end + RENDER_TAIL_MS);
      const own = mine.filter((t) => t.extension);
      // Rendering that starts before the extension's first code belongs to the page's load.
      const render = mine.filter((t) => isRendering(t) && t.start >= start);
      return { own, render, theirs: within(without[i]!.trace.tasks, start, end + RENDER_TAIL_MS) };
    });
    return {
      loads,
      highlighted: withExt[0]!.highlighted,
      ownLongest: summarise(windows.map((w) => longest(w.own).ms)),
      ownTotal: summarise(windows.map((w) => total(w.own))),
      finishedAfterDcl: summarise(withExt.map((a) => a.trace.extensionWindow!.end)),
      renderLongest: summarise(windows.map((w) => longest(w.render).ms)),
      renderTotal: summarise(windows.map((w) => total(w.render))),
      longTasks: Math.max(...windows.map((w) => over50([...w.own, ...w.render]))),
      baselineLongest: summarise(windows.map((w) => longest(w.theirs).ms)),
      baselineRenderLongest: summarise(windows.map((w) => longest(w.theirs.filter(isRendering)).ms)),
      baselineLongTasks: Math.max(...windows.map((w) => over50(w.theirs))),
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
