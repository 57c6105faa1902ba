/**
 * Describing a passage of a page's normalised text (see text-model.ts) so it can be found again,
 * and finding it again after the page changed.
 *
 * A passage is stored twice over: as a quote with about 32 characters of context either side, and
 * as a position. The position makes finding an unchanged page's passages cost next to nothing;
 * the quote survives edits elsewhere on the page; the context tells repeated passages apart; and
 * an approximate match (approximate-match.ts) survives small edits inside the passage itself.
 * When none of that finds it, the caller keeps the annotation as an orphan: it is never dropped.
 */
import { findApproximate } from './approximate-match.ts';
import { MAX_PASSAGE_CHARS, type TextPosition, type TextQuote } from './schema.ts';

/** Code units of context stored either side of a passage. */
export const CONTEXT_CHARS = 32;

/** Where a passage was found: [start, end) of the text; `exact` when it reads as it was quoted. */
export interface Anchor {
  start: number;
  end: number;
  exact: boolean;
}

export interface PassageSelector {
  quote: TextQuote;
  position: TextPosition;
}

/**
 * The selectors of text [start, end). Context is cut at 32 code units, less when that would
 * split a surrogate pair, so stored strings are always well formed.
 */
export function describePassage(text: string, start: number, end: number): PassageSelector {
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start && end <= text.length)) {
    throw new RangeError(`No passage [${start}, ${end}) in a text of ${text.length} characters`);
  }
  if (end - start > MAX_PASSAGE_CHARS) {
    throw new RangeError(`A passage is at most ${MAX_PASSAGE_CHARS} characters long`);
  }
  let from = Math.max(0, start - CONTEXT_CHARS);
  if (isLowSurrogate(text.charCodeAt(from)) && from < start) from++;
  let to = Math.min(text.length, end + CONTEXT_CHARS);
  if (isHighSurrogate(text.charCodeAt(to - 1)) && to > end) to--;
  return {
    quote: { exact: text.slice(start, end), prefix: text.slice(from, start), suffix: text.slice(end, to) },
    position: { start, end },
  };
}

/**
 * The most edits an approximate match of an n-character passage may need: an eighth of it, but
 * at least 2, and never more than a quarter, so a short passage cannot match just anything.
 */
export function errorBudget(length: number): number {
  return Math.min(Math.floor(length / 4), Math.max(2, Math.floor(length / 8)));
}

/**
 * Finds a passage in the page's current text, or null when it is not there within the error
 * budget (the annotation is then an orphan).
 *
 * 1. Exact: the quote where the position says, when its context matches too; otherwise its
 *    occurrence whose context agrees most, nearest the old position.
 * 2. When no occurrence has at least half its context intact: approximate matches, first near
 *    the old position, then anywhere, each scored by its edits plus the edits its context needs
 *    (ties go to the one nearest the old position). Exact occurrences compete on the same terms.
 */
export function anchorPassage(text: string, { quote, position }: PassageSelector): Anchor | null {
  const m = quote.exact.length;
  if (m === 0 || m > text.length) return null;
  const hint = Math.max(0, Math.min(position.start, text.length - m));
  const contextLength = quote.prefix.length + quote.suffix.length;
  const found = findExact(text, quote, hint);
  if (found && 2 * found.matched >= contextLength) return { start: found.start, end: found.start + m, exact: true };

  const candidates: Scored[] = found ? [score(text, quote, found.start, found.start + m, 0, hint)] : [];
  const budget = errorBudget(m);
  if (budget > 0) {
    // Near: where the passage would be had the page gained or lost a few paragraphs before it.
    const slack = m + 4096;
    const nearFrom = Math.max(0, hint + m - slack);
    const nearTo = Math.min(text.length, hint + m + slack);
    const near = bestOf(candidates.concat(approximate(text, quote, budget, hint, nearFrom, nearTo)));
    if (near && 2 * near.context <= contextLength) return anchorOf(text, quote, near);
    if (nearFrom > 0 || nearTo < text.length) {
      candidates.push(...approximate(text, quote, budget, hint, 0, text.length));
    } else if (near) {
      candidates.push(near);
    }
  }
  const best = bestOf(candidates);
  return best ? anchorOf(text, quote, best) : null;
}

/** A candidate place for a passage and how far it is from the quote as stored. */
interface Scored {
  start: number;
  end: number;
  errors: number;
  /** Edits the text around it needs to read as the stored context. */
  context: number;
  distance: number;
}

