/**
 * The normalised text of a page, which annotations are anchored in, and the maps between it and
 * the page's own text. Pure: the DOM side (page-text-model.ts) feeds it the readable text nodes.
 *
 * Normalisation (a public contract: exported annotations store positions in this text):
 * - The page's readable text is a sequence of chunks (text node data); a chunk may start a new
 *   block (a paragraph, list item, table cell, a line after `<br>`...).
 * - Whitespace is what JavaScript's `\s` matches: tab, line feed, vertical tab, form feed,
 *   carriage return, space, U+00A0 (no-break space), U+1680, U+2000–U+200A, U+2028, U+2029,
 *   U+202F, U+205F, U+3000 and U+FEFF.
 * - Every run of whitespace between two non-whitespace characters becomes one space (U+0020),
 *   even when the run spans several chunks.
 * - When such a run (which may be empty) contains a block boundary, it becomes one line feed
 *   (U+000A) instead: consecutive boundaries and the whitespace around them make one "\n".
 * - Whitespace and block boundaries before the first or after the last non-whitespace character
 *   are dropped. Every other character is kept as it is, with no case or Unicode normalisation.
 * - Offsets count UTF-16 code units of the normalised string, as JavaScript strings do.
 *
 * Each normalised character records the page position it came from: its own code unit, or for a
 * space or line feed the first code unit of the whitespace it replaces (or, when it replaces no
 * whitespace, the block boundary itself). Positions are global code-unit offsets into the chunks
 * laid end to end, held in a typed array, so a 1 MB page builds in a few milliseconds.
 */

/** One text node's data, and whether it starts a new block. */
export interface TextChunk {
  text: string;
  breakBefore: boolean;
}

/** A caret in the page's text: a code-unit offset inside one chunk. */
export interface ChunkPoint {
  chunk: number;
  offset: number;
}

export interface TextModel {
  /** The normalised text. */
  readonly text: string;
  /**
   * Where normalised [start, end) lies in the chunks: `start` is just before its first character,
   * `end` just after its last (after the first whitespace unit when that is a collapsed space).
   * Carets map back to the same offsets through `offsetOf`. Null when the span is empty or
   * outside the text.
   */
  locate(start: number, end: number): { start: ChunkPoint; end: ChunkPoint } | null;
  /**
   * The normalised offset of a caret in the page's text: the number of normalised characters
   * that start before it. A caret inside collapsed whitespace falls after its space; one at the
   * start of a chunk falls after a block boundary there, one at the end of a chunk before it.
   * Out-of-range chunks and offsets are clamped.
   */
  offsetOf(chunk: number, offset: number): number;
}

const NONE = 0;
const SPACE = 1;
const BREAK = 2;

/** Whether a UTF-16 code unit is whitespace in the sense of `\s`. */
export function isSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** Builds the model of a page's readable text, given as chunks in document order. */
export function buildTextModel(chunks: readonly TextChunk[]): TextModel {
  const starts = new Uint32Array(chunks.length + 1);
  const breaks = new Uint8Array(chunks.length);
  for (let c = 0; c < chunks.length; c++) {
    starts[c + 1] = starts[c]! + chunks[c]!.text.length;
    if (chunks[c]!.breakBefore) breaks[c] = 1;
  }
  const total = starts[chunks.length]!;
  // sources[i]: the global offset the i-th normalised character came from; one sentinel after.
  // A block boundary with no whitespace at it adds a line feed that replaces no page text, so
  // there may be one more normalised character per chunk than the chunks hold.
  const sources = new Uint32Array(total + chunks.length + 1);
  const parts: string[] = [];
  let n = 0;
  let pending = NONE;
  let pendingSource = 0;
  for (let c = 0; c < chunks.length; c++) {
    const { text, breakBefore } = chunks[c]!;
    const base = starts[c]!;
    if (breakBefore) {
      if (pending === NONE) pendingSource = base;
      pending = BREAK;
    }
    // Text is copied in stretches that normalisation leaves alone: words and single spaces.
    let stretch = -1;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code > 32 && (code < 0xa0 || !isSpace(code))) {
        if (stretch < 0) {
          if (pending !== NONE && n > 0) {
            parts.push(pending === BREAK ? '\n' : ' ');
            sources[n++] = pendingSource;
          }
          pending = NONE;
          stretch = i;
        }
        sources[n++] = base + i;
      } else if (code === 32 && stretch >= 0 && i + 1 < text.length && !isSpace(text.charCodeAt(i + 1))) {
        sources[n++] = base + i;
      } else {
        if (stretch >= 0) {
          parts.push(text.slice(stretch, i));
          stretch = -1;
        }
        if (pending === NONE) {
          pendingSource = base + i;
          pending = SPACE;
        }
      }
    }
    if (stretch >= 0) parts.push(stretch === 0 ? text : text.slice(stretch));
  }
  sources[n] = n > 0 ? sources[n - 1]! + 1 : 0;
  return new Model(parts.join(''), sources.subarray(0, n + 1), starts, breaks);
}

