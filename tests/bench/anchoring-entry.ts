/**
 * The anchoring benchmark's in-page entry, bundled into one script (see anchoring.ts) and
 * injected into the benchmark page, so what is timed is the extension's own `readPageText`,
 * `describePassage` and `anchorPassage` as shipped, next to the npm package
 * dom-anchor-text-quote, the text-quote anchoring the Hypothesis client grew from.
 *
 * Annotations are described once, on one load of the page, and handed to every later load: each
 * re-anchoring runs on a page that has never seen them, as after a reader comes back.
 */
import { toRange, type TextQuoteSelector } from 'dom-anchor-text-quote';
import { anchorPassage, describePassage, type PassageSelector } from '../../lib/anchoring.ts';
import { readPageText, type PageText } from '../../lib/page-text-model.ts';

/**
 * One passage in dom-anchor-text-quote's own terms: a quote of `document.body.textContent`
 * with 32 characters of context either side (its `fromTextPosition` rule), and where it is.
 * The same passage as the extension's selector, read in the text that library anchors in, so
 * neither side is handed a quote in a text it does not use.
 */
export interface DatPassage {
  quote: Required<TextQuoteSelector>;
  start: number;
  end: number;
}

export interface Annotations {
  selectors: PassageSelector[];
  dat: DatPassage[];
  textChars: number;
}

/** One re-anchoring of every annotation by the extension, as a page load does it. */
export interface ExtensionRun {
  /** `readPageText(document.body)`: the walk and the normalised text. */
  readMs: number;
  /** `anchorPassage` for every annotation. */
  anchorMs: number;
  /** `rangeFor` for every anchor found. */
  rangeMs: number;
  totalMs: number;
  /** Annotations given a DOM range. */
  anchored: number;
  /** Of those, the ones found reading as quoted exactly where they were expected. */
  inPlace: number;
}

export interface DatRun {
  ms: number;
  inPlace: number;
}

export interface FuzzyRun {
  ms: number;
  /** Whether it was found exactly where the edited passage is. */
  correct: boolean;
}

export interface AnchoringBench {
  describe(count: number): Annotations;
  /** Adds a paragraph after the first report's grade table; returns its text. */
  insertParagraph(): string;
  /** With `inserted`, passages after that paragraph are expected to have moved past it. */
  anchorExtension(selectors: PassageSelector[], inserted?: string): ExtensionRun;
  anchorDat(passages: DatPassage[], hint: boolean): DatRun;
  fuzzy(staleHint: boolean): FuzzyRun;
}

declare global {
  interface Window {
    inspectionLensAnchoringBench: AnchoringBench;
  }
}

const CONTEXT_CHARS = 32;
const MIN_PASSAGE = 20;
const MAX_PASSAGE = 400;

const isBlank = (text: string, i: number) => /\s/.test(text[i] ?? '');

/** `document.body.textContent` offsets of its text nodes, which is where that text comes from. */
function textContentOffsets(): Map<Node, number> {
  const offsets = new Map<Node, number>();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let at = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    offsets.set(node, at);
    at += (node as Text).data.length;
  }
  return offsets;
}

/**
 * `count` passages spread evenly over the text, one in each equal slice of it, with lengths and
 * places within the slice drawn from fixed strides (so every run makes the same ones) and
 * whitespace trimmed from their ends as a reader's selection is.
 */
function passages(text: string, count: number): [number, number][] {
  const slice = Math.floor(text.length / count);
  const spans: [number, number][] = [];
  for (let i = 0; i < count; i++) {
    // 193 and 381 are coprime, so the lengths walk all of 20..400 before repeating.
    const length = MIN_PASSAGE + ((i * 193) % (MAX_PASSAGE - MIN_PASSAGE + 1));
    let start = i * slice + ((i * 7919) % Math.max(1, slice - length));
    let end = Math.min(text.length, start + length);
    while (start < end && isBlank(text, start)) start++;
    while (end > start && isBlank(text, end - 1)) end--;
    spans.push([start, end]);
  }
  return spans;
}

/**
 * The normalised span of the 200-character passage the fuzzy run edits: the first from a word
 * start past mid-page that occurs once. The page repeats its fixture reports, and an untouched
 * copy elsewhere would rightly be found exactly, which is not the case being timed.
 */
