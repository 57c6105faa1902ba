import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baselineScore } from '../eval/baseline.ts';
import { auc, ranks, spearman } from '../eval/metrics.ts';
import { judgementSections } from '../eval/sections.ts';
import { REPORTS_DIR, reportText } from '../support/pdf-text.ts';

describe('metrics', () => {
  it('auc counts ties as half', () => {
    expect(auc([3, 4], [1, 2])).toBe(1);
    expect(auc([1], [2])).toBe(0);
    expect(auc([2, 3], [2, 1])).toBe(0.875);
    expect(auc([], [1])).toBeNaN();
  });

  it('ranks share the mean rank among ties', () => {
    expect(ranks([10, 20, 20, 30])).toEqual([1, 2.5, 2.5, 4]);
  });

  it('spearman is 1 for any monotone relation and handles ties', () => {
    expect(spearman([1, 2, 3, 4], [1, 4, 9, 16])).toBeCloseTo(1);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1);
    expect(spearman([1, 1, 2, 2], [1, 2, 3, 4])).toBeCloseTo(0.894, 3);
  });
});

describe('baselineScore', () => {
  it('flips a negated strength word and halves cautions', () => {
    expect(baselineScore('Practice is strong.')).toBe(1);
    expect(baselineScore('Practice is not strong.')).toBe(-1);
    expect(baselineScore('Quality is variable.')).toBe(-0.5);
  });
});

describe('judgementSections', () => {
  it('reads heading-graded sections and never keeps the heading or grade in the body', async () => {
    const sections = judgementSections(await reportText(join(REPORTS_DIR, 'barnet-2024-ilacs.pdf')));
    expect(sections.map((s) => [s.area, s.grade])).toEqual([
      ['help_and_protection', 'good'],
      ['children_in_care', 'outstanding'],
      ['care_leavers', 'good'],
      ['impact_of_leaders', 'good'],
    ]);
    for (const s of sections) expect(s.text).not.toMatch(/^The (experiences|impact)|: (good|outstanding)$/im);
  });

  it('reads the 2017 layout: grade under the heading, sub-judgements graded in a sentence', async () => {
    const sections = judgementSections(await reportText(join(REPORTS_DIR, 'barnet-2017-ilacs.pdf')));
    expect(sections.map((s) => [s.area, s.grade])).toEqual([
      ['help_and_protection', 'inadequate'],
      ['children_in_care', 'inadequate'],
      ['adoption', 'requires improvement'],
      ['care_leavers', 'requires improvement'],
      ['impact_of_leaders', 'inadequate'],
    ]);
    for (const s of sections) expect(s.text).not.toMatch(/^(Inadequate|.*is that it requires)$/m);
  });

  it('takes a grade table row for a table row, not a section', () => {
    const text = 'The experiences and progress of care leavers\n\nOutstanding\n\nSummary text.\n';
    const withBody = `${text}\nThe experiences and progress of care leavers: outstanding\n\n${'Body. '.repeat(80)}\n`;
    expect(judgementSections(withBody).map((s) => s.heading)).toEqual([
      'The experiences and progress of care leavers: outstanding',
    ]);
  });
});
