/**
 * A tab's highlighting status is the sum of its frames' statuses: the toolbar badge and the
 * popup show one figure per tab even when same-origin frames are highlighted separately.
 */
import type { HighlighterStatus } from './schema.ts';

export function combineStatuses(frames: HighlighterStatus[]): HighlighterStatus | undefined {
  if (frames.length === 0) return undefined;
  const counts = { strength: 0, concern: 0, mixed: 0 };
  for (const f of frames) {
    counts.strength += f.counts.strength;
    counts.concern += f.counts.concern;
    counts.mixed += f.counts.mixed;
  }
  const stopped = frames.find((f) => f.state === 'stopped');
  return {
    counts,
    visible: frames.some((f) => f.visible),
    state: stopped ? 'stopped' : frames.some((f) => f.state === 'scanning') ? 'scanning' : 'done',
    ...(stopped?.reason ? { reason: stopped.reason } : {}),
  };
}

export function totalOf(status: HighlighterStatus): number {
  return status.counts.strength + status.counts.concern + status.counts.mixed;
}

/** Badge text: the total, shortened past four characters. */
export function badgeText(status: HighlighterStatus | undefined): string {
  if (!status) return '';
  const total = totalOf(status);
  if (total === 0) return '';
  return total > 9999 ? `${Math.floor(total / 1000)}k` : String(total);
}
