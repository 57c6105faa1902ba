/**
 * Which of the reader's annotations the side panel shows: a search over what they can read in the
 * list (the quoted passage and their note) and one theme. Pure, so the panel, its export of "what
 * I am looking at" and the tests all agree on the same answer.
 */
import type { Annotation } from './schema.ts';

export interface AnnotationFilter {
  /** Free text; matched case-insensitively, ignoring runs of whitespace, against quote and note. */
  search: string;
  /** A theme id, or '' for every theme. */
  themeId: string;
}

export const NO_FILTER: AnnotationFilter = { search: '', themeId: '' };

/** Collapses whitespace so a passage copied across a line break still matches. */
const normalise = (text: string): string => text.toLocaleLowerCase('en-GB').replace(/\s+/g, ' ').trim();

/** True when the filter narrows the list, so an export of it is scoped `filtered`, not `all`. */
export const isFiltered = (filter: AnnotationFilter): boolean => normalise(filter.search) !== '' || filter.themeId !== '';

/** The annotations the filter keeps, in the order given. */
export function filterAnnotations(annotations: readonly Annotation[], filter: AnnotationFilter): Annotation[] {
  const needle = normalise(filter.search);
  return annotations.filter(
    (a) =>
      (filter.themeId === '' || a.themeIds.includes(filter.themeId)) &&
      (needle === '' || normalise(a.quote.exact).includes(needle) || normalise(a.note).includes(needle)),
  );
}

/** How many annotations carry each theme; an annotation tagged twice with one theme counts once. */
export function countByTheme(annotations: readonly Annotation[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const a of annotations) {
    for (const id of new Set(a.themeIds)) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}
