/**
 * Which of the reader's annotations the side panel shows: a search over what they can read in the
 * list (the quoted passage and their note), one theme, one page and a range of days. Pure, so the
 * panel, its export of "what I am looking at" and the tests all agree on the same answer.
 */
import type { Annotation } from './schema.ts';

export interface AnnotationFilter {
  /** Free text; matched case-insensitively, ignoring runs of whitespace, against quote and note. */
  search: string;
  /** A theme id, or '' for every theme. */
  themeId: string;
  /** A page URL exactly as stored on the annotations, or '' for every page. */
  url: string;
  /**
   * First and last local day kept, inclusive, as `YYYY-MM-DD` (what a date input gives), or '' for
   * no bound. Local days because the reader thinks "what I tagged on Tuesday", not in UTC.
   */
  from: string;
  to: string;
}

export const NO_FILTER: AnnotationFilter = { search: '', themeId: '', url: '', from: '', to: '' };

/** Collapses whitespace so a passage copied across a line break still matches. */
const normalise = (text: string): string => text.toLocaleLowerCase('en-GB').replace(/\s+/g, ' ').trim();

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** The reader's local calendar day of a timestamp as `YYYY-MM-DD`, so it compares as a string with a date input's value. */
export function localDay(timestamp: string): string {
  const d = new Date(timestamp);
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1, 2)}-${pad(d.getDate(), 2)}`;
}

/** True when the filter narrows the list, so an export of it is scoped `filtered`, not `all`. */
export const isFiltered = (filter: AnnotationFilter): boolean =>
  normalise(filter.search) !== '' || filter.themeId !== '' || filter.url !== '' || filter.from !== '' || filter.to !== '';

/** The annotations the filter keeps, in the order given. */
export function filterAnnotations(annotations: readonly Annotation[], filter: AnnotationFilter): Annotation[] {
  const needle = normalise(filter.search);
  const dated = filter.from !== '' || filter.to !== '';
  return annotations.filter((a) => {
    if (filter.themeId !== '' && !a.themeIds.includes(filter.themeId)) return false;
    if (filter.url !== '' && a.url !== filter.url) return false;
    if (dated) {
      const day = localDay(a.createdAt);
      if ((filter.from !== '' && day < filter.from) || (filter.to !== '' && day > filter.to)) return false;
    }
    return needle === '' || normalise(a.quote.exact).includes(needle) || normalise(a.note).includes(needle);
  });
}

/** How many annotations carry each theme; an annotation tagged twice with one theme counts once. */
export function countByTheme(annotations: readonly Annotation[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const a of annotations) {
    for (const id of new Set(a.themeIds)) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

export interface PageOption {
  url: string;
  /** The most recently seen non-empty title of the page, else its URL, so the option reads as the reader knows it. */
  label: string;
  count: number;
}

/** The pages that have annotations, for the page filter: one entry per URL, ordered by label. */
export function pagesOf(annotations: readonly Annotation[]): PageOption[] {
  const pages = new Map<string, PageOption>();
  for (const a of annotations) {
    const page = pages.get(a.url) ?? { url: a.url, label: a.url, count: 0 };
    if (page.label === a.url && a.title !== '') page.label = a.title;
    page.count += 1;
    pages.set(a.url, page);
  }
  return [...pages.values()].sort((x, y) => x.label.localeCompare(y.label, 'en-GB') || x.url.localeCompare(y.url));
}
