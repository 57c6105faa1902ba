import { describe, expect, it } from 'vitest';
import type { HighlighterStatus } from '../../lib/schema.ts';
import { badgeText, combineStatuses } from '../../lib/tab-status.ts';

const frame = (strength: number, concern: number, mixed: number, extra: Partial<HighlighterStatus> = {}): HighlighterStatus => ({
  counts: { strength, concern, mixed },
  visible: true,
  state: 'done',
  ...extra,
});

describe('tab status', () => {
  it('sums the frames of a tab', () => {
    expect(combineStatuses([frame(1, 2, 3), frame(10, 20, 30)])?.counts).toEqual({ strength: 11, concern: 22, mixed: 33 });
  });

  it('is scanning while any frame is, and stopped with its reason when one stopped', () => {
    expect(combineStatuses([frame(0, 0, 0), frame(0, 0, 0, { state: 'scanning' })])?.state).toBe('scanning');
    const stopped = combineStatuses([frame(0, 0, 0), frame(0, 0, 0, { state: 'stopped', reason: 'too busy' })]);
    expect(stopped).toMatchObject({ state: 'stopped', reason: 'too busy' });
  });

  it('has no status without frames', () => {
    expect(combineStatuses([])).toBeUndefined();
    expect(badgeText(undefined)).toBe('');
  });

  it('shows the total on the badge, nothing for none, thousands past four digits', () => {
    expect(badgeText(frame(1, 2, 3))).toBe('6');
    expect(badgeText(frame(0, 0, 0))).toBe('');
    expect(badgeText(frame(9000, 999, 0))).toBe('9999');
    expect(badgeText(frame(40000, 15000, 805))).toBe('55k');
  });
});
