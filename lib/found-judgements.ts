/**
 * Packs judgements for the trip from the background, where the matching runs, to the page that
 * paints them (FoundJudgementsSchema), and unpacks them there, refusing anything that is not
 * whole triples of a range within the text and a known tone.
 */
import { FoundJudgementsSchema, TONES, type FoundJudgements, type Judgement } from './schema.ts';

export function packJudgements(found: Judgement[]): FoundJudgements {
  const packed: number[] = [];
  for (const { start, end, tone } of found) packed.push(start, end, TONES.indexOf(tone));
  return packed;
}

/** The judgements in `raw`, a reply about a text of `length` code units; throws on anything else. */
export function unpackJudgements(raw: unknown, length: number): Judgement[] {
  const packed = FoundJudgementsSchema.parse(raw);
  const found: Judgement[] = [];
  for (let i = 0; i < packed.length; i += 3) {
    const start = packed[i]!;
    const end = packed[i + 1]!;
    const tone = TONES[packed[i + 2]!];
    if (tone === undefined || start >= end || end > length) throw new Error(`Judgement ${i / 3} is not a phrase of the text.`);
    found.push({ start, end, tone });
  }
  return found;
}
