/**
 * Finds Ofsted judgement language in a text. Pure and DOM-free: the page highlighter, the
 * evaluation and the tests all call the same `findJudgements`.
 *
 * Why it is built this way: a long report is about a megabyte of text, and the page highlighter
 * must stay within a small multiple of merely reading that text. So the text is read once, char
 * by char, hashing each lower-cased word as it goes (no string or object is made per word); one
 * lookup in a bitset of the phrases' first words rejects almost every word at once. Only on a hit
 * are the following words read (to find the longest phrase, in a trie keyed by the same hashes)
 * or the preceding ones (to find a negator), and strings are compared only to confirm a hash.
 * Rules the lexicon cannot say as plain phrases live here:
 * - longest phrase wins ("requires improvement to be good" is one match, not "good"), and a phrase
 *   never runs across clause punctuation;
 * - a strength or negatable word with a negator up to `negationWindow` words before it, in the
 *   same clause, is one concern covering the negator and the word ("not always robust");
 * - false friends consume their words and yield nothing ("poor mental health");
 * - a bare grade ("good") counts only as a grade statement: after a lead ("judged good"), alone on
 *   its line (a grade table cell), or closing a heading after a colon (": good").
 */
import { lexicon as defaultLexicon } from './lexicon.ts';
import { PASSAGE_BREAK } from './passage-break.ts';
import type { Judgement, Lexicon, Tone } from './schema.ts';

interface Terminal {
  /** A verdict phrase's tone, or null for a false friend. */
  verdict?: Tone | null;
  negatable?: boolean;
  grade?: Tone;
}

interface TrieNode {
  word: string;
  next?: Map<number, TrieNode>;
  terminal?: Terminal;
}

export interface Matcher {
  /** Judgement phrases in `text`, in order, as [start, end) offsets in UTF-16 code units. */
  match(text: string): Judgement[];
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
const APOSTROPHE = 0x27;
const FIRST_WORD_BITS = 0xffff;
/** Where callers joined two passages: it ends a line and a clause. */
const BREAK = PASSAGE_BREAK.charCodeAt(0);

/** 1 for letters and digits, 2 for anything else; 0 means not yet classified. */
const charClass = new Uint8Array(0x10000);
/** Lower-case code unit of each code unit, filled lazily above ASCII. */
const lowerOf = new Uint16Array(0x10000);
for (let c = 0; c < 0x80; c++) {
  const word = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  charClass[c] = word ? 1 : 2;
  lowerOf[c] = c >= 65 && c <= 90 ? c + 32 : c;
}
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function classify(c: number): number {
  const ch = String.fromCharCode(c);
  const k = LETTER_OR_DIGIT.test(ch) ? 1 : 2;
  charClass[c] = k;
  const lower = ch.toLowerCase();
  lowerOf[c] = lower.length === 1 ? lower.charCodeAt(0) : c;
  return k;
}

function isWordChar(c: number): boolean {
  const k = charClass[c]!;
  return k === 1 || (k === 0 && classify(c) === 1);
}

function isApostrophe(c: number): boolean {
  return c === APOSTROPHE || c === 0x2019;
}

/** Clause punctuation and passage breaks: no phrase or negation reaches across them. */
function isClauseBreak(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 59 || c === 58 || c === 44 || c === BREAK;
}

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13 || c === BREAK;
}

// The word last read: module scratch, so reading a word allocates nothing.
let wordStart = 0;
let wordEnd = 0;
let wordHash = 0;

/**
 * Reads the word that starts at `i` (a word character) and ends at or before `limit`, into
 * wordStart, wordEnd and wordHash. An apostrophe between letters belongs to the word.
 */
function readWord(text: string, i: number, limit: number): void {
  let h = FNV_OFFSET;
  wordStart = i;
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (isWordChar(c)) {
      h = Math.imul(h ^ lowerOf[c]!, FNV_PRIME);
      i++;
    } else if (i > wordStart && isApostrophe(c) && i + 1 < limit && isWordChar(text.charCodeAt(i + 1))) {
      h = Math.imul(h ^ APOSTROPHE, FNV_PRIME);
      i++;
    } else {
      break;
    }
  }
  wordEnd = i;
  wordHash = h;
}

