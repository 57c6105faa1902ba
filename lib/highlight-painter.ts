/**
 * Owns the page's judgement `Highlight`s: which ranges are registered, their counts, and whether
 * they show at all.
 *
 * Why it does not simply register every range: Chromium rebuilds the markers of every registered
 * range on each rendering update after any DOM, style or highlight change, so a page's frames
 * slow down in proportion to the number of registered ranges (measured: about 200 ms a frame at
 * 20,000 ranges). Up to `allLimit` ranges (an ordinary report, news story or set of minutes), all
 * are registered, so other tools and user styles see them all. Past that, only the blocks within
 * a few screens of the viewport are registered, and the set follows the reader as they scroll;
 * counts and everything else still cover the whole page.
 *
 * The viewport is followed from when the highlights are first shown, not from when the count
 * passes `allLimit`: until then there is nothing to show, and blocks observed as a long report is
 * read would have the browser work out where every observed block lies again on each frame of the
 * read (measured on a 1 MB report: painting its 4,000 phrases took 19 ms rather than 23–26).
 */
import { TONES, type Tone, type ToneCounts } from './schema.ts';

/** Highlight registry names: a public contract (readers restyle them, tests read them). */
export const HIGHLIGHT_NAMES = {
  strength: 'judgement-strength',
  concern: 'judgement-concern',
  mixed: 'judgement-mixed',
} as const satisfies Record<Tone, string>;

/**
 * A judgement phrase painted in the page: where it lies, and its tone. Its `StaticRange` is made
 * when it is first needed (registered, listed or flashed), not when the phrase is found: a range
 * is a browser object, costly to make by the thousand, and past `allLimit` most phrases of a long
 * report are never near the viewport.
 */
export interface PaintedRange extends StaticRangeInit {
  tone: Tone;
  range?: StaticRange;
}

export interface PainterOptions {
  /** Most ranges registered at once before painting follows the viewport. */
  allLimit?: number;
  /** How far beyond the viewport blocks stay painted, as an IntersectionObserver margin. */
  margin?: string;
}

export class HighlightPainter {
  readonly counts: ToneCounts = { strength: 0, concern: 0, mixed: 0 };
  private readonly highlights: Record<Tone, Highlight>;
  private readonly byBlock = new Map<Element, PaintedRange[]>();
  /** Blocks whose ranges are in the registered highlights. */
  private readonly shown = new Set<Element>();
  /**
   * Whether ranges are registered yet: not until the highlights are first shown, so a long
   * report's first `allLimit` ranges are not made and registered only to be cleared once it
   * turns out to be long.
   */
  private painting = false;
  /** Whether only the blocks near the viewport are registered; observed from when shown. */
  private following = false;
  private nearViewport: IntersectionObserver | undefined;
  private visible = false;
  private readonly view: Window & typeof globalThis;
  private readonly registry: HighlightRegistry;
  private readonly allLimit: number;
  private readonly margin: string;

  constructor(
    view: Window & typeof globalThis,
    registry: HighlightRegistry,
    { allLimit = 1000, margin = '300% 0px' }: PainterOptions = {},
  ) {
    this.view = view;
    this.registry = registry;
    this.highlights = { strength: new view.Highlight(), concern: new view.Highlight(), mixed: new view.Highlight() };
    this.allLimit = allLimit;
    this.margin = margin;
  }

  get total(): number {
    return this.counts.strength + this.counts.concern + this.counts.mixed;
  }

  add(block: Element, ranges: PaintedRange[]): void {
    if (ranges.length === 0) return;
    let list = this.byBlock.get(block);
    if (!list) this.byBlock.set(block, (list = []));
    list.push(...ranges);
    for (const { tone } of ranges) this.counts[tone]++;
    if (!this.painting) return;
    if (this.nearViewport) {
      this.nearViewport.observe(block);
      if (this.shown.has(block)) this.register(ranges);
    } else if (this.following || this.total > this.allLimit) {
      this.followViewport();
    } else {
      this.show(block, ranges);
    }
  }

  remove(block: Element): void {
    const list = this.byBlock.get(block);
    if (!list) return;
    if (this.shown.delete(block)) this.unregister(list);
    for (const { tone } of list) this.counts[tone]--;
    this.byBlock.delete(block);
    this.nearViewport?.unobserve(block);
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible && !this.painting) {
      this.painting = true;
      if (this.total > this.allLimit) this.followViewport();
      else for (const [block, list] of this.byBlock) this.show(block, list);
    } else if (visible && this.following && !this.nearViewport) {
      this.followViewport();
    }
    for (const tone of TONES) {
      if (visible) this.registry.set(HIGHLIGHT_NAMES[tone], this.highlights[tone]);
      else this.registry.delete(HIGHLIGHT_NAMES[tone]);
    }
  }

  /** Every range painted now, block by block (not yet in reading order). */
  ranges(): PaintedRange[] {
    return [...this.byBlock.values()].flat();
  }

  /** The phrase's range, made on first use. */
  rangeOf(phrase: PaintedRange): StaticRange {
    return (phrase.range ??= new this.view.StaticRange(phrase));
  }

  private show(block: Element, ranges: PaintedRange[]): void {
    this.shown.add(block);
    this.register(ranges);
  }

  private register(ranges: PaintedRange[]): void {
    for (const phrase of ranges) this.highlights[phrase.tone].add(this.rangeOf(phrase));
  }

  private unregister(ranges: PaintedRange[]): void {
    for (const { range, tone } of ranges) if (range) this.highlights[tone].delete(range);
  }

  private followViewport(): void {
    if (!this.following) {
      for (const tone of TONES) this.highlights[tone].clear();
      this.shown.clear();
      this.following = true;
    }
    if (!this.visible) return;
    const observer = new this.view.IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const block = entry.target;
          const list = this.byBlock.get(block);
          if (!list) continue;
          if (entry.isIntersecting && !this.shown.has(block)) {
            this.show(block, list);
          } else if (!entry.isIntersecting && this.shown.delete(block)) {
            this.unregister(list);
          }
        }
      },
      { rootMargin: this.margin },
    );
    for (const block of this.byBlock.keys()) observer.observe(block);
    this.nearViewport = observer;
  }
}
