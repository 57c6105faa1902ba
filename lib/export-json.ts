/**
 * The native export: every field of every theme and annotation, as the store holds them, in the
 * shape of `AnnotationExportSchema`. It is the only lossless format, so importing it restores the
 * reader's work exactly; exporting again gives the same text apart from `exportedAt`.
 */
import { EXPORT_MIME_TYPES, exportFileName, type ExportFile, type ExportInput } from './export-file.ts';
import { annotationsInExportOrder, themesInExportOrder } from './export-order.ts';
import {
  AnnotationExportSchema,
  AnnotationSchema,
  EXPORT_FORMAT,
  TextPositionSchema,
  TextQuoteSchema,
  ThemeSchema,
  type Annotation,
  type AnnotationExport,
  type Theme,
} from './schema.ts';

/**
 * A copy of `record` with exactly the schema's keys, in the schema's order. JSON text depends on
 * key order, and records that went through an import or an older code path may hold their keys in
 * another order (or carry extra ones); taking the order from the schema keeps it the one source.
 */
function inSchemaOrder<T extends object>(shape: Readonly<Record<string, unknown>>, record: T): T {
  const ordered: Record<string, unknown> = {};
  for (const key of Object.keys(shape)) {
    const value = (record as Record<string, unknown>)[key];
    if (value !== undefined) ordered[key] = value;
  }
  return ordered as T;
}

const exportTheme = (theme: Theme): Theme => ({ ...inSchemaOrder(ThemeSchema.shape, theme), keywords: [...theme.keywords] });

const exportAnnotation = (annotation: Annotation): Annotation => ({
  ...inSchemaOrder(AnnotationSchema.shape, annotation),
  quote: inSchemaOrder(TextQuoteSchema.shape, annotation.quote),
  position: inSchemaOrder(TextPositionSchema.shape, annotation.position),
  // The reader's order of themes on a passage is kept: it is theirs, not an accident of storage.
  themeIds: [...annotation.themeIds],
});

/** The export document itself, for callers that want the object rather than its text. */
export function buildAnnotationExport({ themes, annotations, exportedAt }: Omit<ExportInput, 'scope'>): AnnotationExport {
  return inSchemaOrder(AnnotationExportSchema.shape, {
    format: EXPORT_FORMAT,
    version: 1,
    exportedAt: exportedAt.toISOString(),
    themes: themesInExportOrder(themes).map(exportTheme),
    annotations: annotationsInExportOrder(annotations).map(exportAnnotation),
  });
}

/** Indented, one value a line, with a final newline: readable and friendly to diffs. */
export function exportJson(input: ExportInput): ExportFile {
  return {
    fileName: exportFileName(input.scope, input.exportedAt, 'json'),
    mimeType: EXPORT_MIME_TYPES.json,
    text: `${JSON.stringify(buildAnnotationExport(input), null, 2)}\n`,
  };
}
