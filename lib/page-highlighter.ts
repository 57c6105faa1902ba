/**
 * Finds a page's judgement language and keeps it painted (see highlight-painter.ts) in step with
 * the page as it changes. The page's DOM is never touched: ranges are `StaticRange`s, which,
 * unlike live ranges, cost the page nothing when it mutates.
 *
 * All work runs in short slices (see time-slice.ts), so even a 10 MB page never blocks its tab.
 * After the first pass, only what changed is read again: the block around each mutation.
 */
import { HighlightPainter, type PaintedRange, type PainterOptions } from './highlight-painter.ts';
import { blockAround, TextReader, UI_HOST_TAG } from './page-text.ts';
import type { HighlighterStatus, Judgement } from './schema.ts';
import { runInSlices } from './time-slice.ts';

/** Longest piece of one passage matched at once, so a single giant text node still slices. */
const CHUNK_CHARS = 32_768;
/** Text nodes read between two checks of the clock. */
const NODES_PER_STEP = 32;

export interface PageHighlighterOptions {
  document: Document;
  /** Where highlights are registered: the page's `CSS.highlights`. */
  registry: HighlightRegistry;
  find: (text: string) => Judgement[];
  onStatus: (status: HighlighterStatus) => void;
  /** Milliseconds of work per slice. */
  budgetMs?: number;
  /** Characters read after which the extension stops rather than burden the page further. */
  maxChars?: number;
  /** How long mutations gather before the changed blocks are read again. */
  rescanDelayMs?: number;
  /** Share of main-thread time that following mutations may take before the extension stops. */
  maxBusyShare?: number;
  /** Settles when the first pass may start; by default once the page has rendered. */
  ready?: Promise<void>;
  painter?: PainterOptions;
}

export interface PageHighlighter {
  setVisible(visible: boolean): void;
  status(): HighlighterStatus;
  /** Settles when the first pass over the page is over. */
  firstPass: Promise<void>;
  stop(): void;
}

