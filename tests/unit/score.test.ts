import { describe, expect, it } from 'vitest';
import { scoreText, sentenceSpans, splitSentences } from '../../lib/score.ts';

describe('splitSentences', () => {
  it('keeps a sentence whole across line breaks', () => {
    expect(splitSentences('Leaders have made purposeful\nprogress. Plans are clear.')).toEqual([
      'Leaders have made purposeful\nprogress.',
      'Plans are clear.',
    ]);
  });

  it('ends a sentence at a blank line even without a full stop', () => {
    expect(splitSentences('The experiences of care leavers: good\n\nMost care leavers thrive.')).toEqual([
      'The experiences of care leavers: good',
      'Most care leavers thrive.',
    ]);
  });

  it('starts a sentence at a bullet and drops paragraph numbers', () => {
    expect(splitSentences('What needs to improve\n◼ Planning for care leavers.\n\n12. Plans are clear.')).toEqual([
      'What needs to improve',
      'Planning for care leavers.',
      'Plans are clear.',
    ]);
  });

  it('ends at ? and ! and keeps a closing quote with its sentence', () => {
    expect(splitSentences('Is it safe? Yes! She said ‘it is good.’ Then left.')).toEqual([
      'Is it safe?',
      'Yes!',
      'She said ‘it is good.’',
      'Then left.',
    ]);
  });

  it('gives offsets into the text', () => {
    const text = '  One.  Two. ';
    expect(sentenceSpans(text).map(({ start, end }) => text.slice(start, end))).toEqual(['One.', 'Two.']);
  });
});

describe('scoreText', () => {
  it('averages strengths minus concerns minus half the mixed over sentences', () => {
    expect(scoreText('Practice is strong and skilled. Records are kept.')).toBe(1);
    expect(scoreText('Practice is strong. Plans are not always robust.')).toBe(0);
    expect(scoreText('Quality is variable. Oversight is weak. Records are kept. Staff are kept.')).toBe(-1.5 / 4);
  });

  it('counts a negated strength as one concern, not a strength and a concern', () => {
    expect(scoreText('Plans are not sufficiently robust.')).toBe(-1);
  });

  it('is 0 for a text without sentences', () => {
    expect(scoreText('')).toBe(0);
    expect(scoreText('12.')).toBe(0);
  });

  it('ranks a weak passage below a strong one', () => {
    const good = 'Social workers know them well. Plans are comprehensive and purposeful.';
    const weak = 'There is drift and delay for too many children. Oversight is not always robust.';
    expect(scoreText(good)).toBeGreaterThan(0);
    expect(scoreText(weak)).toBeLessThan(0);
  });
});
