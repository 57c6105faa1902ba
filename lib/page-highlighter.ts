/**
 * Finds a page's judgement language and keeps it painted (see highlight-painter.ts) in step with
 * the page as it changes. The page's DOM is never touched: ranges are `StaticRange`s, which,
 * unlike live ranges, cost the page nothing when it mutates.
 *
 * The page's thread only reads the text and paints: the text goes off in batches to be matched
 * elsewhere (`find`: the extension's background), and the walk goes on meanwhile. Matching a
 * megabyte cold costs more than reading it, so on the page's thread it would more than double
 * what a long report costs the tab.
 *
 * The reading runs in short slices (see time-slice.ts), so even a 10 MB page never blocks its
 * tab. After the first pass, only what changed is read again: the block around each mutation.
 */
import { HighlightPainter, type PaintedRange, type PainterOptions } from './highlight-painter.ts';
import {
  blockAround,
  isBlock,
  isBlockTag,
  isInUnread,
  isUiHost,
  isUnreadTag,
  TEXT_CHANGES,
  TextReader,
} from './page-text.ts';
import { PASSAGE_BREAK } from './passage-break.ts';
import { afterRendering } from './page-ready.ts';
import type { HighlighterStatus, Judgement, JudgementPhrase } from './schema.ts';
import { nextTask, runInSlices } from './time-slice.ts';

/** Longest wait, on a huge page, before the first highlights show while the first pass goes on. */
const REVEAL_AFTER_MS = 300;
/** Characters of passages gathered before they are sent to be matched together. */
const BATCH_CHARS = 131_072;
/**
 * Longest piece sent at once, so that even a single giant text node goes in parts, and the
 * answer to one, however dense in judgements, is painted in a short task.
 */
const CHUNK_CHARS = 32_768;
/** Nodes visited between two checks of the clock. */
const NODES_PER_STEP = 256;
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
/** Text of an XHTML page that is shown like any other (a CDATASection is a Text node). */
const CDATA_SECTION_NODE = 4;
/** Highlight name of the phrase the reader picked in the side panel: a public contract. */
const FLASH_NAME = 'judgement-flash';
/** How long that phrase stays flashed. */
const FLASH_MS = 1500;
/** Longest sentence shown beside a phrase, in characters either side of it. */
const SENTENCE_REACH = 200;

export interface PageHighlighterOptions {
  document: Document;
  /** Where highlights are registered: the page's `CSS.highlights`. */
  registry: HighlightRegistry;
  /**
   * Finds the judgements in a text, away from the page's thread: the extension asks its
   * background (see extension.ts), so a long report costs the page little more than reading it.
   */
  find: (text: string) => Promise<Judgement[]>;
  onStatus: (status: HighlighterStatus) => void;
  /** Milliseconds of work per slice. */
  budgetMs?: number;
  /** Characters read after which the extension stops rather than burden the page further. */
  maxChars?: number;
  /** How long mutations gather before the changed blocks are read again. */
  rescanDelayMs?: number;
  /**
   * Share of the time that following mutations may take (reading the changed blocks, matching
   * them in the background, painting) before the extension stops.
   */
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
  /** The painted phrases in reading order, each with its sentence; `reveal` takes their index. */
  phrases(): JudgementPhrase[];
  /** Scrolls to the phrase at `index` of the last `phrases()` and flashes it. */
  reveal(index: number): boolean;
  stop(): void;
}

