/**
 * Main-thread tasks of one page load from a Chromium trace (DevTools protocol `Tracing`), and
 * which of them the extension caused. A long task is blamed on the extension when it runs the
 * extension's JavaScript; tasks that run none of it but fall in the extension's working window
 * (its highlights being rendered, mostly) are reported apart, next to what the same window
 * holds on the page loaded without the extension, so page-load work is never blamed on it.
 */
import type { CDPSession } from 'playwright-core';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { data?: { url?: string; isOutermostMainFrame?: boolean } };
}

/** A top-level task of the page's main thread, in ms from DOMContentLoaded. */
export interface Task {
  start: number;
  ms: number;
  /** Whether the extension's JavaScript ran in it. */
  extension: boolean;
  /** The longest rendering or script step inside it, to say what the task was. */
  mainStep: string;
}

export interface PageTrace {
  tasks: Task[];
  /** From the extension's first JavaScript to the end of its last, ms from DOMContentLoaded. */
  extensionWindow?: { start: number; end: number };
}

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8.execute'];
const STEPS = new Set(['FunctionCall', 'EvaluateScript', 'ParseHTML', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit', 'HitTest', 'MajorGC', 'MinorGC']);

export async function startTrace(cdp: CDPSession): Promise<() => Promise<PageTrace>> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' });
  return async () => {
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await complete;
    return pageTasks(events);
  };
}

const isExtensionCode = (e: TraceEvent) => e.args?.data?.url?.startsWith('chrome-extension://') === true;

function pageTasks(events: TraceEvent[]): PageTrace {
  const dcl = events.findLast((e) => e.name === 'MarkDOMContent' && e.args?.data?.isOutermostMainFrame);
  if (!dcl) throw new Error('The trace holds no DOMContentLoaded of the page');
  const onMain = events.filter((e) => e.pid === dcl.pid && e.tid === dcl.tid && e.ph === 'X' && e.dur !== undefined);
  const at = (us: number) => (us - dcl.ts) / 1000;
  const runs = onMain.filter((e) => e.name === 'RunTask').sort((a, b) => a.ts - b.ts);
  const inside = onMain.filter((e) => STEPS.has(e.name) || isExtensionCode(e)).sort((a, b) => a.ts - b.ts);
  let next = 0;
  const tasks = runs.map((run): Task => {
    const end = run.ts + run.dur!;
    while (next < inside.length && inside[next]!.ts < run.ts) next++;
    let extension = false;
    let main: TraceEvent | undefined;
    for (let i = next; i < inside.length && inside[i]!.ts < end; i++) {
      const step = inside[i]!;
      extension ||= isExtensionCode(step);
      if (!main || step.dur! > main.dur!) main = step;
    }
    return { start: at(run.ts), ms: run.dur! / 1000, extension, mainStep: main?.name ?? 'other' };
  });
  const own = onMain.filter(isExtensionCode);
  const extensionWindow =
    own.length > 0 ? { start: at(Math.min(...own.map((e) => e.ts))), end: at(Math.max(...own.map((e) => e.ts + e.dur!))) } : undefined;
  return { tasks, ...(extensionWindow ? { extensionWindow } : {}) };
}

/** The longest of `tasks` (zero-length placeholder when there are none). */
export function longest(tasks: Task[]): Task {
  return tasks.reduce((a, b) => (b.ms > a.ms ? b : a), { start: 0, ms: 0, extension: false, mainStep: 'none' });
}
