import { describe, expect, it } from 'vitest';
import { EXPORT_SCOPES, exportFileName } from '../../lib/export-file.ts';
import { buildAnnotationExport, exportJson } from '../../lib/export-json.ts';
import { AnnotationExportSchema, type Annotation, type Theme } from '../../lib/schema.ts';
import { EXPORTED_AT, annotation, sample, theme } from './export-support.ts';

describe('export file names', () => {
  it('names the scope and the local calendar day', () => {
    // Local-time constructors, so the expected day holds in every time zone.
    const lateEvening = new Date(2026, 5, 1, 23, 59);
    const justAfterMidnight = new Date(2026, 0, 9, 0, 1);
    for (const scope of EXPORT_SCOPES) {
      expect(exportFileName(scope, lateEvening, 'json')).toBe(`inspection-lens-${scope}-2026-06-01.json`);
      expect(exportFileName(scope, justAfterMidnight, 'csv')).toBe(`inspection-lens-${scope}-2026-01-09.csv`);
      expect(exportFileName(scope, justAfterMidnight, 'w3c')).toBe(`inspection-lens-${scope}-2026-01-09.jsonld`);
    }
  });

  it('refuses an invalid date rather than naming a file NaN', () => {
    expect(() => exportFileName('all', new Date(Number.NaN), 'json')).toThrow(RangeError);
  });
});

