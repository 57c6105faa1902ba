/**
 * Test helpers that state judgements the way a reader would: which phrase is marked, with which
 * tone. Comparing phrases rather than offsets keeps the assertions readable and makes a failure
 * say what was marked instead.
 */
import { findJudgements } from '../../lib/matcher.ts';
import type { Judgement, Tone } from '../../lib/schema.ts';

export interface Mark {
  phrase: string;
  tone: Tone;
}

/** Collapses whitespace (line breaks inside a phrase) and lower-cases, as a reader compares. */
export function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** The marks in `text`, phrases normalised. */
export function marks(text: string, find: (t: string) => Judgement[] = findJudgements): Mark[] {
  return find(text).map((j) => ({ phrase: normalise(text.slice(j.start, j.end)), tone: j.tone }));
}

/** Where `phrase` occurs in `text`, any whitespace (line breaks too) standing for a space. */
export function occurrences(text: string, phrase: string): Array<{ start: number; end: number }> {
  const pattern = phrase
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s+');
  return [...text.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])${pattern}(?![\\p{L}\\p{N}])`, 'giu'))].map(
    (m) => ({ start: m.index, end: m.index + m[0].length }),
  );
}

/** Judgements overlapping any occurrence of `phrase`: for a false friend, none may. */
export function marksOver(text: string, phrase: string): Mark[] {
  const spans = occurrences(text, phrase);
  return findJudgements(text)
    .filter((j) => spans.some((s) => j.start < s.end && j.end > s.start))
    .map((j) => ({ phrase: normalise(text.slice(j.start, j.end)), tone: j.tone }));
}
