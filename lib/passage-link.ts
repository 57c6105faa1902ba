/**
 * A link to an annotated passage: the page's URL with a text fragment (`#:~:text=`), which
 * Chromium and Firefox resolve themselves when the page opens, scrolling to the passage and
 * marking it. So the side panel can open a page at a passage on any site, even one where the
 * extension is not running until the reader asks, and the page is never told anything.
 *
 * A text fragment names text the browser must find within single blocks, so each of its terms
 * stays inside one line of the annotation's normalised text (see text-model.ts): the passage's
 * first words and its last words (`textStart,textEnd`), and a few words of context either side
 * (`prefix-,` and `,-suffix`) so that a passage the page repeats is found where it was tagged.
 * When the page has changed and the browser cannot find the text, it simply opens at the top.
 */
import type { Annotation } from './schema.ts';

/** Words in each term: enough to be distinctive, few enough to survive small edits. */
const TERM_WORDS = 5;
const CONTEXT_WORDS = 3;

/** Encodes a term: percent-encoding, plus the three characters a text directive reserves. */
const term = (words: string[]) => encodeURIComponent(words.join(' ')).replace(/-/g, '%2D').replace(/,/g, '%2C').replace(/&/g, '%26');

const wordsOf = (line: string) => line.split(' ').filter((w) => w !== '');

/**
 * The page's URL with a text fragment for the passage, or the plain URL when the passage has no
 * whole word to name. A browser matches each term at word boundaries, so a word the selection or
 * the stored context cut in two is left out.
 */
export function passageLink(annotation: Pick<Annotation, 'url' | 'quote'>): string {
  const { exact, prefix, suffix } = annotation.quote;
  const url = new URL(annotation.url);
  url.hash = '';
  const startsInWord = /\S$/.test(prefix) && /^\S/.test(exact);
  const endsInWord = /^\S/.test(suffix) && /\S$/.test(exact);
  const lines = exact.split('\n').map(wordsOf);
  if (startsInWord) lines[0] = lines[0]!.slice(1);
  if (endsInWord) lines[lines.length - 1] = lines.at(-1)!.slice(0, -1);
  const first = lines[0]!;
  const last = lines.at(-1)!;
  if (first.length === 0 || last.length === 0) return url.href;
  const passage =
    lines.length === 1 && first.length <= 2 * TERM_WORDS ? [term(first)] : [term(first.slice(0, TERM_WORDS)), term(last.slice(-TERM_WORDS))];
  // Context counts only when no block boundary stands between it and the passage; its outer
  // word may be one its 32 characters cut, unless a block boundary starts or ends it.
  const beforeLines = prefix.split('\n');
  const before = startsInWord || prefix.endsWith('\n') ? [] : wordsOf(beforeLines.at(-1)!).slice(beforeLines.length === 1 ? 1 : 0).slice(-CONTEXT_WORDS);
  const afterLines = suffix.split('\n');
  const after = endsInWord || suffix.startsWith('\n') ? [] : wordsOf(afterLines[0]!).slice(0, afterLines.length === 1 ? -1 : undefined).slice(0, CONTEXT_WORDS);
  const parts = [...(before.length > 0 ? [`${term(before)}-`] : []), ...passage, ...(after.length > 0 ? [`-${term(after)}`] : [])];
  return `${url.href}#:~:text=${parts.join(',')}`;
}