/** Where the next word starts, from `i` on, or -1 if the clause (or text) ends first. */
function nextWordInClause(text: string, i: number): number {
  for (const n = text.length; i < n; i++) {
    const c = text.charCodeAt(i);
    if (isWordChar(c)) return i;
    if (isClauseBreak(c)) return -1;
  }
  return -1;
}

/** Whether text[start, end) spells `word` (lower case, apostrophes as '). */
function spells(text: string, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let i = 0; i < word.length; i++) {
    const c = text.charCodeAt(start + i);
    const lower = isApostrophe(c) ? APOSTROPHE : (isWordChar(c), lowerOf[c]!);
    if (lower !== word.charCodeAt(i)) return false;
  }
  return true;
}

/** `strength(s)` → strength, strengths; `weak(ness|nesses)` → weak, weakness, weaknesses. */
export function expandPhrase(phrase: string): string[] {
  const variants = [''];
  for (const part of phrase.split(/(\S+\([^)]*\))/)) {
    const m = /^(\S*)\(([^)]*)\)$/.exec(part);
    const forms = m ? [m[1]!, ...m[2]!.split('|').map((s) => m[1]! + s)] : [part];
    variants.splice(0, variants.length, ...variants.flatMap((v) => forms.map((f) => v + f)));
  }
  return variants;
}

/** Lower-cased words of a phrase and their hashes, read exactly as texts are. */
function phraseWords(phrase: string): { word: string; hash: number }[] {
  const words: { word: string; hash: number }[] = [];
  for (let i = 0; i < phrase.length; ) {
    if (!isWordChar(phrase.charCodeAt(i))) {
      i++;
      continue;
    }
    readWord(phrase, i, phrase.length);
    let word = '';
    for (let k = wordStart; k < wordEnd; k++) {
      const c = phrase.charCodeAt(k);
      word += String.fromCharCode(isApostrophe(c) ? APOSTROPHE : lowerOf[c]!);
    }
    words.push({ word, hash: wordHash });
    i = wordEnd;
  }
  return words;
}

function insert(root: TrieNode, phrase: string, mark: (t: Terminal) => void): void {
  for (const variant of expandPhrase(phrase)) {
    const words = phraseWords(variant);
    if (words.length === 0) continue;
    let node = root;
    for (const { word, hash } of words) {
      node.next ??= new Map();
      let child = node.next.get(hash);
      if (!child) node.next.set(hash, (child = { word }));
      node = child;
    }
    node.terminal ??= {};
    mark(node.terminal);
  }
}

/** Entries of `firstWords`: whether a word (by hash) ends a phrase alone or starts a longer one. */
const ALONE = 1;
const LEADS = 2;

const pairKey = (first: number, second: number) => (Math.imul(first, 0x9e3779b1) ^ second) & FIRST_WORD_BITS;

interface Compiled {
  root: TrieNode;
  /** ALONE | LEADS per possible first word (by hash), so most words are rejected with one load. */
  firstWords: Uint8Array;
  /** Set for the first two words of every longer phrase (by `pairKey`). */
  pairs: Uint8Array;
  negators: TrieNode;
  window: number;
}

export function compileLexicon(lex: Lexicon): Matcher {
  const root: TrieNode = { word: '' };
  const negators: TrieNode = { word: '' };
  for (const tone of ['strength', 'concern', 'mixed'] as const) {
    for (const p of lex[tone]) insert(root, p, (t) => (t.verdict = tone));
  }
  for (const p of lex.negatable) insert(root, p, (t) => (t.negatable = true));
  for (const { phrase, tone } of lex.grades) {
    insert(root, phrase, (t) => (t.grade = tone));
    for (const lead of lex.gradeLeads) insert(root, `${lead} ${phrase}`, (t) => (t.verdict = tone));
  }
  // Last, so that a false friend overrides any verdict spelled the same way.
  for (const p of lex.falseFriends) insert(root, p, (t) => (t.verdict = null));
  for (const p of lex.negators) insert(negators, p, (t) => (t.verdict = 'concern'));
  const firstWords = new Uint8Array(FIRST_WORD_BITS + 1);
  const pairs = new Uint8Array(FIRST_WORD_BITS + 1);
  for (const [hash, node] of root.next ?? []) {
    if (node.terminal) firstWords[hash & FIRST_WORD_BITS]! |= ALONE;
    for (const second of node.next?.keys() ?? []) {
      firstWords[hash & FIRST_WORD_BITS]! |= LEADS;
      pairs[pairKey(hash, second)] = 1;
    }
  }
  const compiled: Compiled = { root, firstWords, pairs, negators, window: lex.negationWindow };
  return { match: (text) => matchText(text, compiled) };
}

