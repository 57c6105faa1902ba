/**
 * The interchange export: W3C Web Annotation Data Model JSON-LD, which other annotation tools
 * (Hypothesis-style clients, annotation servers, research pipelines) read without knowing
 * Inspection Lens. Each theme on a passage becomes a tagging body and the note a commenting body.
 * Colours, keywords and the document title have no place in the model; the JSON export keeps them.
 */
import { EXPORT_MIME_TYPES, exportFileName, type ExportFile, type ExportInput } from './export-file.ts';
import { annotationsInExportOrder, themeLabeller } from './export-order.ts';
import type { Annotation } from './schema.ts';

const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

export interface W3cTextualBody {
  /** Tagging bodies are identified by their theme, so the same theme is one resource across annotations. */
  id?: string;
  type: 'TextualBody';
  purpose: 'tagging' | 'commenting';
  value: string;
  format: 'text/plain';
}

export interface W3cAnnotation {
  id: string;
  type: 'Annotation';
  motivation: 'tagging';
  created: string;
  modified: string;
  body: W3cTextualBody[];
  target: {
    source: string;
    selector: [
      { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string },
      { type: 'TextPositionSelector'; start: number; end: number },
    ];
  };
}

export interface W3cAnnotationCollection {
  '@context': typeof ANNO_CONTEXT;
  id: string;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  /** The model requires pages to hold a collection's items; one page holds them all. */
  first: { id: string; type: 'AnnotationPage'; startIndex: 0; items: W3cAnnotation[] };
}

/** Stable across exports, so a tool that imported an annotation before recognises it again. */
const w3cAnnotationId = (id: string): string => `urn:inspection-lens:annotation:${id}`;
const w3cThemeId = (id: string): string => `urn:inspection-lens:theme:${id}`;

function toW3c(annotation: Annotation, labelOf: (themeId: string) => string): W3cAnnotation {
  const body: W3cTextualBody[] = annotation.themeIds.map((themeId) => ({
    id: w3cThemeId(themeId),
    type: 'TextualBody',
    purpose: 'tagging',
    value: labelOf(themeId),
    format: 'text/plain',
  }));
  // An empty note is no comment: a body with an empty value would claim the reader said something.
  if (annotation.note !== '') body.push({ type: 'TextualBody', purpose: 'commenting', value: annotation.note, format: 'text/plain' });
  const { quote, position } = annotation;
  return {
    id: w3cAnnotationId(annotation.id),
    type: 'Annotation',
    motivation: 'tagging',
    created: annotation.createdAt,
    modified: annotation.updatedAt,
    body,
    target: {
      source: annotation.url,
      selector: [
        { type: 'TextQuoteSelector', exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix },
        { type: 'TextPositionSelector', start: position.start, end: position.end },
      ],
    },
  };
}

/** The collection an export holds; its id names the scope and moment, as nothing else identifies it. */
function buildW3cCollection({ themes, annotations, exportedAt, scope }: ExportInput): W3cAnnotationCollection {
  const labelOf = themeLabeller(themes);
  const id = `urn:inspection-lens:collection:${scope}:${exportedAt.toISOString()}`;
  const items = annotationsInExportOrder(annotations).map((annotation) => toW3c(annotation, labelOf));
  return {
    '@context': ANNO_CONTEXT,
    id,
    type: 'AnnotationCollection',
    label: `Inspection Lens annotations (${scope})`,
    total: items.length,
    first: { id: `${id}:page:1`, type: 'AnnotationPage', startIndex: 0, items },
  };
}

export function exportW3c(input: ExportInput): ExportFile {
  return {
    fileName: exportFileName(input.scope, input.exportedAt, 'w3c'),
    mimeType: EXPORT_MIME_TYPES.w3c,
    text: `${JSON.stringify(buildW3cCollection(input), null, 2)}\n`,
  };
}
