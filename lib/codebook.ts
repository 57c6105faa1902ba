/**
 * The reader's codebook as a tagging aid: which themes to offer for a selected passage, how a
 * typed label becomes a new theme, and how the theme picker narrows as the reader types. Pure
 * functions over `Theme` records, so the popup, the in-page panel and tests share one behaviour.
 */
import { ThemeSchema, type Theme } from './schema.ts';

/** How many suggestions the tag picker shows before the reader has to search. */
const DEFAULT_SUGGESTION_LIMIT = 5;

/**
 * Colours for themes the reader adds. None is a default theme's colour, so a new theme never
 * looks like an existing default one.
 */
export const THEME_PALETTE: readonly string[] = [
  '#e41a1c',
  '#377eb8',
  '#4daf4a',
  '#984ea3',
  '#d95f02',
  '#a65628',
  '#1b9e77',
  '#7570b3',
  '#e7298a',
  '#66a61e',
  '#b8860b',
  '#2f4f4f',
];

/**
 * Text as the matcher compares it: NFKC, lower case, one kind of apostrophe (PDFs and news sites
 * use curly ones, keywords straight ones), one kind of hyphen, no soft hyphens, and any run of
 * white space (line breaks of a PDF copy) as one space, since keywords span words.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc\u2032`\u00b4]/g, "'")
    .replace(/[\u2010\u2011]/g, '-')
    .replace(/\u00ad/g, '')
    .replace(/\s+/g, ' ');
}

/** A word starts where the previous character is not part of a word (letters, digits, apostrophes). */
function isWordStart(text: string, index: number): boolean {
  return index === 0 || !/[\p{L}\p{N}']/u.test(text[index - 1] ?? '');
}

/** Where `needle` occurs in `haystack` at a word start; both already folded. */
function wordStartOccurrences(haystack: string, needle: string): number[] {
  const found: number[] = [];
  if (needle === '') return found;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
    if (isWordStart(haystack, at)) found.push(at);
  }
  return found;
}

interface KeywordScore {
  theme: Theme;
  order: number;
  hits: number;
  chars: number;
}

/**
 * Counts a theme's keyword hits in a folded passage. Where two of its keywords overlap
 * ("management oversight" and "oversight") the longer one counts and the shorter does not, so a
 * theme is not rewarded for listing a phrase and its own last word.
 */
function scoreTheme(passage: string, theme: Theme, order: number): KeywordScore {
  const spans: { start: number; end: number }[] = [];
  for (const keyword of theme.keywords) {
    const folded = foldText(keyword).trim();
    for (const start of wordStartOccurrences(passage, folded)) spans.push({ start, end: start + folded.length });
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  let reached = 0;
  let hits = 0;
  let chars = 0;
  for (const span of spans) {
    if (span.start < reached) continue;
    reached = span.end;
    hits += 1;
    chars += span.end - span.start;
  }
  return { theme, order, hits, chars };
}

function lastUsed(theme: Theme): number {
  return theme.lastUsedAt === undefined ? Number.NEGATIVE_INFINITY : Date.parse(theme.lastUsedAt);
}

/**
 * Themes to offer for a passage, best first, at most `limit`, each once.
 *
 * First the themes whose keywords occur in the passage (a keyword is a lower-case prefix that
 * must start a word; case, apostrophe and hyphen forms do not matter), ranked by:
 *  1. more keyword hits (overlapping hits of one theme count once, the longest),
 *  2. then more matched characters, since a longer keyword is a more specific signal,
 *  3. then the more recently used theme, since the reader is likely still on it,
 *  4. then codebook order.
 * Then, to fill up, the themes the reader used most recently that did not match.
 */
export function suggestThemes(themes: readonly Theme[], passage: string, limit: number = DEFAULT_SUGGESTION_LIMIT): Theme[] {
  const folded = foldText(passage);
  const byKeyword = themes
    .map((theme, order) => scoreTheme(folded, theme, order))
    .filter((score) => score.hits > 0)
    .sort((a, b) => b.hits - a.hits || b.chars - a.chars || lastUsed(b.theme) - lastUsed(a.theme) || a.order - b.order);
  const recent = themes.filter((theme) => theme.lastUsedAt !== undefined).sort((a, b) => lastUsed(b) - lastUsed(a));
  const suggestions: Theme[] = [];
  const offered = new Set<string>();
  for (const theme of [...byKeyword.map((score) => score.theme), ...recent]) {
    if (offered.has(theme.id)) continue;
    offered.add(theme.id);
    suggestions.push(theme);
  }
  return suggestions.slice(0, Math.max(0, limit));
}

/** The id a label would get before uniqueness: ASCII letters and digits joined by hyphens. */
export function slugify(label: string): string {
  const slug = label
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  return slug === '' ? 'theme' : slug;
}

/** The first palette colour no theme uses; when all are taken, the least used one. */
export function nextThemeColor(existing: readonly Theme[]): string {
  const uses = new Map<string, number>();
  for (const theme of existing) uses.set(theme.color.toLowerCase(), (uses.get(theme.color.toLowerCase()) ?? 0) + 1);
  let best = THEME_PALETTE[0] ?? '#777777';
  let bestUses = Number.POSITIVE_INFINITY;
  for (const color of THEME_PALETTE) {
    const count = uses.get(color) ?? 0;
    if (count < bestUses) {
      best = color;
      bestUses = count;
    }
  }
  return best;
}

/**
 * A new theme from the label the reader typed. The id is the label's slug, suffixed `-2`, `-3`,
 * ... when taken, and never changes afterwards even if the label does, so tags stay attached.
 * Throws when the label is empty or too long for the schema.
 */
export function createTheme(label: string, existing: readonly Theme[], now: Date): Theme {
  const cleaned = label.trim().replace(/\s+/g, ' ');
  if (cleaned === '') throw new Error('A theme needs a label.');
  const taken = new Set(existing.map((theme) => theme.id));
  const base = slugify(cleaned);
  let id = base;
  for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
  const at = now.toISOString();
  const parsed = ThemeSchema.safeParse({
    id,
    label: cleaned,
    color: nextThemeColor(existing),
    keywords: [],
    createdAt: at,
    updatedAt: at,
  });
  if (!parsed.success) throw new Error(`Cannot create a theme from "${cleaned}": ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

/**
 * Themes matching what the reader has typed into the picker: those with a word of the label
 * starting with the query first (typing "sup" finds "Management oversight and supervision"),
 * then those containing it elsewhere; each group keeps the order it was given in.
 * An empty query matches every theme.
 */
export function filterThemes(themes: readonly Theme[], query: string): Theme[] {
  const needle = foldText(query).trim();
  if (needle === '') return [...themes];
  const atWordStart: Theme[] = [];
  const inside: Theme[] = [];
  for (const theme of themes) {
    const label = foldText(theme.label);
    if (wordStartOccurrences(label, needle).length > 0) atWordStart.push(theme);
    else if (label.includes(needle)) inside.push(theme);
  }
  return [...atWordStart, ...inside];
}