export function startPageHighlighter(options: PageHighlighterOptions): PageHighlighter {
  const {
    document: doc,
    registry,
    find,
    onStatus,
    budgetMs = 5,
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
    visible: wanted,
    state,
    ...(reason ? { reason } : {}),
  });
  const stopWith = (why: string) => {
    state = 'stopped';
    reason = why;
    observer.disconnect();
    onStatus(status());
  };
  /**
   * Whether the reader wants the highlights shown. They are registered once the first pass is
   * over (or after a moment on a huge page), not slice by slice: each change to registered
   * highlights costs the page a repaint.
   */
  let wanted = true;
  let revealed = false;
  const reveal = () => {
    revealed = true;
    painter.setVisible(wanted);
  };

  /**
   * Sends the passages gathered so far off to be matched (joined by PASSAGE_BREAK, a chunk at a
   * time) and, as each answer comes back, paints what it found; the promise goes in `sent`, so
   * the caller knows when all of it is painted.
   *
   * The page's text is read now, while the walk is where it was. Joining it and sending each
   * chunk (a few milliseconds each, more when the message is large) wait for tasks of their own,
   * so that they never stretch a slice of reading past its budget, nor each other.
   */
  function send(text: PassageText, reader: TextReader, sent: Promise<void>[]): void {
    text.read();
    const sending = async () => {
      await nextTask();
      const joined = text.joined();
      const painted: Promise<void>[] = [];
      for (let from = 0; from < joined.length; ) {
        const to = chunkEnd(joined, from);
        const at = from;
        const chunk = joined.slice(from, to);
        await nextTask();
        painted.push(find(chunk).then((found) => paint(found, text, at, reader)));
        from = to;
      }
      await Promise.all(painted);
    };
    sent.push(sending());
  }

  /** Paints judgements found `at` an offset of the joined passages, on visible text only. */
  function paint(found: Judgement[], text: PassageText, at: number, reader: TextReader): void {
    if (halted) return;
    const { nodes, offsets, passageStarts, passageBlocks } = text;
    const byBlock = new Map<Element, PaintedRange[]>();
    let i = 0;
    let p = 0;
    for (const { start, end, tone } of found) {
      const first = at + start;
      const last = at + end;
      while (i + 1 < nodes.length && offsets[i + 1]! <= first) i++;
      let j = i;
      while (j + 1 < nodes.length && offsets[j + 1]! < last) j++;
      while (p + 1 < passageStarts.length && passageStarts[p + 1]! <= first) p++;
      if (!reader.isShown(nodes[i]!) || (j !== i && !reader.isShown(nodes[j]!))) continue;
      const phrase: PaintedRange = {
        tone,
        startContainer: nodes[i]!,
        startOffset: first - offsets[i]!,
        endContainer: nodes[j]!,
        endOffset: last - offsets[j]!,
        // Made when first needed; set here so every phrase has one shape for V8's compiled code.
        range: undefined,
      };
      const block = passageBlocks[p]!;
      const list = byBlock.get(block);
      if (list) list.push(phrase);
      else byBlock.set(block, [phrase]);
    }
    for (const [block, ranges] of byBlock) painter.add(block, ranges);
  }

  /**
   * Reads every readable passage under `root` and sends it to be matched, a batch at a time.
   * The walk goes depth first by hand, carrying each text's block down the tree rather than
   * looking it up per text node, and never enters what is not read (scripts, SVG, ...).
   *
   * The walk notes only each text node's length: asking a node for its text costs the browser a
   * new string per node, which is most of what merely reading a page costs. The text itself is
   * read a stretch of nodes at a time, in one call (see PassageText.read), before every pause:
   * the page cannot change a stretch while it is being read.
   *
   * Why every text node is still visited, when each block's `textContent` would read a 1 MB
   * report in a third of the floor's time (4.7 ms against 12.6, measured): painting a phrase needs
   * the node and offset it starts and ends in, and finding the nodes of every block again costs
   * what this walk costs (14.2 ms against 14.8), as nearly every block of a report holds a phrase.
   */
  function* scan(root: Element, sent: Promise<void>[]): Generator<void> {
    if (isInUnread(root)) return;
    const reader = new TextReader();
    const range = doc.createRange();
    let text = new PassageText(range);
    let block: Element | null = null;
    let container: Element = isBlock(root) ? root : (blockAround(root) ?? root);
    const outer: Element[] = [];
    let step = 0;
    let node: Node | null = root.firstChild;
    while (node) {
      if (++step % NODES_PER_STEP === 0) {
        text.read();
        yield;
      }
      const type = node.nodeType;
      if (type === TEXT_NODE || type === CDATA_SECTION_NODE) {
        const length = (node as Text).length;
        if (container !== block) {
          text.startPassage(container);
          block = container;
        }
        text.add(node as Text, length);
        charsRead += length;
        if (charsRead > maxChars) {
          send(text, reader, sent);
          stopWith(`This page has more text than Inspection Lens reads (${maxChars.toLocaleString('en-GB')} characters); only its first part is highlighted.`);
          return;
        }
        if (text.length >= BATCH_CHARS) {
          send(text, reader, sent);
          text = new PassageText(range);
          block = null;
        }
      } else if (type === ELEMENT_NODE) {
        const tag = (node as Element).localName;
        if (isUnreadTag(tag)) {
          // Its text lies between the nodes read before and after it: read those apart.
          text.read();
        } else {
          const child = node.firstChild;
          if (child) {
            outer.push(container);
            if (isBlockTag(tag)) container = node as Element;
            node = child;
            continue;
          }
        }
      }
      let next: Node | null = node.nextSibling;
      while (next === null) {
        const up: Node | null = node.parentNode;
        if (up === root) break;
        if (up === null) {
          // The page took away what the walk was in, between two slices: the walk has lost its
          // place, so the whole root is read again once this pass is over.
          dirty.add(root);
          break;
        }
        container = outer.pop()!;
        node = up;
        next = up.nextSibling;
      }
      node = next;
    }
    send(text, reader, sent);
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

  const observer = new view.MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') {
        restyled.add(r.target as Element);
      } else if (r.type === 'characterData') {
        if (r.target.parentNode) dirty.add(r.target.parentNode);
      } else {
        const added = [...r.addedNodes].filter((n) => !isUiHost(n));
        const gone = [...r.removedNodes].filter((n) => !isUiHost(n));
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

  function* batch(sent: Promise<void>[]): Generator<void> {
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
      yield* scan(block, sent);
    }
  }

  function runBatch() {
    batchTimer = undefined;
    batchRunning = true;
    const started = performance.now();
    const sent: Promise<void>[] = [];
    runInSlices(batch(sent), { budgetMs }).done.then(() => Promise.all(sent)).then(() => {
      batchRunning = false;
      // From the first slice to the last answer painted: reading, matching and painting.
      busy.push({ at: started, ms: performance.now() - started });
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

  observer.observe(doc, TEXT_CHANGES);

  let cancelled = false;
  /** Set once stopped: answers still on their way are not painted. */
  let halted = false;
  let cancelFirst = (): void => void (cancelled = true);
  const firstPass = ready.then(() => {
    view.setTimeout(reveal, REVEAL_AFTER_MS);
    if (cancelled) return;
    const sent: Promise<void>[] = [];
    const first = runInSlices(scan(doc.body ?? doc.documentElement, sent), { budgetMs });
    cancelFirst = first.cancel;
    return first.done.then(() => Promise.all(sent));
  }).then(() => {
    if (state === 'scanning') state = 'done';
    reveal();
    onStatus(status());
    scheduleBatch();
  }, reportFailure);

  /** The ranges of the last listing, so an index from the panel names the phrase it showed. */
  let listed: PaintedRange[] = [];
  let unflash: ReturnType<typeof setTimeout> | undefined;

  const phrases = (): JudgementPhrase[] => {
    listed = painter
      .ranges()
      .filter((phrase) => phrase.startContainer.isConnected && phrase.endContainer.isConnected)
      .sort(inReadingOrder);
    return listed.map((phrase) => ({ tone: phrase.tone, ...phraseAndSentence(doc, phrase) }));
  };

  const revealPhrase = (index: number): boolean => {
    const picked = listed[index];
    if (!picked || !picked.startContainer.isConnected) return false;
    const start = picked.startContainer;
    (start instanceof view.Element ? start : start.parentElement)?.scrollIntoView({ block: 'center', behavior: 'instant' });
    registry.set(FLASH_NAME, new view.Highlight(painter.rangeOf(picked)));
    clearTimeout(unflash);
    unflash = setTimeout(() => registry.delete(FLASH_NAME), FLASH_MS);
    return true;
  };

  return {
    phrases,
    reveal: revealPhrase,
    setVisible: (show) => {
      wanted = show;
      if (revealed) painter.setVisible(show);
      onStatus(status());
    },
    status,
    firstPass,
    stop: () => {
      halted = true;
      cancelFirst();
      observer.disconnect();
      if (batchTimer !== undefined) clearTimeout(batchTimer);
      painter.setVisible(false);
    },
  };
}

/** Orders two ranges by where they start in the document. */
function inReadingOrder(a: StaticRangeInit, b: StaticRangeInit): number {
  if (a.startContainer === b.startContainer) return a.startOffset - b.startOffset;
  // DOCUMENT_POSITION_FOLLOWING: b comes after a.
  return a.startContainer.compareDocumentPosition(b.startContainer) & 4 ? -1 : 1;
}

/**
 * A phrase's words and the sentence around them, read from its block's text: from after the
 * previous sentence end to the next one, at most SENTENCE_REACH characters either side.
 */
function phraseAndSentence(doc: Document, range: StaticRangeInit): { text: string; sentence: string } {
  const live = doc.createRange();
  live.setStart(range.startContainer, range.startOffset);
  live.setEnd(range.endContainer, range.endOffset);
  const text = live.toString();
  const start = range.startContainer;
  const block = blockAround(start) ?? start.parentElement;
  if (!block) return { text, sentence: text };
  const before = doc.createRange();
  before.setStart(block, 0);
  before.setEnd(range.startContainer, range.startOffset);
  const at = before.toString().length;
  const whole = block.textContent ?? '';
  let from = Math.max(0, at - SENTENCE_REACH);
  for (let i = at - 1; i >= from; i--) {
    if (/[.!?]/.test(whole[i]!) && /\s/.test(whole[i + 1] ?? ' ')) {
      from = i + 1;
      break;
    }
  }
  const limit = Math.min(whole.length, at + text.length + SENTENCE_REACH);
  let to = limit;
  for (let i = at + text.length; i < limit; i++) {
    if (/[.!?]/.test(whole[i]!)) {
      to = i + 1;
      break;
    }
  }
  return { text, sentence: whole.slice(from, to).replace(/\s+/g, ' ').trim() };
}

/**
 * Passages read from the page, to be matched together: their text and where it came from.
 * Nodes are added with their length only; `read` then takes the text of every node added since
 * it last ran in one call to the browser, the text of a `Range` from the first to the last: so
 * the walk must read before it passes by anything it does not read (a script, a form field).
 * Passage breaks go in between as the text is read.
 */
class PassageText {
  readonly nodes: Text[] = [];
  /** Where each node's text starts in the joined text. */
  readonly offsets: number[] = [];
  /** Where each passage starts in the joined text, and the block its paint is kept under. */
  readonly passageStarts: number[] = [];
  readonly passageBlocks: Element[] = [];
  length = 0;
  private readonly parts: string[] = [];
  /** The first node whose text is not read yet; where in the joined text what is unread starts. */
  private unreadNode = 0;
  private unreadFrom = 0;
  /** Where passage breaks go in what is not read yet. */
  private breaks: number[] = [];
  private readonly range: Range;

  constructor(range: Range) {
    this.range = range;
  }

  /** Starts a passage of `block`: nothing is matched across from the one before. */
  startPassage(block: Element): void {
    if (this.length > 0) {
      this.breaks.push(this.length);
      this.length += 1;
    }
    this.passageStarts.push(this.length);
    this.passageBlocks.push(block);
  }

  add(node: Text, length: number): void {
    this.offsets.push(this.length);
    this.nodes.push(node);
    this.length += length;
  }

  /** Reads the text of the nodes added since the last read. */
  read(): void {
    const { nodes, breaks } = this;
    const first = this.unreadNode;
    const last = nodes.length - 1;
    let text = '';
    if (first <= last) {
      const range = this.range;
      range.setStart(nodes[first]!, 0);
      range.setEnd(nodes[last]!, nodes[last]!.length);
      text = range.toString();
      // The range holds exactly the nodes added, as nothing between them goes unread.
      if (text.length !== this.length - this.unreadFrom - breaks.length) {
        throw new Error('the page text read in one stretch does not match its nodes');
      }
    }
    let at = this.unreadFrom;
    let from = 0;
    for (const b of breaks) {
      if (b > at) this.parts.push(text.slice(from, (from += b - at)));
      this.parts.push(PASSAGE_BREAK);
      at = b + 1;
    }
    if (from < text.length) this.parts.push(from === 0 ? text : text.slice(from));
    this.breaks = [];
    this.unreadNode = nodes.length;
    this.unreadFrom = this.length;
  }

  /** The text of every passage, each after a break. */
  joined(): string {
    this.read();
    return this.parts.join('');
  }
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
