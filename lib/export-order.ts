/**
 * The order records appear in every export. It is a total order on fields that never depend on
 * the reader's locale or the store's listing order, so exporting the same records twice (or after
 * a wipe and import) gives byte-identical files.
 */
import type { Annotation, Theme } from './schema.ts';

/** Plain UTF-16 code-unit order: `localeCompare` would vary with the machine's locale. */
const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const themesInExportOrder = (themes: readonly Theme[]): Theme[] => [...themes].sort((a, b) => byCodeUnits(a.id, b.id));

/** By page, then where the passage starts on it, then id (ids are unique, so no two tie). */
export const annotationsInExportOrder = (annotations: readonly Annotation[]): Annotation[] =>
  [...annotations].sort((a, b) => byCodeUnits(a.url, b.url) || a.position.start - b.position.start || byCodeUnits(a.id, b.id));

/**
 * A theme id's label for formats that show labels. A theme deleted after tagging leaves its id on
 * annotations; the id is shown rather than dropping the tag, so the row still says something.
 */
export function themeLabeller(themes: readonly Theme[]): (themeId: string) => string {
  const labels = new Map(themes.map((theme) => [theme.id, theme.label]));
  return (themeId) => labels.get(themeId) ?? themeId;
}