describe('JSON export', () => {
  it('is valid against the export schema and says what it is', () => {
    const { themes, annotations } = sample();
    const file = exportJson({ themes, annotations, exportedAt: EXPORTED_AT, scope: 'all' });
    expect(file.fileName).toBe(exportFileName('all', EXPORTED_AT, 'json'));
    expect(file.mimeType).toBe('application/json');
    const parsed = AnnotationExportSchema.parse(JSON.parse(file.text));
    expect(parsed.format).toBe('inspection-lens.annotations');
    expect(parsed.version).toBe(1);
    expect(parsed.exportedAt).toBe('2026-06-01T12:34:56.789Z');
  });

  it('loses nothing: every record comes back equal, optional fields included', () => {
    const { themes, annotations } = sample();
    const parsed = AnnotationExportSchema.parse(JSON.parse(exportJson({ themes, annotations, exportedAt: EXPORTED_AT, scope: 'all' }).text));
    const byId = <T extends { id: string }>(records: readonly T[]) => [...records].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(parsed.themes).toEqual(byId(themes));
    expect(byId(parsed.annotations)).toEqual(byId(annotations));
  });

  it('keeps HTML, script and unusual characters in notes and labels as text', () => {
    const note = '<script>alert("x")</script> & <b>bold</b>\n"quoted", tab\there, emoji 🙂, \u2028 separator';
    const label = '<img src=x onerror=alert(1)> "Oversight" & co';
    const parsed = AnnotationExportSchema.parse(
      JSON.parse(exportJson({ themes: [theme({ label })], annotations: [annotation({ note })], exportedAt: EXPORTED_AT, scope: 'page' }).text),
    );
    expect(parsed.annotations[0]?.note).toBe(note);
    expect(parsed.themes[0]?.label).toBe(label);
  });

  it('orders themes by id and annotations by page, start, then id', () => {
    const { themes, annotations } = sample();
    const doc = buildAnnotationExport({ themes, annotations, exportedAt: EXPORTED_AT });
    expect(doc.themes.map((t) => t.id)).toEqual(['oversight', 'voice']);
    expect(doc.annotations.map((a) => a.id)).toEqual(['a1', 'a9', 'a0', 'b2']);
    // The reader's order of themes on one passage is theirs to keep.
    expect(doc.annotations[3]?.themeIds).toEqual(['voice', 'oversight']);
  });

  it('orders by code units, not by locale', () => {
    const annotations = [annotation({ id: 'b', url: 'https://x.example/a' }), annotation({ id: 'a', url: 'https://x.example/B' })];
    expect(buildAnnotationExport({ themes: [], annotations, exportedAt: EXPORTED_AT }).annotations.map((a) => a.id)).toEqual(['a', 'b']);
  });

  it('gives the same text whatever order or key order the records arrive in', () => {
    const { themes, annotations } = sample();
    const reordered = (record: object) => Object.fromEntries(Object.entries(record).reverse());
    const shuffledThemes = [...themes].reverse().map((t) => reordered(t) as Theme);
    const shuffledAnnotations = [...annotations]
      .reverse()
      .map((a) => ({ ...(reordered(a) as Annotation), quote: reordered(a.quote) as Annotation['quote'], position: reordered(a.position) as Annotation['position'] }));
    const first = exportJson({ themes, annotations, exportedAt: EXPORTED_AT, scope: 'all' }).text;
    const second = exportJson({ themes: shuffledThemes, annotations: shuffledAnnotations, exportedAt: EXPORTED_AT, scope: 'all' }).text;
    expect(second).toBe(first);
  });

  it('writes keys in the schema order', () => {
    const { themes, annotations } = sample();
    const doc = JSON.parse(exportJson({ themes, annotations, exportedAt: EXPORTED_AT, scope: 'all' }).text) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['format', 'version', 'exportedAt', 'themes', 'annotations']);
    const [firstTheme] = doc['themes'] as Record<string, unknown>[];
    const voice = (doc['themes'] as Record<string, unknown>[])[1];
    expect(Object.keys(firstTheme ?? {})).toEqual(['id', 'label', 'color', 'keywords', 'createdAt', 'updatedAt']);
    expect(Object.keys(voice ?? {})).toEqual(['id', 'label', 'color', 'description', 'keywords', 'createdAt', 'updatedAt', 'lastUsedAt']);
    // Absent optional fields are absent keys, not keys holding undefined, in the object as in the text.
    const built = buildAnnotationExport({ themes, annotations, exportedAt: EXPORTED_AT });
    expect(Object.keys(built.themes[0] ?? {})).toEqual(Object.keys(firstTheme ?? {}));
    const [first] = doc['annotations'] as Record<string, Record<string, unknown>>[];
    expect(Object.keys(first ?? {})).toEqual(['id', 'url', 'title', 'quote', 'position', 'themeIds', 'note', 'createdAt', 'updatedAt']);
    expect(Object.keys(first?.['quote'] ?? {})).toEqual(['exact', 'prefix', 'suffix']);
    expect(Object.keys(first?.['position'] ?? {})).toEqual(['start', 'end']);
  });

  it('drops keys the schema does not know, so stray fields never leak into a file', () => {
    const stray = { ...annotation(), internal: 'cache' } as Annotation;
    const doc = JSON.parse(exportJson({ themes: [], annotations: [stray], exportedAt: EXPORTED_AT, scope: 'page' }).text) as { annotations: object[] };
    expect(doc.annotations[0]).not.toHaveProperty('internal');
  });

  it('round-trips: exporting what an export holds gives the same text apart from exportedAt', () => {
    const { themes, annotations } = sample();
    const first = exportJson({ themes, annotations, exportedAt: EXPORTED_AT, scope: 'all' }).text;
    const imported = AnnotationExportSchema.parse(JSON.parse(first));
    const later = new Date('2027-01-01T00:00:00.000Z');
    const second = exportJson({ themes: imported.themes, annotations: imported.annotations, exportedAt: later, scope: 'all' }).text;
    expect(second).not.toBe(first);
    expect(second.replace('2027-01-01T00:00:00.000Z', '2026-06-01T12:34:56.789Z')).toBe(first);
  });

  it('exports an empty store as a valid, empty file', () => {
    const parsed = AnnotationExportSchema.parse(JSON.parse(exportJson({ themes: [], annotations: [], exportedAt: EXPORTED_AT, scope: 'filtered' }).text));
    expect(parsed.themes).toEqual([]);
    expect(parsed.annotations).toEqual([]);
  });
});