export function startPageHighlighter(options: PageHighlighterOptions): PageHighlighter {
  const {
    document: doc,
    registry,
    find,
    onStatus,
    budgetMs = 8,
    maxChars = 40_000_000,
    rescanDelayMs = 100,
    maxBusyShare = 0.3,
  } = options;
  const view = doc.defaultView! as Window & typeof globalThis;
  const ready = options.ready ?? afterRendering(view);
  const painter = new HighlightPainter(view, registry, options.painter);
  let state: HighlighterStatus['state'] = 'scanning';
  let reason: string | undefined;
  let charsRead = 0;

  const status = (): HighlighterStatus => ({
    counts: { ...painter.counts },
    visible: painter.isVisible,
    state,
    ...(reason ? { reason } : {}),
  });
  const stopWith = (why: string) => {
    state = 'stopped';
    reason = why;
    observer.disconnect();
    onStatus(status());
  };
  painter.setVisible(true);

  function paint(block: Element, nodes: Text[], offsets: number[], base: number, found: Judgement[]) {
    const ranges: PaintedRange[] = [];
    let i = 0;
    for (const { start, end, tone } of found) {
      const from = base + start;
      const to = base + end;
      while (i + 1 < nodes.length && offsets[i + 1]! <= from) i++;
      let j = i;
      while (j + 1 < nodes.length && offsets[j + 1]! < to) j++;
      const range = new view.StaticRange({
        startContainer: nodes[i]!,
        startOffset: from - offsets[i]!,
        endContainer: nodes[j]!,
        endOffset: to - offsets[j]!,
      });
      ranges.push({ range, tone });
    }
    painter.add(block, ranges);
  }

  /** Matches one passage, a chunk at a time, and paints what it finds. */
  function* readPassage(container: Element, nodes: Text[], offsets: number[], text: string): Generator<void> {
    for (let from = 0; from < text.length; ) {
      const to = chunkEnd(text, from);
      const piece = from === 0 && to === text.length ? text : text.slice(from, to);
      paint(container, nodes, offsets, from, find(piece));
      from = to;
      yield;
    }
  }

  /** Reads and paints every readable passage under `root`. */
  function* scan(root: Node): Generator<void> {
    const reader = new TextReader();
    const walker = doc.createTreeWalker(root, view.NodeFilter.SHOW_TEXT);
    let container: Element | null = null;
    let nodes: Text[] = [];
    let offsets: number[] = [];
    let text = '';
    let step = 0;
    const passage = function* (): Generator<void> {
      if (container && text.length > 0) yield* readPassage(container, nodes, offsets, text);
      nodes = [];
      offsets = [];
      text = '';
    };
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const parent = node.parentElement;
      const owner = parent ? reader.readableContainer(parent) : null;
      if (owner !== container || text.length >= CHUNK_CHARS) {
        yield* passage();
        container = owner;
      }
      if (owner) {
        offsets.push(text.length);
        nodes.push(node);
        text += node.data;
        charsRead += node.data.length;
        if (charsRead > maxChars) {
          yield* passage();
          stopWith(`This page has more text than Inspection Lens reads (${maxChars.toLocaleString('en-GB')} characters); only its first part is highlighted.`);
          return;
        }
      }
      if (++step % NODES_PER_STEP === 0) yield;
    }
    yield* passage();
  }

  /** Removes the paint of every block at or under `root`. */
  function* unpaint(root: Node): Generator<void> {
    const walker = doc.createTreeWalker(root, view.NodeFilter.SHOW_ELEMENT);
    let step = 0;
    for (let el = root as Node | null; el; el = walker.nextNode()) {
      painter.remove(el as Element);
      if (++step % NODES_PER_STEP === 0) yield;
    }
  }

  // Mutations are only noted here (cheaply); the work happens in a later, sliced batch.
  const dirty = new Set<Node>();
  const removed = new Set<Node>();
  const restyled = new Set<Element>();
  const lastShown = new WeakMap<Element, boolean>();
  let batchTimer: ReturnType<typeof setTimeout> | undefined;
  let batchRunning = false;
  const busy: { at: number; ms: number }[] = [];

  const isOwnUi = (node: Node) => node.nodeName === UI_HOST_TAG;
  const observer = new view.MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') {
        restyled.add(r.target as Element);
      } else if (r.type === 'characterData') {
        if (r.target.parentNode) dirty.add(r.target.parentNode);
      } else {
        const added = [...r.addedNodes].filter((n) => !isOwnUi(n));
        const gone = [...r.removedNodes].filter((n) => !isOwnUi(n));
        if (added.length === 0 && gone.length === 0) continue;
        dirty.add(r.target);
        for (const n of gone) if (n.nodeType === view.Node.ELEMENT_NODE) removed.add(n);
      }
    }
    scheduleBatch();
  });

  function scheduleBatch() {
    // The first pass reads everything once; what changes meanwhile is reread after it.
    if (batchTimer !== undefined || batchRunning || state !== 'done') return;
    batchTimer = setTimeout(runBatch, rescanDelayMs);
  }

  function* batch(): Generator<void> {
    const gone = [...removed];
    removed.clear();
    const roots = [...dirty];
    dirty.clear();
    for (const el of restyled) {
      const shown = el.isConnected && el.checkVisibility({ visibilityProperty: true });
      if (lastShown.get(el) !== shown) roots.push(el);
      lastShown.set(el, shown);
    }
    restyled.clear();
    for (const node of gone) if (!node.isConnected) yield* unpaint(node);
    const blocks = new Set<Element>();
    for (const node of roots) {
      const block = node.isConnected ? blockAround(node) : null;
      if (block) blocks.add(block);
    }
    for (const block of blocks) {
      let up = block.parentElement;
      while (up && !blocks.has(up)) up = up.parentElement;
      if (up) continue;
      yield* unpaint(block);
      yield* scan(block);
    }
  }

  function runBatch() {
    batchTimer = undefined;
    batchRunning = true;
    const started = performance.now();
    let worked = 0;
    const clock = () => performance.now();
    const work = batch();
    const timed: Iterator<void> = {
      next: () => {
        const t = clock();
        const r = work.next();
        worked += clock() - t;
        return r;
      },
    };
    runInSlices(timed, { budgetMs }).done.then(() => {
      batchRunning = false;
      busy.push({ at: started, ms: worked });
      const windowStart = performance.now() - 5000;
      while (busy.length > 0 && busy[0]!.at < windowStart) busy.shift();
      const busyMs = busy.reduce((sum, b) => sum + b.ms, 0);
      if (busyMs > 5000 * maxBusyShare) {
        stopWith('This page changes too often to follow; highlights stopped updating to keep the tab responsive.');
        return;
      }
      onStatus(status());
      if (dirty.size > 0 || removed.size > 0 || restyled.size > 0) scheduleBatch();
    }, reportFailure);
  }

  function reportFailure(error: unknown) {
    stopWith(`Highlighting stopped after an error: ${String(error)}`);
  }

  observer.observe(doc, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['hidden', 'class', 'style', 'open', 'contenteditable'],
  });

  let cancelled = false;
  let cancelFirst = (): void => void (cancelled = true);
  const firstPass = ready.then(() => {
    if (cancelled) return;
    const first = runInSlices(scan(doc.body ?? doc.documentElement), { budgetMs });
    cancelFirst = first.cancel;
    return first.done;
  }).then(() => {
    if (state === 'scanning') state = 'done';
    onStatus(status());
    scheduleBatch();
  }, reportFailure);

  return {
    setVisible: (show) => {
      painter.setVisible(show);
      onStatus(status());
    },
    status,
    firstPass,
    stop: () => {
      cancelFirst();
      observer.disconnect();
      if (batchTimer !== undefined) clearTimeout(batchTimer);
      painter.setVisible(false);
    },
  };
}

/**
 * Settles once the page has loaded and painted, so the page's own first layout never runs inside
 * the extension's work (reading visibility would force it). A page whose load drags on (slow
 * adverts) waits two seconds at most; a tab that paints no frames (in the background), half a
 * second.
 */
function afterRendering(view: Window): Promise<void> {
  return new Promise((resolve) => {
    const painted = () => {
      view.setTimeout(resolve, 500);
      view.requestAnimationFrame(() => view.setTimeout(resolve, 0));
    };
    if (view.document.readyState === 'complete') return painted();
    view.addEventListener('load', painted, { once: true });
    view.setTimeout(painted, 2000);
  });
}

/** Where to cut a long passage: at the last line or sentence end before the chunk limit. */
function chunkEnd(text: string, from: number): number {
  const limit = from + CHUNK_CHARS;
  if (limit >= text.length) return text.length;
  const floor = limit - 4096;
  for (let i = limit; i > floor; i--) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 32 && text.charCodeAt(i - 1) === 46)) return i + 1;
  }
  for (let i = limit; i > floor; i--) if (text.charCodeAt(i) === 32) return i + 1;
  return limit;
}