// The words before a phrase, nearest first: scratch for negation checks.
const before = { start: new Int32Array(16), end: new Int32Array(16), hash: new Int32Array(16) };

/** Reads up to `max` words before `p` in its clause into `before`; returns how many. */
function wordsBefore(text: string, p: number, max: number): number {
  let count = 0;
  let i = p - 1;
  while (count < max) {
    while (i >= 0 && !isWordChar(text.charCodeAt(i))) {
      if (isClauseBreak(text.charCodeAt(i))) return count;
      i--;
    }
    if (i < 0) return count;
    let s = i;
    while (s > 0) {
      const c = text.charCodeAt(s - 1);
      if (isWordChar(c) || (isApostrophe(c) && s >= 2 && isWordChar(text.charCodeAt(s - 2)))) s--;
      else break;
    }
    readWord(text, s, i + 1);
    before.start[count] = s;
    before.end[count] = i + 1;
    before.hash[count] = wordHash;
    count++;
    i = s - 1;
  }
  return count;
}

/**
 * Where a negator starts, among the `window` words before `p` in the same clause and after
 * `neutralEnd` (words a false friend consumed, as in "not only"), or -1.
 */
function negatorBefore(text: string, p: number, c: Compiled, neutralEnd: number): number {
  const count = wordsBefore(text, p, c.window + 2);
  let from = -1;
  for (let last = 0; last < Math.min(count, c.window); last++) {
    if (before.end[last]! <= neutralEnd) break;
    // A negator of up to three words ending at word `last`.
    for (let first = last; first < count && first <= last + 2; first++) {
      if (before.start[first]! < neutralEnd) break;
      let node: TrieNode | undefined = c.negators;
      for (let k = first; k >= last && node; k--) {
        const next: TrieNode | undefined = node.next?.get(before.hash[k]!);
        node = next && spells(text, before.start[k]!, before.end[k]!, next.word) ? next : undefined;
      }
      if (node?.terminal) from = before.start[first]!;
    }
  }
  return from;
}

function isLineBlank(text: string, from: number, step: 1 | -1): boolean {
  for (let i = from; i >= 0 && i < text.length; i += step) {
    const c = text.charCodeAt(i);
    if (isLineBreak(c)) return true;
    if (c !== 32 && c !== 9 && c !== 0xa0 && !(step === 1 && (c === 46 || c === 58))) return false;
  }
  return true;
}

/** A bare grade counts alone on its line (a table cell) or after a colon at the end of a line. */
function isGradeStatement(text: string, start: number, end: number): boolean {
  if (!isLineBlank(text, end, 1)) return false;
  let i = start - 1;
  while (i >= 0 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 0xa0 || text.charCodeAt(i) === 9)) i--;
  return i < 0 || text.charCodeAt(i) === 58 || isLineBlank(text, i, -1);
}

/** What matching carries from one phrase to the next. */
interface MatchState {
  out: Judgement[];
  /** End of the last false friend: its words neither negate nor are negated. */
  neutralEnd: number;
}

/**
 * Matches the longest phrase that starts with the word at `start` and holds here, and records
 * its judgement. Returns where it ends, or -1 when none holds.
 */
