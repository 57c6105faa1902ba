/**
 * A live page's readable text as the normalised text annotations are anchored in (see
 * text-model.ts for the normalisation), with the conversions between it and DOM ranges.
 *
 * Readable text is what the judgement highlighter reads (page-text.ts): no scripts, form fields,
 * hidden or editable text, nor the extension's own UI. A block boundary is a change of container
 * between two readable text nodes, or a rendered `<br>`, so lines of an address read as lines.
 *
 * A PageText is a snapshot: once the page changes, read it again before converting ranges.
 */
import { TextReader } from './page-text.ts';
import { buildTextModel, type TextChunk } from './text-model.ts';

/** [start, end) in UTF-16 code units of a page's normalised text. */
export interface TextSpan {
  start: number;
  end: number;
}

export interface PageText {
  /** The normalised text. */
  readonly text: string;
  /** The DOM range of normalised [start, end), or null when the span is empty or out of range. */
  rangeFor(start: number, end: number): StaticRange | null;
  /**
   * The normalised span a DOM range (a reader's selection) covers, without whitespace at its
   * ends. An end in unreadable content moves forward to the next readable text. Null when it
   * covers no readable text, or lies outside the root read (another document, a shadow tree).
   */
  positionOf(range: AbstractRange): TextSpan | null;
}

/** NodeFilter.SHOW_ELEMENT | SHOW_TEXT | SHOW_CDATA_SECTION, as numbers: no global needed. */
const SHOW_ELEMENTS_AND_TEXT = 0x1 | 0x4 | 0x8;
const TEXT_NODE = 3;
/** Text of an XHTML page that is shown like any other (a CDATASection is a Text node). */
const CDATA_SECTION_NODE = 4;
const ELEMENT_NODE = 1;

/** Reads the readable text at and under `root`. */
export function readPageText(root: Node): PageText {
  const reader = new TextReader();
  const doc = root.nodeType === 9 ? (root as Document) : root.ownerDocument!;
  const nodes: Text[] = [];
  const chunks: TextChunk[] = [];
  const index = new Map<Node, number>();
  const walker = doc.createTreeWalker(root, SHOW_ELEMENTS_AND_TEXT);
  let container: Element | null = null;
  let lineBreak = false;
  for (let node: Node | null = root; node; node = walker.nextNode()) {
    if (node.nodeType === ELEMENT_NODE) {
      if ((node as Element).localName === 'br' && reader.readableContainer(node as Element)) lineBreak = true;
      continue;
    }
    if (node.nodeType !== TEXT_NODE && node.nodeType !== CDATA_SECTION_NODE) continue;
    const parent = node.parentElement;
    const owner = parent ? reader.readableContainer(parent) : null;
    if (!owner) continue;
    index.set(node, nodes.length);
    nodes.push(node as Text);
    chunks.push({ text: (node as Text).data, breakBefore: lineBreak || owner !== container });
    container = owner;
    lineBreak = false;
  }
  const model = buildTextModel(chunks);
  const view = doc.defaultView as (Window & typeof globalThis) | null;
  const Static = view?.StaticRange ?? StaticRange;

  /** The normalised offset of a DOM boundary point, or null when it is not comparable. */
  const offsetAt = (container: Node, offset: number): number | null => {
    const chunk = index.get(container);
    if (chunk !== undefined) return model.offsetOf(chunk, offset);
    // Elsewhere: the start of the first readable text node at or after the point.
    try {
      const probe = doc.createRange();
      probe.setStart(container, offset);
      let lo = 0;
      let hi = nodes.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (probe.comparePoint(nodes[mid]!, 0) < 0) lo = mid + 1;
        else hi = mid;
      }
      return lo < nodes.length ? model.offsetOf(lo, 0) : model.text.length;
    } catch {
      return null;
    }
  };

  return {
    text: model.text,
    rangeFor(start, end) {
      const at = model.locate(start, end);
      if (!at) return null;
      return new Static({
        startContainer: nodes[at.start.chunk]!,
        startOffset: at.start.offset,
        endContainer: nodes[at.end.chunk]!,
        endOffset: at.end.offset,
      });
    },
    positionOf(range) {
      let start = offsetAt(range.startContainer, range.startOffset);
      let end = offsetAt(range.endContainer, range.endOffset);
      if (start === null || end === null) return null;
      const { text } = model;
      while (start < end && isBlank(text.charCodeAt(start))) start++;
      while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
      return start < end ? { start, end } : null;
    },
  };
}

/** The only whitespace left in normalised text: a space or a line feed. */
function isBlank(code: number): boolean {
  return code === 32 || code === 10;
}
