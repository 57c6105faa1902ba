/**
 * The single source of truth for Inspection Lens data types. Every type that crosses a boundary
 * (stored record, message, lexicon file, export) is a zod schema here and its TypeScript type is
 * `z.infer` of it, so validation and types cannot drift apart.
 *
 * `zod/mini` keeps the content script small (it is loaded on every matched page); entrypoints
 * call `z.config({ jitless: true })` so no validator is compiled with `new Function`, which
 * strict-CSP pages and `web-ext lint` reject.
 */
import * as z from 'zod/mini';

/** The three tones of Ofsted judgement language. */
export const ToneSchema = z.enum(['strength', 'concern', 'mixed']);
export type Tone = z.infer<typeof ToneSchema>;
export const TONES: readonly Tone[] = ToneSchema.options;

/**
 * The judgement lexicon. Phrases are written as readers see them; a word may carry suffix
 * alternatives in brackets, `strength(s)` or `weak(ness|nesses)`, so inflection is data, not code.
 */
export const LexiconSchema = z.object({
  /** Phrases that carry a verdict by themselves. */
  strength: z.array(z.string()),
  concern: z.array(z.string()),
  mixed: z.array(z.string()),
  /**
   * Praise words with no signal of their own ("effective", "timely") that become a concern when
   * negated ("not sufficiently effective", "lack of timely").
   */
  negatable: z.array(z.string()),
  /** Words preceding a strength or negatable word that turn it into a concern. */
  negators: z.array(z.string()),
  /** How many words before the praised word a negator may stand. */
  negationWindow: z.int().check(z.minimum(1), z.maximum(6)),
  /** Phrases that contain verdict words but are not verdicts ("poor mental health"). */
  falseFriends: z.array(z.string()),
  /**
   * Grades and their tone. A grade counts only in a grade statement: after a lead such as
   * "judged", as a line or table cell of its own, or at the end of a heading after a colon.
   */
  grades: z.array(z.object({ phrase: z.string(), tone: ToneSchema })),
  gradeLeads: z.array(z.string()),
});
export type Lexicon = z.infer<typeof LexiconSchema>;

/** One piece of judgement language found in a text: [start, end) in UTF-16 code units. */
export const JudgementSchema = z.object({
  start: z.int().check(z.nonnegative()),
  end: z.int().check(z.nonnegative()),
  tone: ToneSchema,
});
export type Judgement = z.infer<typeof JudgementSchema>;

/**
 * Judgements as they cross from the background to a page: flat, three non-negative integers
 * each (start, end, tone as its index in TONES), because a page checks thousands of them on its
 * own thread and a flat array of numbers is the cheapest thing to send. For the same reason it
 * is checked in one plain loop rather than element by element through `z.array`, which costs a
 * long report's page several milliseconds. See found-judgements.ts.
 */
export const FoundJudgementsSchema = z.custom<number[]>(
  (raw) => {
    if (!Array.isArray(raw) || raw.length % 3 !== 0) return false;
    for (const x of raw as unknown[]) if (!Number.isSafeInteger(x) || (x as number) < 0) return false;
    return true;
  },
  'Judgements come as whole triples of non-negative integers: start, end and tone.',
);
export type FoundJudgements = z.infer<typeof FoundJudgementsSchema>;

export const ToneCountsSchema = z.object({
  strength: z.int().check(z.nonnegative()),
  concern: z.int().check(z.nonnegative()),
  mixed: z.int().check(z.nonnegative()),
});
export type ToneCounts = z.infer<typeof ToneCountsSchema>;

/**
 * What the highlighter in one frame is doing. `stopped` carries the reason the extension gave up
 * early on a hostile page, so the popup can say so instead of the tab freezing.
 */
export const HighlighterStatusSchema = z.object({
  counts: ToneCountsSchema,
  visible: z.boolean(),
  state: z.enum(['scanning', 'done', 'stopped']),
  reason: z.optional(z.string()),
});
export type HighlighterStatus = z.infer<typeof HighlighterStatusSchema>;

/**
 * The saved annotations of the page at `url` (any page, when absent) changed somewhere else: in
 * another tab or in the side panel. The background sends it to tabs, which re-read theirs; the
 * side panel, which writes to the store directly, sends it to the background to pass on.
 */
const AnnotationsChangedSchema = z.object({ type: z.literal('annotations/changed'), url: z.optional(z.string()) });

