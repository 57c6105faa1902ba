/**
 * Finds Ofsted judgement language in a text. Pure and DOM-free: the page highlighter, the
 * evaluation and the tests all call the same `findJudgements`.
 *
 * Why it is built this way: a long report is about a megabyte of text, and the page highlighter
 * must stay within a small multiple of merely reading that text. So the text is read once,
 * char by char, into words identified by a hash of their lower-cased form (no string is made
 * per word); phrases live in a trie keyed by those hashes; a string comparison happens only when
 * a hash hits. Rules the lexicon cannot say as plain phrases live here:
 * - longest phrase wins ("requires improvement to be good" is one match, not "good"), and a phrase
 *   never runs across clause punctuation;
 * - a strength or negatable word with a negator up to `negationWindow` words before it, in the
 *   same clause, is one concern covering the negator and the word ("not always robust");
 * - false friends consume their words and yield nothing ("poor mental health");
 * - a bare grade ("good") counts only as a grade statement: after a lead ("judged good"), alone on
 *   its line (a grade table cell), or closing a heading after a colon (": good").
 */
import { lexicon as defaultLexicon } from './lexicon.ts';
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

function isWordChar(c: number): boolean {
  let k = charClass[c]!;
  if (k === 0) {
    const ch = String.fromCharCode(c);
    k = LETTER_OR_DIGIT.test(ch) ? 1 : 2;
    charClass[c] = k;
    const lower = ch.toLowerCase();
    lowerOf[c] = lower.length === 1 ? lower.charCodeAt(0) : c;
  }
  return k === 1;
}

function isApostrophe(c: number): boolean {
  return c === APOSTROPHE || c === 0x2019;
}

/** Clause punctuation: negation does not reach across it. */
function isClauseBreak(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 59 || c === 58 || c === 44;
}

/** Words of a text: parallel typed arrays, reused between calls to avoid garbage. */
class Words {
  count = 0;
  start = new Int32Array(1024);
  end = new Int32Array(1024);
  hash = new Int32Array(1024);
  clause = new Int32Array(1024);

  read(text: string): void {
    this.count = 0;
    const n = text.length;
    let inWord = false;
    let wordStart = 0;
    let hash = FNV_OFFSET;
    let clause = 0;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (isWordChar(c)) {
        if (!inWord) {
          inWord = true;
          wordStart = i;
          hash = FNV_OFFSET;
        }
        hash = Math.imul(hash ^ lowerOf[c]!, FNV_PRIME);
      } else if (inWord && isApostrophe(c) && i + 1 < n && isWordChar(text.charCodeAt(i + 1))) {
        hash = Math.imul(hash ^ APOSTROPHE, FNV_PRIME);
      } else {
        if (inWord) {
          this.push(wordStart, i, hash, clause);
          inWord = false;
        }
        if (isClauseBreak(c)) clause++;
      }
    }
    if (inWord) this.push(wordStart, n, hash, clause);
  }

  private push(start: number, end: number, hash: number, clause: number): void {
    if (this.count === this.start.length) this.grow();
    const k = this.count++;
    this.start[k] = start;
    this.end[k] = end;
    this.hash[k] = hash;
    this.clause[k] = clause;
  }

  private grow(): void {
    const size = this.start.length * 2;
    for (const key of ['start', 'end', 'hash', 'clause'] as const) {
      const bigger = new Int32Array(size);
      bigger.set(this[key]);
      this[key] = bigger;
    }
  }
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

/** Lower-cased words of a phrase, split exactly as texts are. */
function phraseWords(phrase: string): { words: string[]; hashes: number[] } {
  const reader = new Words();
  reader.read(phrase);
  const words: string[] = [];
  const hashes: number[] = [];
  for (let k = 0; k < reader.count; k++) {
    let w = '';
    for (let i = reader.start[k]!; i < reader.end[k]!; i++) {
      const c = phrase.charCodeAt(i);
      w += String.fromCharCode(isApostrophe(c) ? APOSTROPHE : (isWordChar(c), lowerOf[c]!));
    }
    words.push(w);
    hashes.push(reader.hash[k]!);
  }
  return { words, hashes };
}

