/**
 * Judgements cross from the background to the page packed as flat triples; the page paints only
 * what unpacks into phrases of the text it sent.
 */
import { describe, expect, it } from 'vitest';
import { packJudgements, unpackJudgements } from '../../lib/found-judgements.ts';
import type { Judgement } from '../../lib/schema.ts';

const found: Judgement[] = [
  { start: 0, end: 6, tone: 'strength' },
  { start: 10, end: 30, tone: 'concern' },
  { start: 31, end: 39, tone: 'mixed' },
];

describe('packed judgements', () => {
  it('unpack to the judgements that were packed', () => {
    expect(packJudgements(found)).toEqual([0, 6, 0, 10, 30, 1, 31, 39, 2]);
    expect(unpackJudgements(packJudgements(found), 39)).toEqual(found);
    expect(unpackJudgements([], 0)).toEqual([]);
  });

  it.each([
    ['not an array', { 0: 0, 1: 6, 2: 0 }],
    ['a part missing', [0, 6, 0, 10, 30]],
    ['an unknown tone', [0, 6, 3]],
    ['an empty range', [6, 6, 0]],
    ['a range past the text', [31, 40, 2]],
    ['a negative offset', [-1, 6, 0]],
    ['a fraction', [0, 6.5, 0]],
    ['a string', ['0', 6, 0]],
  ])('are refused with %s', (_problem, raw) => {
    expect(() => unpackJudgements(raw, 39)).toThrow();
  });
});
