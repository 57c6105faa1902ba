import { describe, expect, it } from 'vitest';
import { findApproximate } from '../../lib/approximate-match.ts';
import { randomFrom } from '../support/text-chunks.ts';

/** Whether two characters are equal, a space and a line feed counting as one. */
const same = (a: string, b: string) => a === b || (/[ \n]/.test(a) && /[ \n]/.test(b));

/** The textbook table: the fewest edits of `pattern` into any text substring ending at each j. */
function bestEndingAt(text: string, pattern: string): number[] {
  let column = Array.from({ length: pattern.length + 1 }, (_, i) => i);
  const out = [column[pattern.length]!];
  for (const t of text) {
    const next = [0];
    for (let i = 1; i <= pattern.length; i++) {
      next[i] = Math.min(column[i - 1]! + (same(pattern[i - 1]!, t) ? 0 : 1), column[i]! + 1, next[i - 1]! + 1);
    }
    column = next;
    out.push(column[pattern.length]!);
  }
  return out;
}

function levenshtein(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j - 1]! + (same(a[i - 1]!, b[j - 1]!) ? 0 : 1), row[j]! + 1, next[j - 1]! + 1);
    }
    row = next;
  }
  return row[b.length]!;
}

describe('findApproximate', () => {
  it('agrees with the textbook table, for patterns of one block and of several', () => {
    const random = randomFrom(12345);
    const word = (n: number, alphabet: string) =>
      Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    for (let trial = 0; trial < 1500; trial++) {
      const alphabet = trial % 2 ? 'ab \n' : 'abcdefgh ';
      const pattern = word(1 + Math.floor(random() * (trial % 3 === 0 ? 120 : 40)), alphabet);
      const text = word(Math.floor(random() * 300), alphabet);
      const k = Math.floor(random() * Math.min(pattern.length, 40));
      const table = bestEndingAt(text, pattern);
      const found = findApproximate(text, pattern, k);
      for (const { start, end, errors } of found) {
        expect(errors).toBeLessThanOrEqual(k);
        expect(table[end]).toBe(errors);
        expect(levenshtein(pattern, text.slice(start, end))).toBe(errors);
      }
      const fewest = Math.min(...table);
      if (fewest <= k) expect(Math.min(...found.map((f) => f.errors))).toBe(fewest);
      else expect(found).toEqual([]);
    }
  });

  it('reports only matches ending inside the window asked for', () => {
    const text = 'the plan was good; the plan was poor; the plan was good';
    expect(findApproximate(text, 'plan was good', 0)).toEqual([
      { start: 4, end: 17, errors: 0 },
      { start: 42, end: 55, errors: 0 },
    ]);
    expect(findApproximate(text, 'plan was good', 2, 20, 40)).toEqual([{ start: 23, end: 36, errors: 2 }]);
  });
});
