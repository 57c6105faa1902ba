/**
 * Approximate string matching: where a pattern occurs in a text with at most k edits
 * (insertions, deletions, substitutions of UTF-16 code units). This is Myers' bit-parallel
 * algorithm (1999) in its blocked form: the pattern is cut into 32-row blocks of the edit-distance
 * table and a column of each block advances with a handful of word operations per text
 * character. Ukkonen's cut-off keeps only the blocks that can still hold values ≤ k, so a search
 * costs about n·⌈k/32⌉ block steps however long the pattern is.
 *
 * A space and a line feed count as the same character: a passage whose lines were re-broken is
 * the same passage.
 */

const W = 32;

/** The class a pattern character is compared in. */
const fold = (code: number): number => (code === 10 ? 32 : code);

/** A match of the whole pattern: text [start, end) is within `errors` edits of it. */
export interface ApproximateMatch {
  start: number;
  end: number;
  errors: number;
}

/**
 * For each character class of a pattern, a bit mask per block of the rows holding it. Text
 * characters are looked up through a 64K table of class numbers; class 0 is "not in the pattern".
 */
class PatternMasks {
  readonly blocks: number;
  readonly length: number;
  readonly classes = new Uint16Array(65536);
  readonly masks: Int32Array;

  constructor(pattern: string, reversed: boolean) {
    const m = pattern.length;
    this.length = m;
    this.blocks = Math.ceil(m / W);
    let count = 0;
    for (let i = 0; i < m; i++) {
      const c = fold(pattern.charCodeAt(i));
      if (this.classes[c] === 0) this.classes[c] = ++count;
    }
    // Text is looked up unfolded: a line feed shares the space's class.
    this.classes[10] = this.classes[32]!;
    this.masks = new Int32Array((count + 1) * this.blocks);
    for (let i = 0; i < m; i++) {
      const row = reversed ? m - 1 - i : i;
      const cls = this.classes[fold(pattern.charCodeAt(i))]!;
      this.masks[cls * this.blocks + (row >>> 5)]! |= 1 << (row & 31);
    }
  }
}

/**
 * The matches of `pattern` in `text` whose end lies in [from, to], each with at most `maxErrors`
 * edits: one per run of overlapping candidate ends, at its fewest errors. Pattern length ≥ 1.
 */
export function findApproximate(
  text: string,
  pattern: string,
  maxErrors: number,
  from = 0,
  to = text.length,
): ApproximateMatch[] {
  const ends = matchEnds(text, new PatternMasks(pattern, false), maxErrors, from, to);
  if (ends.length === 0) return [];
  const back = new PatternMasks(pattern, true);
  const matches: ApproximateMatch[] = [];
  for (let i = 0; i < ends.length; i += 2) {
    const end = ends[i]!;
    const start = bestStart(text, back, end, maxErrors);
    matches.push({ start, end, errors: ends[i + 1]! });
  }
  return matches;
}

/**
 * Flat [end, errors, end, errors...] of the best end of each run of ends within budget (the last
 * of those with the fewest errors). A run is broken when the next end lies a pattern's length or
 * more past the previous one.
 */
function matchEnds(text: string, p: PatternMasks, k: number, from: number, to: number): number[] {
  const { blocks, classes, masks, length: m } = p;
  const lastBlock = blocks - 1;
  const lastWidth = m - lastBlock * W;
  const P = new Int32Array(blocks).fill(-1);
  const M = new Int32Array(blocks);
  const score = new Int32Array(blocks);
  for (let b = 0; b < blocks; b++) score[b] = Math.min((b + 1) * W, m);
  let y = Math.min(lastBlock, Math.max(0, Math.ceil(k / W) - 1));
  const out: number[] = [];
  let runEnd = -1;
  let runErrors = 0;
  let lastSeen = -Infinity;
  const start = Math.max(0, from - m - k);
  const stop = Math.min(text.length, to);
  for (let j = start; j < stop; j++) {
    const row = classes[text.charCodeAt(j)]! * blocks;
    let carry = 0;
    for (let b = 0; b <= y; b++) {
      carry = advance(P, M, b, masks[row + b]!, carry, b === lastBlock ? lastWidth : W);
      score[b]! += carry;
    }
    if (y < lastBlock && score[y]! - carry <= k && ((masks[row + y + 1]! & 1) !== 0 || carry < 0)) {
      const before = score[y]! - carry;
      y++;
      P[y] = -1;
      M[y] = 0;
      const width = y === lastBlock ? lastWidth : W;
      score[y] = before + width;
      score[y]! += advance(P, M, y, masks[row + y]!, carry, width);
    } else {
      while (y > 0 && score[y]! >= k + (y === lastBlock ? lastWidth : W)) y--;
    }
    if (y === lastBlock && score[y]! <= k && j + 1 >= from) {
      const errors = score[y]!;
      if (j - lastSeen >= m && runEnd >= 0) {
        out.push(runEnd, runErrors);
        runEnd = -1;
      }
      // Of equal ends the last: a substituted last character beats a deleted one.
      if (runEnd < 0 || errors <= runErrors) {
        runEnd = j + 1;
        runErrors = errors;
      }
      lastSeen = j;
    }
  }
  if (runEnd >= 0) out.push(runEnd, runErrors);
  return out;
}

/**
 * Advances block b of the edit-distance table by one text column whose character has row mask
 * `eq`, given the horizontal difference entering its top row; returns the one leaving its
 * bottom row (of a block `width` rows tall).
 */
function advance(P: Int32Array, M: Int32Array, b: number, eq: number, hin: number, width: number): number {
  const pv = P[b]!;
  const mv = M[b]!;
  const xv = eq | mv;
  if (hin < 0) eq |= 1;
  const xh = ((((eq & pv) + pv) | 0) ^ pv) | eq;
  let ph = mv | ~(xh | pv);
  let mh = pv & xh;
  const high = 1 << (width - 1);
  const hout = (ph & high) !== 0 ? 1 : (mh & high) !== 0 ? -1 : 0;
  ph <<= 1;
  mh <<= 1;
  if (hin < 0) mh |= 1;
  else if (hin > 0) ph |= 1;
  P[b] = mh | ~(xv | ph);
  M[b] = ph & xv;
  return hout;
}

/**
 * Where the best match ending at `end` starts: the pattern, reversed, is aligned against the text
 * read backwards from `end`, with no free start (each text character skipped costs one), and the
 * start with the fewest edits wins; among equals, the one giving the length nearest the pattern's.
 */
function bestStart(text: string, p: PatternMasks, end: number, k: number): number {
  const { blocks, classes, masks, length: m } = p;
  const lastBlock = blocks - 1;
  const lastWidth = m - lastBlock * W;
  const P = new Int32Array(blocks).fill(-1);
  const M = new Int32Array(blocks);
  let best = m;
  let bestStart = end;
  let score = m;
  const floor = Math.max(0, end - m - k);
  for (let j = end - 1; j >= floor; j--) {
    const row = classes[text.charCodeAt(j)]! * blocks;
    let carry = 1;
    for (let b = 0; b < blocks; b++) carry = advance(P, M, b, masks[row + b]!, carry, b === lastBlock ? lastWidth : W);
    score += carry;
    const length = end - j;
    if (score < best || (score === best && Math.abs(length - m) < Math.abs(end - bestStart - m))) {
      best = score;
      bestStart = j;
    }
  }
  return bestStart;
}
