import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTextModel, isSpace, normaliseText, type TextChunk, type TextModel } from '../../lib/text-model.ts';
import { REPORTS_DIR, reportText } from '../support/pdf-text.ts';
import { chunksOf, normalisedParagraphs, randomFrom, seedTexts } from '../support/text-chunks.ts';

const REPORTS = ['barnet-2019-ilacs.pdf', 'lancashire-2026-ilacs.pdf'];
const texts: { name: string; raw: string }[] = seedTexts().map(({ file, text }) => ({ name: file, raw: text }));

beforeAll(async () => {
  for (const file of REPORTS) texts.push({ name: file, raw: await reportText(join(REPORTS_DIR, file)) });
});

/** The page text between two chunk points, as chunks of its own. */
function between(chunks: readonly TextChunk[], from: { chunk: number; offset: number }, to: { chunk: number; offset: number }): TextChunk[] {
  const out: TextChunk[] = [];
  for (let c = from.chunk; c <= to.chunk; c++) {
    const { text, breakBefore } = chunks[c]!;
    const start = c === from.chunk ? from.offset : 0;
    const end = c === to.chunk ? to.offset : text.length;
    out.push({ text: text.slice(start, end), breakBefore: c !== from.chunk && breakBefore });
  }
  return out;
}

describe('normalisation', () => {
  it('collapses each whitespace run to a space and each block boundary to a line feed', () => {
    const model = buildTextModel([
      { text: ' \n Inspection\u00a0of \t Barnet ', breakBefore: true },
      { text: 'local ', breakBefore: false },
      { text: '', breakBefore: false },
      { text: 'authority', breakBefore: false },
      { text: '  ', breakBefore: true },
      { text: '\u2003', breakBefore: true },
      { text: 'Overall', breakBefore: true },
      { text: ' effectiveness:', breakBefore: false },
      { text: 'Good', breakBefore: true },
      { text: '\r\n', breakBefore: false },
    ]);
    expect(model.text).toBe('Inspection of Barnet local authority\nOverall effectiveness:\nGood');
  });

  it('keeps words split over text nodes whole, and everything else as it is', () => {
    expect(buildTextModel([
      { text: 'not ', breakBefore: false },
      { text: 'al', breakBefore: false },
      { text: 'ways', breakBefore: false },
      { text: ' Children’s CAFÉ 😀', breakBefore: false },
    ]).text).toBe('not always Children’s CAFÉ 😀');
  });

  it('counts as whitespace exactly what \\s matches', () => {
    const wrong: number[] = [];
    for (let code = 0; code < 65536; code++) {
      if (isSpace(code) !== /\s/.test(String.fromCharCode(code))) wrong.push(code);
    }
    expect(wrong).toEqual([]);
  });

  it('gives empty text for a page with no words', () => {
    expect(buildTextModel([]).text).toBe('');
    expect(buildTextModel([{ text: ' \n\u00a0', breakBefore: true }, { text: '', breakBefore: true }]).text).toBe('');
    expect(normaliseText('  a  b  ')).toBe('a b');
  });

  it('reads the seed pages and reports as the documented rules say', () => {
    expect(texts.length).toBe(7);
    for (const { name, raw } of texts) {
      const model = buildTextModel(chunksOf(raw, name.length));
      expect(model.text, name).toBe(normalisedParagraphs(raw));
    }
    const barnet = buildTextModel(chunksOf(texts.find((t) => t.name === 'barnet-2019-ilacs.pdf')!.raw)).text;
    expect(barnet).toContain(
      '\n3. Children receive appropriate support and interventions from the out-of-hours emergency duty team, which is shared with another borough. Communication and handover',
    );
  });
});

