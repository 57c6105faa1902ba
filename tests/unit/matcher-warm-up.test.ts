import { describe, expect, it } from 'vitest';
import { findJudgements } from '../../lib/matcher.ts';
import { warmUpMatcher, warmUpSample } from '../../lib/matcher-warm-up.ts';
import { PASSAGE_BREAK } from '../../lib/passage-break.ts';

describe('warmUpMatcher', () => {
  it('matches a sample that holds every kind of judgement', () => {
    const sample = warmUpSample();
    const found = findJudgements(sample).map(({ start, end, tone }) => ({ text: sample.slice(start, end), tone }));
    expect(sample.length).toBeGreaterThanOrEqual(32_768);
    expect(sample).toContain(PASSAGE_BREAK);
    expect(found).toContainEqual({ text: 'very effective', tone: 'strength' });
    expect(found).toContainEqual({ text: 'not always highly effective', tone: 'concern' });
    expect(found).toContainEqual({ text: 'not sufficiently effective', tone: 'concern' });
    expect(found).toContainEqual({ text: 'inconsistent', tone: 'mixed' });
    expect(found).toContainEqual({ text: 'was judged inadequate', tone: 'concern' });
    expect(found).toContainEqual({ text: 'was judged outstanding', tone: 'strength' });
    // False friends are in the sample, and not found: "actions remain outstanding" is no verdict.
    const friend = sample.indexOf('remain outstanding');
    expect(friend).toBeGreaterThan(0);
    expect(findJudgements(sample).some(({ start, end }) => start < friend + 18 && end > friend)).toBe(false);
  });

  it('is written in the typography of real reports, so the matcher is compiled for it', () => {
    const sample = warmUpSample();
    for (const ch of ['’', '‘', '–', '\u00a0', '©', 'é', '\uf06e']) expect(sample).toContain(ch);
    const found = findJudgements(sample).map(({ start, end, tone }) => ({ text: sample.slice(start, end), tone }));
    expect(found.some(({ text, tone }) => text.startsWith('aren’t ') && tone === 'concern')).toBe(true);
  });

  it('runs in tasks of its own, never on the caller\'s, and settles after the last', async () => {
    const queue: (() => void)[] = [];
    let settled = false;
    const done = warmUpMatcher((run) => queue.push(run)).then(() => (settled = true));
    expect(queue).toHaveLength(1);
    let runs = 0;
    while (queue.length > 0) {
      queue.shift()!();
      runs++;
      await Promise.resolve();
      if (queue.length > 0) expect(settled).toBe(false);
    }
    await done;
    expect(runs).toBe(4);
    expect(settled).toBe(true);
  });
});