/** Messages the popup, side panel and background send to the content script of a tab. */
export const TabMessageSchema = z.discriminatedUnion('type', [
  /** Start highlighting now, whatever the site: the reader asked for it. */
  z.object({ type: z.literal('judgements/activate') }),
  z.object({ type: z.literal('judgements/get-status') }),
  z.object({ type: z.literal('judgements/set-visible'), visible: z.boolean() }),
  /** The reader pressed the tagging shortcut: open the toolbar for the current selection. */
  z.object({ type: z.literal('annotations/open-toolbar') }),
  /** The side panel lists the page's judgement phrases (answered with a JudgementList). */
  z.object({ type: z.literal('judgements/list') }),
  /** Scroll to and flash the phrase at `index` of the last list. */
  z.object({ type: z.literal('judgements/reveal'), index: z.int().check(z.nonnegative()) }),
  /** Which of the page's saved annotations are placed and which are orphans (a PageState). */
  z.object({ type: z.literal('annotations/page-state') }),
  AnnotationsChangedSchema,
]);
export type TabMessage = z.infer<typeof TabMessageSchema>;

/** One judgement phrase as the side panel shows it: its words and the sentence around them. */
export const JudgementPhraseSchema = z.object({
  tone: ToneSchema,
  text: z.string(),
  sentence: z.string(),
});
export type JudgementPhrase = z.infer<typeof JudgementPhraseSchema>;

/** The page's judgement phrases in reading order; a phrase's index is what `reveal` takes. */
export const JudgementListSchema = z.object({ phrases: z.array(JudgementPhraseSchema) });
export type JudgementList = z.infer<typeof JudgementListSchema>;

// Annotations: passages a reader tagged to themes of their codebook.

/** An ISO 8601 UTC timestamp, as stored and exported: `2026-11-22T19:30:00.000Z`. */
export const TimestampSchema = z.string().check(
  z.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?Z$/, 'expected an ISO 8601 UTC time'),
);
export type Timestamp = z.infer<typeof TimestampSchema>;

/** A stable id: labels may change, ids never do. */
export const IdSchema = z.string().check(z.minLength(1), z.maxLength(128), z.regex(/^[A-Za-z0-9_-]+$/));

export const ThemeSchema = z.object({
  id: IdSchema,
  label: z.string().check(z.minLength(1), z.maxLength(200)),
  /** `#rrggbb`. */
  color: z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/)),
  description: z.optional(z.string().check(z.maxLength(2000))),
  /** Lower-case word prefixes that suggest the theme for a passage containing one. */
  keywords: z.array(z.string().check(z.maxLength(200))),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  /** When a passage was last tagged with it, so suggestions can offer recent themes. */
  lastUsedAt: z.optional(TimestampSchema),
});
export type Theme = z.infer<typeof ThemeSchema>;

/** The longest passage a reader may tag, in characters. */
export const MAX_PASSAGE_CHARS = 5000;

/**
 * A text-quote selector: the passage and about 32 characters either side of it, all in the
 * page's normalised text (see lib/page-text-model.ts).
 */
export const TextQuoteSchema = z.object({
  exact: z.string().check(z.minLength(1), z.maxLength(MAX_PASSAGE_CHARS)),
  prefix: z.string().check(z.maxLength(256)),
  suffix: z.string().check(z.maxLength(256)),
});
export type TextQuote = z.infer<typeof TextQuoteSchema>;

/** A text-position selector: [start, end) in UTF-16 code units of the page's normalised text. */
export const TextPositionSchema = z
  .object({ start: z.int().check(z.nonnegative()), end: z.int().check(z.nonnegative()) })
  .check(z.refine((p) => p.end > p.start, 'end must be after start'));
export type TextPosition = z.infer<typeof TextPositionSchema>;

