/**
 * Fixture texts as a page would hand them to the text model: each blank-line paragraph a block,
 * its lines and phrases split over text nodes as inline markup splits them, with the stray
 * whitespace and no-break spaces pages are full of. Plus an independent, regex-based statement
 * of the normalisation, for the model's output to be checked against.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TextChunk } from '../../lib/text-model.ts';

const SEEDS = join(import.meta.dirname, '../../../shared/seeds');

/** The seed page texts, by file name. */
export function seedTexts(): { file: string; text: string }[] {
  return readdirSync(SEEDS)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => ({ file, text: readFileSync(join(SEEDS, file), 'utf8') }));
}

/** A small deterministic generator, so a failing case can be replayed. */
export function randomFrom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

/** The paragraphs of a plain text: blocks separated by blank lines. */
export function paragraphsOf(raw: string): string[] {
  return raw.split(/\n[ \t]*\n/).filter((p) => p.trim() !== '');
}

/**
 * `raw` as text nodes: a paragraph's first node starts a block; lines and words are split over
 * nodes at random, and some gaps get extra spaces, a no-break space, a tab or an empty node.
 */
export function chunksOf(raw: string, seed = 1): TextChunk[] {
  const random = randomFrom(seed);
  const chunks: TextChunk[] = [];
  for (const paragraph of paragraphsOf(raw)) {
    let breakBefore = true;
    for (const piece of paragraph.split(/(?<=\s)(?=\S)/)) {
      const r = random();
      const text = r < 0.05 ? `${piece}\u00a0 ` : r < 0.1 ? `${piece}\t` : piece;
      if (breakBefore || random() < 0.3) chunks.push({ text, breakBefore });
      else chunks[chunks.length - 1]!.text += text;
      if (random() < 0.02) chunks.push({ text: random() < 0.5 ? '' : ' \n ', breakBefore: false });
      breakBefore = false;
    }
  }
  return chunks;
}

/** The documented normalisation of `raw` read as `chunksOf` reads it, stated with regexes. */
export function normalisedParagraphs(raw: string): string {
  return paragraphsOf(raw)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '')
    .join('\n');
}
