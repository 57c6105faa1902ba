/**
 * What every export shares: its input, the file it produces and that file's name. The export
 * modules are pure (no extension APIs, no clock), so the side panel supplies the records and the
 * moment and only has to hand `text` to a download.
 */
import type { Annotation, Theme } from './schema.ts';

/** Which of the reader's annotations an export holds; it names the file. */
export type ExportScope = 'page' | 'all' | 'filtered';
export const EXPORT_SCOPES: readonly ExportScope[] = ['page', 'all', 'filtered'];

export interface ExportInput {
  /** The codebook. Annotations may name a theme that is not here (deleted): exports fall back to its id. */
  themes: readonly Theme[];
  annotations: readonly Annotation[];
  /** The moment of the export, passed in so the same records and moment give the same file. */
  exportedAt: Date;
  scope: ExportScope;
}

export interface ExportFile {
  fileName: string;
  mimeType: string;
  /**
   * The file's contents. Encode it as UTF-8 (a `Blob` of it does); a CSV's text starts with
   * U+FEFF, which encodes as the byte order mark.
   */
  text: string;
}

/** The three formats, by file extension. */
export const EXPORT_EXTENSIONS = { json: 'json', csv: 'csv', w3c: 'jsonld' } as const;
export type ExportKind = keyof typeof EXPORT_EXTENSIONS;

export const EXPORT_MIME_TYPES: Readonly<Record<ExportKind, string>> = {
  json: 'application/json',
  csv: 'text/csv;charset=utf-8',
  // The media type the Web Annotation Protocol gives annotations, so annotation servers accept it.
  w3c: 'application/ld+json;profile="http://www.w3.org/ns/anno.jsonld"',
};

const twoDigits = (n: number): string => String(n).padStart(2, '0');

/**
 * `inspection-lens-<scope>-<yyyy-mm-dd>.<ext>`. The date is the reader's local calendar day, not
 * UTC: a file exported in the evening of 1 June in London should not be named 2 June (or, just
 * after midnight in summer, 31 May). Times inside the files stay UTC.
 */
export function exportFileName(scope: ExportScope, exportedAt: Date, kind: ExportKind): string {
  if (Number.isNaN(exportedAt.getTime())) throw new RangeError('exportedAt is not a valid date');
  const day = `${exportedAt.getFullYear()}-${twoDigits(exportedAt.getMonth() + 1)}-${twoDigits(exportedAt.getDate())}`;
  return `inspection-lens-${scope}-${day}.${EXPORT_EXTENSIONS[kind]}`;
}