/** The normalised form of a single block of text: `buildTextModel` of one chunk. */
export function normaliseText(text: string): string {
  return buildTextModel([{ text, breakBefore: false }]).text;
}

class Model implements TextModel {
  readonly text: string;
  /** The global page offset each normalised character came from, and a sentinel after. */
  private readonly sources: Uint32Array;
  /** Each chunk's global start offset, and the total length after. */
  private readonly starts: Uint32Array;
  /** 1 where a chunk starts a block. */
  private readonly breaks: Uint8Array;

  constructor(text: string, sources: Uint32Array, starts: Uint32Array, breaks: Uint8Array) {
    this.text = text;
    this.sources = sources;
    this.starts = starts;
    this.breaks = breaks;
  }

  locate(start: number, end: number): { start: ChunkPoint; end: ChunkPoint } | null {
    if (!(start >= 0 && end > start && end <= this.text.length)) return null;
    const { sources } = this;
    // A line feed that replaced no page text (a bare block boundary) stands between two
    // chunks: a span starting with it starts at the end of the first, one ending with it ends
    // at the start of the second.
    const first = sources[start]!;
    const last = sources[end - 1]!;
    return {
      start: sources[start + 1]! > first ? this.chunkAt(first) : this.chunkBefore(first),
      end: sources[end]! > last ? this.chunkBefore(last + 1) : this.chunkAt(last),
    };
  }

  offsetOf(chunk: number, offset: number): number {
    const chunks = this.starts.length - 1;
    if (chunks === 0 || chunk < 0) return 0;
    if (chunk >= chunks) return this.text.length;
    const from = this.starts[chunk]!;
    const local = Math.max(0, Math.min(offset, this.starts[chunk + 1]! - from));
    const global = from + local;
    // The first normalised character whose source is at or after the caret.
    const { sources } = this;
    let lo = 0;
    let hi = this.text.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sources[mid]! < global) lo = mid + 1;
      else hi = mid;
    }
    // A bare block boundary here: the caret is after it when its chunk is in the new block.
    if (local === 0 && sources[lo] === global && sources[lo + 1] === global) {
      for (let c = chunk; c >= 0 && this.starts[c] === global; c--) {
        if (this.breaks[c]) return lo + 1;
      }
    }
    return lo;
  }

  /** The caret just before global offset `g`, in the chunk holding that code unit. */
  private chunkAt(g: number): ChunkPoint {
    // The last chunk starting at or before g: empty chunks starting there come before it.
    const { starts } = this;
    let lo = 0;
    let hi = starts.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid]! <= g) lo = mid;
      else hi = mid - 1;
    }
    return { chunk: lo, offset: g - starts[lo]! };
  }

  /** The caret just after the code unit before global offset `g` (g > 0), in that unit's chunk. */
  private chunkBefore(g: number): ChunkPoint {
    // The first chunk ending at or after g: it is not empty, as an empty one would share its end.
    const { starts } = this;
    let lo = 0;
    let hi = starts.length - 2;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid + 1]! >= g) hi = mid;
      else lo = mid + 1;
    }
    return { chunk: lo, offset: g - starts[lo]! };
  }
}
