/**
 * How favourable a passage's judgement language is, as one number: the mean over its sentences
 * of (strengths − concerns − ½·mixed). It calls the same `findJudgements` the page highlighter
 * uses, so the evaluation measures exactly what readers see highlighted.
 *
 * Why per sentence: inspectors weigh a verdict sentence by sentence ("Most plans are clear.
 * However, some children wait too long."), and a long section with many neutral sentences of
 * description should not outscore a short one that says the same; the mean over sentences makes
 * sections of different lengths comparable. Mixed language ("variable", "beginning to") counts
 * half against, because it qualifies praise rather than withholding it.
 *
 * Pure and DOM-free.
 */
import { findJudgements } from './matcher.ts';
import type { Judgement } from './schema.ts';

/** One sentence of a text: [start, end) in UTF-16 code units, trimmed. */
export interface SentenceSpan {
  start: number;
  end: number;
}

/**
 * A sentence ends at . ! or ? (optionally followed by a closing quote or bracket) before
 * whitespace, at a blank line, or before a bullet. Single line breaks inside a paragraph do not
 * end a sentence: extracted PDFs and wrapped pages break lines mid-sentence.
 */
const BOUNDARY = /[.!?]['’")\]]*(?=\s)|\n[ \t]*\n|(?=[•◼▪●■]\s)/gu;
const HAS_LETTER = /\p{L}/u;
/** Not part of a sentence: leading whitespace and bullets. */
const LEADING = /[\s•◼▪●■]/u;

/** The sentences of `text`, in order; fragments with no letters (paragraph numbers) are dropped. */
export function sentenceSpans(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let from = 0;
  const push = (to: number): void => {
    let start = from;
    let end = to;
    while (start < end && LEADING.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (HAS_LETTER.test(text.slice(start, end))) spans.push({ start, end });
  };
  for (const m of text.matchAll(BOUNDARY)) {
    const to = m.index + m[0].length;
    push(to);
    from = to;
  }
  push(text.length);
  return spans;
}

/** The sentences of `text` as strings, line breaks inside a sentence kept. */
export function splitSentences(text: string): string[] {
  return sentenceSpans(text).map(({ start, end }) => text.slice(start, end));
}

const WEIGHT: Record<Judgement['tone'], number> = { strength: 1, concern: -1, mixed: -0.5 };

/** Mean over sentences of (strengths − concerns − ½·mixed); 0 for a text with no sentences. */
export function scoreText(text: string): number {
  const spans = sentenceSpans(text);
  if (spans.length === 0) return 0;
  let total = 0;
  let s = 0;
  // Judgements and sentences are both in text order: one merge pass assigns each judgement to
  // the sentence it starts in. Judgements outside any sentence (in a dropped fragment) are ignored.
  for (const j of findJudgements(text)) {
    while (s < spans.length && spans[s]!.end <= j.start) s++;
    if (s === spans.length) break;
    if (j.start >= spans[s]!.start) total += WEIGHT[j.tone];
  }
  return total / spans.length;
}
