import { describe, expect, it } from 'vitest';
import { exportFileName } from '../../lib/export-file.ts';
import { exportW3c } from '../../lib/export-w3c.ts';
import type { Annotation, Theme } from '../../lib/schema.ts';
import { EXPORTED_AT, annotation, sample, theme } from './export-support.ts';

/** The file's text parsed as plain JSON, so the tests check what another tool would read. */
function parsed(themes: Theme[], annotations: Annotation[]) {
  const file = exportW3c({ themes, annotations, exportedAt: EXPORTED_AT, scope: 'filtered' });
  return { file, doc: JSON.parse(file.text) as Record<string, any> };
}

describe('W3C Web Annotation export', () => {
  it('is a JSON-LD annotation collection with every annotation on its page', () => {
    const { themes, annotations } = sample();
    const { file, doc } = parsed(themes, annotations);
    expect(file.fileName).toBe(exportFileName('filtered', EXPORTED_AT, 'w3c'));
    expect(file.fileName.endsWith('.jsonld')).toBe(true);
    expect(file.mimeType).toBe('application/ld+json;profile="http://www.w3.org/ns/anno.jsonld"');
    expect(doc['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(doc['type']).toBe('AnnotationCollection');
    expect(doc['id']).toBe('urn:inspection-lens:collection:filtered:2026-06-01T12:34:56.789Z');
    expect(doc['total']).toBe(4);
    expect(doc['first'].type).toBe('AnnotationPage');
    expect(doc['first'].id).toMatch(/^urn:inspection-lens:collection:/);
    expect(doc['first'].items.map((item: { id: string }) => item.id)).toEqual(
      ['a1', 'a9', 'a0', 'b2'].map((id) => `urn:inspection-lens:annotation:${id}`),
    );
  });

  it('maps every field of each annotation to the model', () => {
    const { themes, annotations } = sample();
    const { doc } = parsed(themes, annotations);
    const labels = new Map(themes.map((t) => [t.id, t.label]));
    const byId = new Map(annotations.map((a) => [`urn:inspection-lens:annotation:${a.id}`, a]));
    for (const item of doc['first'].items) {
      const source = byId.get(item.id);
      if (source === undefined) throw new Error(`unexpected id ${item.id}`);
      expect(item.type).toBe('Annotation');
      expect(item.motivation).toBe('tagging');
      expect(item.created).toBe(source.createdAt);
      expect(item.modified).toBe(source.updatedAt);
      const tags = item.body.filter((body: { purpose: string }) => body.purpose === 'tagging');
      expect(tags).toEqual(
        source.themeIds.map((id) => ({ id: `urn:inspection-lens:theme:${id}`, type: 'TextualBody', purpose: 'tagging', value: labels.get(id), format: 'text/plain' })),
      );
      const comments = item.body.filter((body: { purpose: string }) => body.purpose === 'commenting');
      expect(comments).toEqual(source.note === '' ? [] : [{ type: 'TextualBody', purpose: 'commenting', value: source.note, format: 'text/plain' }]);
      expect(item.body).toHaveLength(tags.length + comments.length);
      expect(item.target).toEqual({
        source: source.url,
        selector: [
          { type: 'TextQuoteSelector', exact: source.quote.exact, prefix: source.quote.prefix, suffix: source.quote.suffix },
          { type: 'TextPositionSelector', start: source.position.start, end: source.position.end },
        ],
      });
    }
  });

  it('uses the id as the label of a theme that is no longer in the codebook', () => {
    const { doc } = parsed([], [annotation({ themeIds: ['gone'], note: '' })]);
    expect(doc['first'].items[0].body).toEqual([
      { id: 'urn:inspection-lens:theme:gone', type: 'TextualBody', purpose: 'tagging', value: 'gone', format: 'text/plain' },
    ]);
  });

  it('keeps HTML and script in notes and labels as text', () => {
    const note = '<script>alert("x")</script>\n<b>bold</b> & "quotes"';
    const label = '<img src=x onerror=alert(1)>';
    const { doc } = parsed([theme({ label })], [annotation({ note })]);
    const values = doc['first'].items[0].body.map((body: { value: string }) => body.value);
    expect(values).toEqual([label, note]);
  });

  it('gives the same text whatever order the records arrive in', () => {
    const { themes, annotations } = sample();
    const input = { exportedAt: EXPORTED_AT, scope: 'all' as const };
    expect(exportW3c({ ...input, themes: [...themes].reverse(), annotations: [...annotations].reverse() }).text).toBe(
      exportW3c({ ...input, themes, annotations }).text,
    );
  });
});