/** Approximate matches considered per search: the fewest edits first, then the nearest. */
const MAX_CANDIDATES = 64;

function approximate(text: string, quote: TextQuote, budget: number, hint: number, from: number, to: number): Scored[] {
  const matches = findApproximate(text, quote.exact, budget, from, to);
  if (matches.length > MAX_CANDIDATES) {
    matches.sort((a, b) => a.errors - b.errors || Math.abs(a.start - hint) - Math.abs(b.start - hint));
    matches.length = MAX_CANDIDATES;
  }
  return matches.map((mt) => score(text, quote, mt.start, mt.end, mt.errors, hint));
}

function score(text: string, quote: TextQuote, start: number, end: number, errors: number, hint: number): Scored {
  const before = text.slice(Math.max(0, start - quote.prefix.length), start);
  const after = text.slice(end, end + quote.suffix.length);
  const context = editDistance(quote.prefix, before) + editDistance(quote.suffix, after);
  return { start, end, errors, context, distance: Math.abs(start - hint) };
}

function bestOf(candidates: readonly Scored[]): Scored | null {
  let best: Scored | null = null;
  for (const c of candidates) {
    if (!best) best = c;
    else {
      const d = c.errors + c.context - (best.errors + best.context);
      if (d < 0 || (d === 0 && c.distance < best.distance)) best = c;
    }
  }
  return best;
}

function anchorOf(text: string, quote: TextQuote, c: Scored): Anchor {
  return { start: c.start, end: c.end, exact: c.end - c.start === quote.exact.length && text.startsWith(quote.exact, c.start) };
}

/** An exact occurrence and how many characters of its stored context surround it unchanged. */
interface Occurrence {
  start: number;
  matched: number;
}

/**
 * The occurrence of the quote whose context agrees most, nearest `hint`. The search widens
 * around the hint and stops as soon as an occurrence with its whole context is found, so a
 * passage that stayed put or moved a little costs a few string comparisons.
 */
function findExact(text: string, quote: TextQuote, hint: number): Occurrence | null {
  const { exact } = quote;
  const m = exact.length;
  const full = quote.prefix.length + quote.suffix.length;
  const lastStart = text.length - m;
  const found = { best: null as Occurrence | null, distance: Infinity };
  const consider = (start: number): void => {
    const matched = contextMatched(text, quote, start, start + m);
    const distance = Math.abs(start - hint);
    const { best } = found;
    if (!best || matched > best.matched || (matched === best.matched && distance < found.distance)) {
      found.best = { start, matched };
      found.distance = distance;
    }
  };
  if (text.startsWith(exact, hint)) {
    consider(hint);
    if (found.best?.matched === full) return found.best;
  }
  // Starts in [lo, hi) have been searched.
  let lo = hint;
  let hi = hint + 1;
  for (let radius = Math.max(256, m); lo > 0 || hi <= lastStart; radius *= 4) {
    const nextLo = Math.max(0, hint - radius);
    const nextHi = Math.min(lastStart + 1, hint + radius + 1);
    searchStarts(text, exact, nextLo, lo, consider);
    searchStarts(text, exact, hi, nextHi, consider);
    lo = nextLo;
    hi = nextHi;
    // Every start within `radius` has been seen, so a whole-context occurrence is the nearest.
    if (found.best?.matched === full) return found.best;
  }
  return found.best;
}

/** Calls `found` with each occurrence of `exact` starting in [from, to). */
function searchStarts(text: string, exact: string, from: number, to: number, found: (start: number) => void): void {
  if (to <= from) return;
  const window = text.slice(from, to - 1 + exact.length);
  for (let i = window.indexOf(exact); i >= 0; i = window.indexOf(exact, i + 1)) found(from + i);
}

/** How many characters of the stored prefix and suffix stand unchanged next to [start, end). */
function contextMatched(text: string, quote: TextQuote, start: number, end: number): number {
  const { prefix, suffix } = quote;
  let before = 0;
  while (before < prefix.length && before < start) {
    if (text.charCodeAt(start - 1 - before) !== prefix.charCodeAt(prefix.length - 1 - before)) break;
    before++;
  }
  let after = 0;
  while (after < suffix.length && end + after < text.length) {
    if (text.charCodeAt(end + after) !== suffix.charCodeAt(after)) break;
    after++;
  }
  return before + after;
}

/** Levenshtein distance of two short strings (context, at most a few hundred characters). */
function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0 || b.length === 0) return a.length + b.length;
  const row = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (ca === b.charCodeAt(j - 1) ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
