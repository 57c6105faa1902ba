/**
 * Paints the reader's annotations: one `Highlight` per theme, registered as
 * `annotation-<themeId>` (a public name, like the judgement highlights), in the theme's colour.
 * The colours live in a constructed stylesheet adopted by the document, so no node is added to
 * the page; they are a tint and an overline, distinct from the judgement highlights' solid
 * backgrounds and underlines, and drawn above them. The sheet is adopted only once there is an
 * annotation to paint: adopting a sheet makes the browser restyle the whole page, which on a long
 * report costs well over a frame, and most pages carry no annotations.
 */
import type { Annotation, Theme } from './schema.ts';

export const annotationHighlightName = (themeId: string) => `annotation-${themeId}`;

/** The page's text is never recoloured, so any theme colour keeps it readable. */
function themeRule(theme: Theme): string {
  return `::highlight(${annotationHighlightName(theme.id)}) {
  background-color: ${theme.color}38;
  text-decoration: overline 3px ${theme.color};
}`;
}

export class AnnotationPainter {
  private readonly view: Window & typeof globalThis;
  private readonly registry: HighlightRegistry;
  private sheet: CSSStyleSheet | undefined;
  private rules = '';
  private readonly byTheme = new Map<string, Highlight>();
  private readonly painted = new Map<string, { annotation: Annotation; range: StaticRange }>();

  constructor(view: Window & typeof globalThis, registry: HighlightRegistry) {
    this.view = view;
    this.registry = registry;
  }

  /** Restyles every theme; call whenever the codebook changes. */
  setThemes(themes: Theme[]): void {
    this.rules = themes.map(themeRule).join('\n');
    this.sheet?.replaceSync(this.rules);
  }

  paint(annotation: Annotation, range: StaticRange): void {
    if (!this.sheet) {
      this.sheet = new this.view.CSSStyleSheet();
      this.sheet.replaceSync(this.rules);
      const doc = this.view.document;
      doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, this.sheet];
    }
    this.unpaint(annotation.id);
    this.painted.set(annotation.id, { annotation, range });
    for (const themeId of annotation.themeIds) this.highlightOf(themeId).add(range);
  }

  unpaint(id: string): void {
    const old = this.painted.get(id);
    if (!old) return;
    this.painted.delete(id);
    for (const themeId of old.annotation.themeIds) this.byTheme.get(themeId)?.delete(old.range);
  }

  /** The painted annotation whose passage holds the point (node, offset), innermost first. */
  at(node: Node, offset: number): Annotation | undefined {
    const probe = this.view.document.createRange();
    let found: { annotation: Annotation; length: number } | undefined;
    for (const { annotation, range } of this.painted.values()) {
      try {
        probe.setStart(range.startContainer, range.startOffset);
        probe.setEnd(range.endContainer, range.endOffset);
      } catch {
        continue;
      }
      if (!probe.isPointInRange(node, offset)) continue;
      const length = annotation.quote.exact.length;
      if (!found || length < found.length) found = { annotation, length };
    }
    return found?.annotation;
  }

  rangeOf(id: string): StaticRange | undefined {
    return this.painted.get(id)?.range;
  }

  private highlightOf(themeId: string): Highlight {
    let highlight = this.byTheme.get(themeId);
    if (!highlight) {
      highlight = new this.view.Highlight();
      highlight.priority = 1;
      this.byTheme.set(themeId, highlight);
      this.registry.set(annotationHighlightName(themeId), highlight);
    }
    return highlight;
  }
}