function fuzzySpan(text: string): [number, number] {
  for (let from = text.length >> 1; ; from += 1000) {
    const start = text.indexOf(' ', from) + 1;
    const passage = text.slice(start, start + 200);
    if (text.indexOf(passage) === text.lastIndexOf(passage)) return [start, start + 200];
  }
}

function timed<T>(fn: () => T): [T, number] {
  const started = performance.now();
  const result = fn();
  return [result, performance.now() - started];
}

window.inspectionLensAnchoringBench = {
  describe(count) {
    const page = readPageText(document.body);
    const offsets = textContentOffsets();
    const content = document.body.textContent;
    const selectors: PassageSelector[] = [];
    const dat: DatPassage[] = [];
    for (const [start, end] of passages(page.text, count)) {
      selectors.push(describePassage(page.text, start, end));
      const range = page.rangeFor(start, end)!;
      const from = offsets.get(range.startContainer)! + range.startOffset;
      const to = offsets.get(range.endContainer)! + range.endOffset;
      const quote = {
        exact: content.slice(from, to),
        prefix: content.slice(Math.max(0, from - CONTEXT_CHARS), from),
        suffix: content.slice(to, to + CONTEXT_CHARS),
      };
      dat.push({ quote, start: from, end: to });
    }
    return { selectors, dat, textChars: page.text.length };
  },

  insertParagraph() {
    const paragraph = document.createElement('p');
    paragraph.textContent =
      'Since the inspection, the local authority has published an action plan setting out how it will respond to each recommendation in this report, with dates for review.';
    const firstArticle = document.querySelector('main article')!;
    firstArticle.insertBefore(paragraph, firstArticle.querySelector('table')!.nextSibling);
    return paragraph.textContent;
  },

  anchorExtension(selectors, inserted) {
    const started = performance.now();
    const [page, readMs] = timed(() => readPageText(document.body));
    const [anchors, anchorMs] = timed(() => selectors.map((s) => anchorPassage(page.text, s)));
    const [ranges, rangeMs] = timed(() => anchors.map((a) => a && page.rangeFor(a.start, a.end)));
    const totalMs = performance.now() - started;
    // The paragraph comes with the line feed that now parts it from the block after it.
    const at = inserted ? page.text.indexOf(inserted) : Infinity;
    const moved = inserted ? inserted.length + 1 : 0;
    let inPlace = 0;
    selectors.forEach(({ position }, i) => {
      const a = anchors[i];
      const shift = position.start >= at ? moved : 0;
      if (a?.exact && ranges[i] && a.start === position.start + shift && a.end === position.end + shift) inPlace++;
    });
    return { readMs, anchorMs, rangeMs, totalMs, anchored: ranges.filter(Boolean).length, inPlace };
  },

  anchorDat(passages, hint) {
    const [ranges, ms] = timed(() =>
      passages.map((p) => toRange(document.body, p.quote, hint ? { hint: p.start } : {})),
    );
    const offsets = textContentOffsets();
    let inPlace = 0;
    ranges.forEach((range, i) => {
      const p = passages[i]!;
      const start = range && offsets.get(range.startContainer)! + range.startOffset;
      const end = range && offsets.get(range.endContainer)! + range.endOffset;
      if (start === p.start && end === p.end) inPlace++;
    });
    return { ms, inPlace };
  },

  fuzzy(staleHint) {
    const before: PageText = readPageText(document.body);
    const [start, end] = fuzzySpan(before.text);
    const selector = describePassage(before.text, start, end);
    // 10%: every tenth character from the sixth on (the next one that is not a space when it
    // falls on one), changed in the page's own text node.
    for (let k = 5; k < 200; k += 10) {
      let i = start + k;
      while (isBlank(before.text, i)) i++;
      const at = before.rangeFor(i, i + 1)!;
      const node = at.startContainer as Text;
      node.replaceData(at.startOffset, 1, before.text[i] === 'q' ? 'z' : 'q');
    }
    const after = readPageText(document.body).text;
    const stored = staleHint ? { ...selector, position: { start: 0, end: 200 } } : selector;
    const [anchor, ms] = timed(() => anchorPassage(after, stored));
    return { ms, correct: anchor?.start === start && anchor.end === end };
  },
};
