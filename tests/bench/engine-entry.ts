/**
 * The benchmark's in-page entry: bundled into one script (see bundle.ts) and injected into the
 * benchmark page, so the engine measured is the extension's own `startPageHighlighter`, with its
 * own `findJudgements` running in a worker (match-worker.ts) as it runs in the background, not
 * a copy. The worker is started before the clock, as the background is running by the time a
 * page is read (the page asks it for its annotations), and warms its matcher up as the background
 * does when it starts (matcher-warm-up.ts). The clock starts once it has answered a first
 * request, which it may do between two runs of its warm-up: what is left of it then competes
 * with the page's own matching, as in the real extension, whose first text reaches the
 * background 30–50 ms after the content script has woken it (traced on the benchmark page).
 * With `background: 'warm'`, the worker has matched a report's worth of text first and had
 * time to finish optimising its code, as a background that has already served a report (it
 * stays running while a reader goes from page to page); the page's own code is always fresh,
 * as a content script is on each page. With `background: 'none'`, no worker runs and nothing is
 * found: what is left is the page reading its text and sending it, the part of the engine that
 * no speed of matching or painting can take away.
 *
 * Besides the wall-clock time to the end of the first pass, it sums the CPU time of the page's
 * tasks the work ran in: the first slice runs in a microtask once `ready` settles, later ones
 * in the tasks time-slice.ts posts, which are wrapped here for the run's duration, and each
 * answer of the worker is painted in a task of its own, timed here too. Within that, the page's
 * share of matching (posting the text, unpacking the answers) is timed apart.
 */
import { unpackJudgements } from '../../lib/found-judgements.ts';
import { startPageHighlighter } from '../../lib/page-highlighter.ts';
import type { Judgement, ToneCounts } from '../../lib/schema.ts';
import type { TaskScheduler } from '../../lib/time-slice.ts';

export interface EngineRun {
  /** From the call to `startPageHighlighter` to `firstPass` settling. */
  elapsedMs: number;
  /** Sum of the slices' durations: the main-thread time the work took. */
  cpuMs: number;
  /** The part of `cpuMs` spent on the worker's answers: unpacking and painting them. */
  paintMs: number;
  /** Time the worker spent matching, off the page's thread. */
  matchingMs: number;
  slices: number;
  longestSliceMs: number;
  counts: ToneCounts;
  /** The part of `cpuMs` that is the page's share of matching: posting the text, unpacking the answers. */
  sendAndUnpackMs: number;
}

export interface EngineRunOptions {
  /**
   * Whether the background has just started (the default) or has served a report before; or,
   * for the page's own part alone, `none`: `find` answers at once that it found nothing, so the
   * run is the reading, slicing and sending, with no matching to wait for and nothing to paint.
   */
  background?: 'starting' | 'warm' | 'none';
}

export interface EngineBench {
  run(options?: EngineRunOptions): Promise<EngineRun>;
}

declare global {
  interface Window {
    inspectionLensBench: EngineBench;
    /** The matching worker's bundled source (see bundle.ts). */
    inspectionLensMatchWorker: string;
  }
}

/**
 * How long the page, and then a warmed worker, are left idle before the clock starts: so that
 * whatever the page or V8's compiler threads still have to do after loading (or after the warm
 * matching) is done in both kinds of run, and only the background's state tells them apart.
 */
const SETTLE_MS = 500;

const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