export const AnnotationSchema = z.object({
  id: IdSchema,
  /** The page's normalised URL (see lib/page-identity.ts). */
  url: z.string().check(z.minLength(1), z.maxLength(4096)),
  title: z.string().check(z.maxLength(1000)),
  quote: TextQuoteSchema,
  position: TextPositionSchema,
  themeIds: z.array(IdSchema).check(z.minLength(1)),
  note: z.string().check(z.maxLength(20_000)),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Annotation = z.infer<typeof AnnotationSchema>;

/** A page the reader has annotated. */
export const PageRecordSchema = z.object({
  url: z.string().check(z.minLength(1), z.maxLength(4096)),
  title: z.string().check(z.maxLength(1000)),
  firstSeen: TimestampSchema,
  lastSeen: TimestampSchema,
});
export type PageRecord = z.infer<typeof PageRecordSchema>;

/** A reader's setting, stored as a key and a JSON value. */
export const SettingSchema = z.object({ key: z.string().check(z.minLength(1)), value: z.json() });
export type Setting = z.infer<typeof SettingSchema>;

// Messages. Content scripts cannot open the extension's database (IndexedDB there belongs to the
// page's origin), so they ask the background, and both ends validate what they receive.

const storeRequests = [
  /** The page's annotations and the reader's codebook. */
  z.object({ type: z.literal('annotations/for-page'), url: z.string().check(z.minLength(1)) }),
  /** Create or replace an annotation; answered only once the write has committed. */
  z.object({ type: z.literal('annotations/save'), annotation: AnnotationSchema }),
  /** Delete an annotation; the answer carries it, so the reader can undo. */
  z.object({ type: z.literal('annotations/delete'), id: IdSchema }),
  /** Put a deleted annotation back exactly as it was. */
  z.object({ type: z.literal('annotations/restore'), annotation: AnnotationSchema }),
  z.object({ type: z.literal('themes/save'), theme: ThemeSchema }),
] as const;

/** Requests a content script sends to the background about annotations and themes. */
export const StoreRequestSchema = z.discriminatedUnion('type', [...storeRequests]);
export type StoreRequest = z.infer<typeof StoreRequestSchema>;

/** Messages a content script (or, for `annotations/changed`, the side panel) sends to the background. */
export const ContentMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('judgements/status'), status: HighlighterStatusSchema }),
  /** Find the judgements in a page's text: matching runs in the background, off the page's thread. */
  z.object({ type: z.literal('judgements/find'), text: z.string() }),
  /** Inject the page UI into the sender's frame: the reader needs it for the first time. */
  z.object({ type: z.literal('ui/load') }),
  AnnotationsChangedSchema,
  ...storeRequests,
]);
export type ContentMessage = z.infer<typeof ContentMessageSchema>;

export const PageAnnotationsSchema = z.object({
  annotations: z.array(AnnotationSchema),
  themes: z.array(ThemeSchema),
});
export type PageAnnotations = z.infer<typeof PageAnnotationsSchema>;

/** The page's saved annotations by where they ended up: painted on the page, or orphaned. */
export const PageStateSchema = z.object({
  /** The page's normalised URL, under which its annotations are stored. */
  url: z.string(),
  placed: z.array(IdSchema),
  orphans: z.array(IdSchema),
});
export type PageState = z.infer<typeof PageStateSchema>;

/** What the background answers a store request: the value, or what went wrong. */
export const StoreReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type StoreReply = z.infer<typeof StoreReplySchema>;

// Exports: the reader's work as files other tools read.

/** The native export format's name, as written in every file. */
export const EXPORT_FORMAT = 'inspection-lens.annotations';

/**
 * The native, lossless JSON export (documented in the README). Version 1 is the only version so
 * far; an importer reads every version up to its own and refuses later ones by name.
 */
export const AnnotationExportSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(1),
  exportedAt: TimestampSchema,
  themes: z.array(ThemeSchema),
  annotations: z.array(AnnotationSchema),
});
export type AnnotationExport = z.infer<typeof AnnotationExportSchema>;

/** A file the reader chose, judged: the export it holds, or one sentence naming its first problem. */
export const ParsedExportSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), data: AnnotationExportSchema }),
  z.object({ ok: z.literal(false), message: z.string() }),
]);
export type ParsedExport = z.infer<typeof ParsedExportSchema>;

/**
 * What the side panel's import worker posts about a file, in order: that it has read it; for a file
 * it accepts, its annotations in parts; then its verdict, whose `data.annotations` is left empty
 * because they came in parts. The panel validates each message as it arrives, so parts keep each of
 * those checks short enough not to freeze the panel.
 */
export const ImportWorkerReplySchema = z.discriminatedUnion('step', [
  z.object({ step: z.literal('read') }),
  z.object({ step: z.literal('annotations'), annotations: z.array(AnnotationSchema) }),
  z.object({ step: z.literal('checked'), parsed: ParsedExportSchema }),
]);
export type ImportWorkerReply = z.infer<typeof ImportWorkerReplySchema>;