describe('offset maps', () => {
  it('maps a span to the caret before its first and after its last character', () => {
    const chunks: TextChunk[] = [
      { text: 'The  quality', breakBefore: true },
      { text: ' of ', breakBefore: false },
      { text: 'practice', breakBefore: false },
      { text: 'Good', breakBefore: true },
    ];
    const model = buildTextModel(chunks);
    expect(model.text).toBe('The quality of practice\nGood');
    expect(model.locate(4, 11)).toEqual({ start: { chunk: 0, offset: 5 }, end: { chunk: 0, offset: 12 } });
    expect(model.locate(12, 23)).toEqual({ start: { chunk: 1, offset: 1 }, end: { chunk: 2, offset: 8 } });
    // A trailing collapsed space ends after its first page character; a bare block boundary
    // starts after the text before it and ends before the text after it.
    expect(model.locate(0, 4)).toEqual({ start: { chunk: 0, offset: 0 }, end: { chunk: 0, offset: 4 } });
    expect(model.locate(11, 12)).toEqual({ start: { chunk: 1, offset: 0 }, end: { chunk: 1, offset: 1 } });
    expect(model.locate(20, 24)).toEqual({ start: { chunk: 2, offset: 5 }, end: { chunk: 3, offset: 0 } });
    expect(model.locate(23, 28)).toEqual({ start: { chunk: 2, offset: 8 }, end: { chunk: 3, offset: 4 } });
    expect(model.locate(24, 28)).toEqual({ start: { chunk: 3, offset: 0 }, end: { chunk: 3, offset: 4 } });
    expect(model.locate(3, 3)).toBeNull();
    expect(model.locate(-1, 3)).toBeNull();
    expect(model.locate(20, 29)).toBeNull();
  });

  it('maps spans up to the last character of a page whose blocks meet with no whitespace between them', () => {
    // Each boundary adds a line feed that replaces no page text: the text is longer than the page's.
    const chunks: TextChunk[] = ['Grade', 'Good', 'Cell A', 'Cell B'].map((text) => ({ text, breakBefore: true }));
    const model = buildTextModel(chunks);
    expect(model.text).toBe('Grade\nGood\nCell A\nCell B');
    expect(model.locate(18, 24)).toEqual({ start: { chunk: 3, offset: 0 }, end: { chunk: 3, offset: 6 } });
    expect(model.locate(0, 24)).toEqual({ start: { chunk: 0, offset: 0 }, end: { chunk: 3, offset: 6 } });
    expect(model.offsetOf(3, 6)).toBe(24);
    expect(model.offsetOf(3, 3)).toBe(21);
  });

  it('maps a caret in the page to the normalised offset, after any collapsed space it is in', () => {
    const model = buildTextModel([
      { text: '  The  quality', breakBefore: true },
      { text: '', breakBefore: false },
      { text: 'Good ', breakBefore: true },
    ]);
    expect(model.text).toBe('The quality\nGood');
    expect(model.offsetOf(0, 0)).toBe(0);
    expect(model.offsetOf(0, 2)).toBe(0);
    expect(model.offsetOf(0, 5)).toBe(3);
    expect(model.offsetOf(0, 6)).toBe(4);
    expect(model.offsetOf(0, 7)).toBe(4);
    expect(model.offsetOf(0, 14)).toBe(11);
    expect(model.offsetOf(1, 0)).toBe(11);
    expect(model.offsetOf(2, 0)).toBe(12);
    expect(model.offsetOf(2, 1)).toBe(13);
    expect(model.offsetOf(2, 4)).toBe(16);
    expect(model.offsetOf(2, 5)).toBe(16);
    expect(model.offsetOf(2, 99)).toBe(16);
    expect(model.offsetOf(3, 0)).toBe(16);
    expect(model.offsetOf(-1, 0)).toBe(0);
  });

  it('round-trips spans of the real texts through page carets', () => {
    for (const { name, raw } of texts) {
      const chunks = chunksOf(raw, 7 * name.length);
      const model = buildTextModel(chunks);
      const { text } = model;
      const random = randomFrom(name.length);
      for (let trial = 0; trial < 400; trial++) {
        const start = Math.floor(random() * (text.length - 1));
        const end = Math.min(text.length, start + 1 + Math.floor(random() * 600));
        const at = model.locate(start, end)!;
        const span = text.slice(start, end);
        // The page text between the carets reads as the span, whitespace aside at its ends.
        expect(buildTextModel(between(chunks, at.start, at.end)).text, name).toBe(span.trim());
        expect(model.offsetOf(at.start.chunk, at.start.offset), name).toBe(start);
        expect(model.offsetOf(at.end.chunk, at.end.offset), name).toBe(end);
      }
    }
  });

  it('builds a 1 MB page in linear time', () => {
    const chunks: TextChunk[] = [];
    for (let size = 0, i = 0; size < 1_000_000; i++) {
      const { raw } = texts[i % texts.length]!;
      for (const chunk of chunksOf(raw, i)) {
        chunks.push(chunk);
        size += chunk.text.length;
      }
    }
    const started = performance.now();
    const model: TextModel = buildTextModel(chunks);
    const ms = performance.now() - started;
    expect(model.text.length).toBeGreaterThan(900_000);
    expect(ms).toBeLessThan(250);
  });
});
