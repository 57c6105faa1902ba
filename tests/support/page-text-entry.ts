/**
 * Injected into a plain page (bundled by bundle.ts) so a browser test can read the page as the
 * annotations do: `readPageText` over the body, and its conversions to and from DOM ranges.
 */
import { readPageText } from '../../lib/page-text-model.ts';

export interface PageTextProbe {
  /** The page's normalised text. */
  text(): string;
  /** What the page shows in the range of normalised [start, end), or null when there is none. */
  shownAt(start: number, end: number): string | null;
  /** The normalised span of the page's current selection, or null. */
  selected(): { start: number; end: number } | null;
}

declare global {
  interface Window {
    inspectionLensPageText: PageTextProbe;
  }
}

window.inspectionLensPageText = {
  text: () => readPageText(document.body).text,
  shownAt(start, end) {
    const range = readPageText(document.body).rangeFor(start, end);
    if (!range) return null;
    const live = document.createRange();
    live.setStart(range.startContainer, range.startOffset);
    live.setEnd(range.endContainer, range.endOffset);
    return live.toString();
  },
  selected() {
    const selection = getSelection();
    return selection && selection.rangeCount > 0 ? readPageText(document.body).positionOf(selection.getRangeAt(0)) : null;
  },
};