function matchAt(text: string, start: number, c: Compiled, state: MatchState): number {
  readWord(text, start, text.length);
  const firstNode = c.root.next?.get(wordHash);
  if (!firstNode || !spells(text, start, wordEnd, firstNode.word)) return -1;
  let node: TrieNode = firstNode;
  let end = wordEnd;
  let bestEnd = -1;
  let bestTone: Tone | null = null;
  let bestNegator = -1;
  let negator = -2;
  const negated = () => (negator === -2 ? (negator = negatorBefore(text, start, c, state.neutralEnd)) : negator);
  for (;;) {
    const term = node.terminal;
    if (term?.verdict !== undefined) {
      bestEnd = end;
      bestTone = term.verdict;
      bestNegator = term.verdict === 'strength' ? negated() : -1;
    } else if (term?.grade && isGradeStatement(text, start, end)) {
      bestEnd = end;
      bestTone = term.grade;
      bestNegator = -1;
    } else if (term?.negatable && negated() >= 0) {
      bestEnd = end;
      bestTone = 'concern';
      bestNegator = negated();
    }
    const next = nextWordInClause(text, end);
    if (next < 0) break;
    readWord(text, next, text.length);
    const child: TrieNode | undefined = node.next?.get(wordHash);
    if (!child || !spells(text, wordStart, wordEnd, child.word)) break;
    node = child;
    end = wordEnd;
  }
  if (bestEnd < 0) return -1;
  const { out } = state;
  if (bestTone === null) {
    state.neutralEnd = bestEnd;
  } else if (bestNegator >= 0) {
    let first = bestNegator;
    while (out.length > 0 && out[out.length - 1]!.end > bestNegator) first = Math.min(first, out.pop()!.start);
    out.push({ start: first, end: bestEnd, tone: 'concern' });
  } else {
    out.push({ start, end: bestEnd, tone: bestTone });
  }
  return bestEnd;
}

function matchText(text: string, c: Compiled): Judgement[] {
  // Returned from this local, not `state.out`: code V8 compiles mid-loop, before any return has
  // run, would have no feedback for that load and deoptimise at the end of every call.
  const out: Judgement[] = [];
  const state: MatchState = { out, neutralEnd: -1 };
  const n = text.length;
  const { firstWords, pairs } = c;
  /** A word just read that only starts longer phrases ("the" of "the vast majority"). */
  let leadStart = -1;
  let leadHash = 0;
  for (let i = 0; i < n; ) {
    // The hot loop: hash one word with locals only (readWord does the same off the hot path).
    let ch = text.charCodeAt(i);
    let kind = charClass[ch]!;
    if (kind !== 1 && (kind !== 0 || classify(ch) !== 1)) {
      if (isClauseBreak(ch)) leadStart = -1;
      i++;
      continue;
    }
    const start = i;
    let hash = FNV_OFFSET;
    for (;;) {
      hash = Math.imul(hash ^ lowerOf[ch]!, FNV_PRIME);
      if (++i >= n) break;
      ch = text.charCodeAt(i);
      kind = charClass[ch]!;
      if (kind === 1 || (kind === 0 && classify(ch) === 1)) continue;
      if ((ch === APOSTROPHE || ch === 0x2019) && i + 1 < n && isWordChar(text.charCodeAt(i + 1))) {
        hash = Math.imul(hash ^ APOSTROPHE, FNV_PRIME);
        ch = text.charCodeAt(++i);
        continue;
      }
      break;
    }
    // A phrase may start at the word before, now that this word makes its first two plausible.
    if (leadStart >= 0 && pairs[pairKey(leadHash, hash)] === 1) {
      const end = matchAt(text, leadStart, c, state);
      leadStart = -1;
      if (end >= 0) {
        i = end;
        continue;
      }
    }
    leadStart = -1;
    const first = firstWords[hash & FIRST_WORD_BITS]!;
    if (first & ALONE) {
      const end = matchAt(text, start, c, state);
      if (end >= 0) {
        i = end;
        continue;
      }
    }
    if (first & LEADS) {
      leadStart = start;
      leadHash = hash;
    }
  }
  return out;
}

let defaultMatcher: Matcher | undefined;

/** Judgement phrases in `text` with the built-in lexicon. */
export function findJudgements(text: string): Judgement[] {
  defaultMatcher ??= compileLexicon(defaultLexicon);
  return defaultMatcher.match(text);
}
