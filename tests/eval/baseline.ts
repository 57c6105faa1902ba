/**
 * The baseline the lexicon must beat: the "plain word list with three-word negation check" that
 * the field guide (shared/domain/ofsted-language.md) says separates good from weak sections with
 * an AUC of about 0.94. Single words from the guide's table, no phrases, no false friends, no
 * grade rules: what anyone would write in an afternoon. Same sentence splitter and per-sentence
 * formula as `scoreText`, so only the language knowledge differs.
 */
import { sentenceSpans } from '../../lib/score.ts';

const STRENGTH = new Set(
  ['exceptional', 'high-quality', 'impressive', 'skilled', 'skilful', 'strong', 'strongly']
    .concat(['strength', 'strengths', 'comprehensive']),
);
const CONCERN = new Set(
  ['delay', 'delays', 'delayed', 'drift', 'poor', 'poorly', 'ineffective', 'lack', 'lacks']
    .concat(['lacking', 'weak', 'weakness', 'weaknesses', 'insufficient', 'insufficiently']),
);
const CAUTION = new Set(['variable', 'inconsistent', 'inconsistently', 'however', 'recently']);
const NEGATORS = new Set(['not', 'no', 'without', 'less', 'lack', 'insufficiently']);
const WINDOW = 3;

function sentenceScore(sentence: string): number {
  const words = sentence.toLowerCase().match(/[\p{L}]+(?:-[\p{L}]+)*/gu) ?? [];
  let score = 0;
  words.forEach((w, i) => {
    if (STRENGTH.has(w)) {
      const negated = words.slice(Math.max(0, i - WINDOW), i).some((p) => NEGATORS.has(p));
      score += negated ? -1 : 1;
    } else if (CONCERN.has(w)) {
      score -= 1;
    } else if (CAUTION.has(w)) {
      score -= 0.5;
    }
  });
  return score;
}

/** Mean over sentences of (strengths − concerns − ½·cautions), strengths flipped when negated. */
export function baselineScore(text: string): number {
  const spans = sentenceSpans(text);
  if (spans.length === 0) return 0;
  let total = 0;
  for (const { start, end } of spans) total += sentenceScore(text.slice(start, end));
  return total / spans.length;
}