function insert(root: TrieNode, phrase: string, mark: (t: Terminal) => void): void {
  for (const variant of expandPhrase(phrase)) {
    const { words, hashes } = phraseWords(variant);
    if (words.length === 0) continue;
    let node = root;
    words.forEach((word, i) => {
      node.next ??= new Map();
      let child = node.next.get(hashes[i]!);
      if (!child) {
        child = { word };
        node.next.set(hashes[i]!, child);
      }
      node = child;
    });
    node.terminal ??= {};
    mark(node.terminal);
  }
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
  const words = new Words();
  return {
    match: (text) => matchWords(text, words, root, negators, lex.negationWindow),
  };
}

function child(node: TrieNode, text: string, words: Words, k: number): TrieNode | undefined {
  const next = node.next?.get(words.hash[k]!);
  return next && spells(text, words.start[k]!, words.end[k]!, next.word) ? next : undefined;
}

/** Whether words [from, to] of the trie `negators` end exactly at word `to`. */
function negatorEndingAt(text: string, words: Words, negators: TrieNode, to: number): number {
  for (let from = to; from >= 0 && from >= to - 2; from--) {
    let node: TrieNode | undefined = negators;
    for (let k = from; k <= to && node; k++) node = child(node, text, words, k);
    if (node?.terminal) return from;
  }
  return -1;
}

function isLineBlank(text: string, from: number, step: 1 | -1): boolean {
  for (let i = from; i >= 0 && i < text.length; i += step) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return true;
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

function matchWords(
  text: string,
  words: Words,
  root: TrieNode,
  negators: TrieNode,
  window: number,
): Judgement[] {
  words.read(text);
  const out: Judgement[] = [];
  /** Word index where each emitted judgement starts, parallel to `out`. */
  const outWord: number[] = [];
  /** Words consumed by false friends ("not only") can neither negate nor be negated. */
  let neutralUntil = -1;

  /** First word of a negator within the window before word `t`, or -1. */
  const negatedFrom = (t: number): number => {
    let from = -1;
    for (let j = t - 1; j >= 0 && j >= t - window; j--) {
      if (words.clause[j] !== words.clause[t] || j <= neutralUntil) break;
      const f = negatorEndingAt(text, words, negators, j);
      if (f >= 0 && f > neutralUntil && words.clause[f] === words.clause[t]) from = f;
    }
    return from;
  };

  for (let t = 0; t < words.count; ) {
    let node = child(root, text, words, t);
    if (!node) {
      t++;
      continue;
    }
    let best: { last: number; tone: Tone | null; negatedFrom: number } | undefined;
    for (let k = t; node; ) {
      const term = node.terminal;
      if (term) {
        if (term.verdict !== undefined) {
          const from = term.verdict === 'strength' ? negatedFrom(t) : -1;
          best = { last: k, tone: term.verdict, negatedFrom: from };
        } else if (term.grade && isGradeStatement(text, words.start[t]!, words.end[k]!)) {
          best = { last: k, tone: term.grade, negatedFrom: -1 };
        } else if (term.negatable) {
          const from = negatedFrom(t);
          if (from >= 0) best = { last: k, tone: 'concern', negatedFrom: from };
        }
      }
      k++;
      // A phrase does not run across clause punctuation ("...very. Well, ..." is not "very well").
      node = k < words.count && words.clause[k] === words.clause[t] ? child(node, text, words, k) : undefined;
    }
    if (!best) {
      t++;
      continue;
    }
    if (best.tone === null) {
      neutralUntil = best.last;
    } else if (best.negatedFrom >= 0) {
      let first = best.negatedFrom;
      while (out.length > 0 && out[out.length - 1]!.end > words.start[best.negatedFrom]!) {
        out.pop();
        first = Math.min(first, outWord.pop()!);
      }
      out.push({ start: words.start[first]!, end: words.end[best.last]!, tone: 'concern' });
      outWord.push(first);
    } else {
      out.push({ start: words.start[t]!, end: words.end[best.last]!, tone: best.tone });
      outWord.push(t);
    }
    t = best.last + 1;
  }
  return out;
}

let defaultMatcher: Matcher | undefined;

/** Judgement phrases in `text` with the built-in lexicon. */
export function findJudgements(text: string): Judgement[] {
  defaultMatcher ??= compileLexicon(defaultLexicon);
  return defaultMatcher.match(text);
}