/** A running matching worker and the `find` that asks it, as `findInBackground` asks the background. */
async function startMatching(onAnswer: (ms: number) => void, sendAndUnpack: [number], matching: [number], warm: boolean) {
  const url = URL.createObjectURL(new Blob([window.inspectionLensMatchWorker], { type: 'text/javascript' }));
  const worker = new Worker(url);
  const waiting = new Map<number, { length: number; resolve: (found: Judgement[]) => void; reject: (e: unknown) => void }>();
  let nextId = 0;
  worker.onmessage = ({ data }: MessageEvent<{ id: number; found: unknown; ms: number }>) => {
    const started = performance.now();
    matching[0] += data.ms;
    const asked = waiting.get(data.id)!;
    waiting.delete(data.id);
    try {
      const t = performance.now();
      const found = unpackJudgements(data.found, asked.length);
      sendAndUnpack[0] += performance.now() - t;
      asked.resolve(found);
    } catch (error) {
      asked.reject(error);
    }
    // Queued after the highlighter's reaction to the answer, so the paint is in the figure.
    queueMicrotask(() => onAnswer(performance.now() - started));
  };
  const ask = (request: { text: string } | { warm: true }, length: number) =>
    new Promise<Judgement[]>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { length, resolve, reject });
      const t = performance.now();
      worker.postMessage({ id, ...request });
      sendAndUnpack[0] += performance.now() - t;
    });
  const find = (text: string) => ask({ text }, text.length);
  // Started and answering before the clock starts, like the background.
  await find('');
  if (warm) {
    await ask({ warm: true }, 0);
    await settle();
  }
  sendAndUnpack[0] = 0;
  matching[0] = 0;
  return {
    find,
    stop: () => {
      worker.terminate();
      URL.revokeObjectURL(url);
    },
  };
}

/** Calls `fn` with `this`/arguments and hands its duration to `took`. */
function timed<A extends unknown[], R>(took: (ms: number) => void, fn: (this: unknown, ...args: A) => R) {
  return function (this: unknown, ...args: A): R {
    const t = performance.now();
    try {
      return fn.apply(this, args);
    } finally {
      took(performance.now() - t);
    }
  };
}

/**
 * Times every task the highlighter yields to from now on, however time-slice.ts posts it: a
 * `scheduler.postTask` callback, or a MessagePort `onmessage` handler. Returns the undo.
 */
function timeSlices(onSlice: (ms: number) => void): () => void {
  const proto = MessagePort.prototype;
  const original = Object.getOwnPropertyDescriptor(proto, 'onmessage')!;
  Object.defineProperty(proto, 'onmessage', {
    ...original,
    set(this: MessagePort, handler: ((ev: MessageEvent) => unknown) | null) {
      original.set!.call(this, handler && timed(onSlice, handler));
    },
  });
  const scheduler = (window as { scheduler?: TaskScheduler }).scheduler;
  const postTask = scheduler?.postTask;
  if (scheduler && postTask) scheduler.postTask = (callback) => postTask.call(scheduler, timed(onSlice, callback));
  return () => {
    Object.defineProperty(proto, 'onmessage', original);
    if (scheduler && postTask) scheduler.postTask = postTask;
  };
}

window.inspectionLensBench = {
  async run({ background = 'starting' } = {}) {
    let cpuMs = 0;
    let slices = 0;
    let longestSliceMs = 0;
    const slice = (ms: number) => {
      cpuMs += ms;
      slices++;
      longestSliceMs = Math.max(longestSliceMs, ms);
    };
    const sendAndUnpack: [number] = [0];
    const matchingMs: [number] = [0];
    let paintMs = 0;
    const answer = (ms: number) => {
      paintMs += ms;
      slice(ms);
    };
    await settle();
    const matching =
      background === 'none'
        ? { find: () => Promise.resolve([]), stop: () => {} }
        : await startMatching(answer, sendAndUnpack, matchingMs, background === 'warm');
    // Its first answer, before the clock, counted as a slice: not part of the run.
    paintMs = 0;
    cpuMs = 0;
    slices = 0;
    longestSliceMs = 0;
    const undoSlices = timeSlices(slice);
    // The bench page has already rendered and settled; waiting for a frame would time the wait.
    const ready = Promise.resolve();
    const started = performance.now();
    const highlighter = startPageHighlighter({
      document,
      registry: CSS.highlights,
      find: matching.find,
      onStatus: () => {},
      ready,
    });
    // The first slice runs in the highlighter's own reaction to `ready`, a microtask before this
    // one: so this reaction ends the first slice, which includes the highlighter's setup.
    void ready.then(() => slice(performance.now() - started));
    await highlighter.firstPass;
    const elapsedMs = performance.now() - started;
    undoSlices();
    matching.stop();
    return {
      elapsedMs,
      cpuMs,
      matchingMs: matchingMs[0],
      paintMs,
      slices,
      longestSliceMs,
      counts: highlighter.status().counts,
      sendAndUnpackMs: sendAndUnpack[0],
    };
  },
};
