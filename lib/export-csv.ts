/**
 * The spreadsheet export: one row per annotation and theme, for readers who count and filter
 * passages in Excel. It is lossy by design (no positions, context or colours); the JSON export is
 * the one to keep or import.
 */
import { EXPORT_MIME_TYPES, exportFileName, type ExportFile, type ExportInput } from './export-file.ts';
import { annotationsInExportOrder, themeLabeller } from './export-order.ts';

export const CSV_HEADER = ['Document title', 'URL', 'Theme', 'Quote', 'Note', 'Created'] as const;

/**
 * Characters that make Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP's CSV
 * injection list). Titles, quotes and notes come from web pages and other people, so a cell
 * starting `=HYPERLINK(...)` must stay text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** RFC 4180 needs quoting only for these; quoting just then keeps plain cells readable. */
const NEEDS_QUOTES = /[",\r\n]/;

/** A cell as spreadsheets will show it: formula starts neutralised with `'`, then RFC 4180 quoted. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const CRLF = '\r\n';

/**
 * The CSV text: a byte order mark, because Excel reads a CSV without one in the machine's legacy
 * code page and mangles curly quotes and accents; then CRLF-terminated records as RFC 4180 says.
 * Rows follow the JSON export's order, and a passage's themes the reader's order.
 */
export function exportCsv({ themes, annotations, exportedAt, scope }: ExportInput): ExportFile {
  const labelOf = themeLabeller(themes);
  const lines = [CSV_HEADER.map(csvCell).join(',')];
  for (const annotation of annotationsInExportOrder(annotations)) {
    const title = csvCell(annotation.title);
    const url = csvCell(annotation.url);
    const rest = [csvCell(annotation.quote.exact), csvCell(annotation.note), csvCell(annotation.createdAt)].join(',');
    for (const themeId of annotation.themeIds) lines.push(`${title},${url},${csvCell(labelOf(themeId))},${rest}`);
  }
  return {
    fileName: exportFileName(scope, exportedAt, 'csv'),
    mimeType: EXPORT_MIME_TYPES.csv,
    text: `\uFEFF${lines.join(CRLF)}${CRLF}`,
  };
}
