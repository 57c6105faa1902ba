/**
 * Text of a file the reader chose → a validated export, or one sentence naming the first problem
 * and where it is. Nothing here touches the store: a file is judged entirely before the preview.
 *
 * Checks run from the outside in, so the message is about the first thing a reader could fix: the
 * size, the JSON syntax, the format's name, the version, keys that could reach a prototype, then
 * every record against its schema, then ids that appear twice.
 */
import * as z from 'zod/mini';
import { AnnotationExportSchema, EXPORT_FORMAT, type ParsedExport } from './schema.ts';

/**
 * The largest file accepted, in bytes. A version 1 export of 10,000 typical annotations (the
 * import's design target) is about 6 MB; 20 MB leaves room for three times that, or for long
 * notes, while checking it stays around a second and its records fit comfortably in the panel's
 * memory. Anything bigger is refused before it is read, so a stray 500 MB file is never loaded, and
 * the panel's thread (which checks files itself only when the import worker cannot start) is never
 * frozen for long.
 */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export type Parsed = ParsedExport;

/**
 * Each entry upgrades the raw object of one version to the next: entry N takes version N + 1 to
 * N + 2. Validation runs once, against the current schema, after the upgrades; so version 2 of the
 * format adds one function here and changes `version` in AnnotationExportSchema.
 */
type Upgrade = (older: Record<string, unknown>) => Record<string, unknown>;
const UPGRADES: readonly Upgrade[] = [];

/** The newest version this build reads. */
export const CURRENT_EXPORT_VERSION = 1 + UPGRADES.length;

/**
 * Keys refused wherever they appear. JSON.parse makes them plain own properties (it cannot
 * pollute), but code that later copies the object with assignment could: they are never part of
 * the format, so a file carrying one is refused rather than trusted to every future copy.
 */
const HOSTILE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const refuse = (message: string): Parsed => ({ ok: false, message });

/** Refuses a file too big to parse without freezing the panel; the panel calls it with `File.size`. */
export function checkImportSize(bytes: number): string | undefined {
  if (bytes <= MAX_IMPORT_BYTES) return undefined;
  const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;
  return `The file is ${mb(bytes)}; Inspection Lens imports files up to ${mb(MAX_IMPORT_BYTES)}.`;
}

/** `annotations[3].quote.exact`, as a reader would point at it in the file. */
function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) text += typeof key === 'number' ? `[${key}]` : `${text === '' ? '' : '.'}${String(key)}`;
  return text === '' ? '(the whole file)' : text;
}

/** The JSON type of a value, in the words the messages use. */
function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * Where a JSON syntax error is, as an offset into the text. Engines word these errors differently
 * and none exposes the place as data: V8 says "at position N", Firefox "at line L column C";
 * Safari gives no place at all, and then the message says only that the JSON breaks.
 */
function syntaxErrorOffset(text: string, error: SyntaxError): number | undefined {
  const position = /position (\d+)/.exec(error.message);
  if (position !== null) return Number(position[1]);
  const lineColumn = /line (\d+) column (\d+)/.exec(error.message);
  if (lineColumn === null) return undefined;
  const linesBefore = text.split('\n').slice(0, Number(lineColumn[1]) - 1);
  return linesBefore.reduce((offset, line) => offset + line.length + 1, 0) + Number(lineColumn[2]) - 1;
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  return `line ${before.split('\n').length}, column ${offset - before.lastIndexOf('\n')}`;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const offset = syntaxErrorOffset(text, error);
    // A file cut short breaks at its very end, whatever the engine calls the missing token.
    if (/end of (JSON )?(input|data)|unterminated/i.test(error.message) || (offset !== undefined && offset >= text.trimEnd().length)) {
      return { ok: false, message: 'The file ends too early: it looks cut short (truncated). Export it again.' };
    }
    const place = offset === undefined ? '' : ` at ${lineAndColumn(text, offset)}`;
    return { ok: false, message: `The file is not valid JSON: it breaks${place} (${error.message}).` };
  }
}

/** The path of the first hostile key, searched depth first in document order. */
function findHostileKey(value: unknown, path: PropertyKey[] = []): PropertyKey[] | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const found = findHostileKey(value[index], [...path, index]);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (HOSTILE_KEYS.has(key)) return [...path, key];
    const found = findHostileKey((value as Record<string, unknown>)[key], [...path, key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** What was expected, and what the file has instead where it helps. */
function explainIssue(issue: z.core.$ZodIssue, root: unknown): string {
  const found = valueAt(root, issue.path);
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}, found ${found === undefined && !pathExists(root, issue.path) ? 'nothing' : jsonType(found)}`;
    case 'too_small':
      return issue.origin === 'string' || issue.origin === 'array'
        ? `must have at least ${String(issue.minimum)} ${issue.origin === 'string' ? 'character' : 'item'}${Number(issue.minimum) === 1 ? '' : 's'}`
        : `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'string' || issue.origin === 'array'
        ? `must have at most ${String(issue.maximum)} ${issue.origin === 'string' ? 'characters' : 'items'}, found ${String((found as string | unknown[]).length)}`
        : `must be at most ${String(issue.maximum)}`;
    case 'invalid_format':
      return issue.message !== 'Invalid input' ? issue.message : `does not have the expected form ${'pattern' in issue ? String(issue.pattern) : issue.format}`;
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    default:
      return issue.message !== 'Invalid input' ? issue.message : issue.code.replace(/_/g, ' ');
  }
}

function pathExists(root: unknown, path: readonly PropertyKey[]): boolean {
  const parent = valueAt(root, path.slice(0, -1));
  const last = path.at(-1);
  return last === undefined || (typeof parent === 'object' && parent !== null && Object.hasOwn(parent, last));
}

/** The first id used twice in `records`, with both places. */
function findDuplicateId(records: readonly { id: string }[], field: string): string | undefined {
  const seen = new Map<string, number>();
  for (const [index, record] of records.entries()) {
    const first = seen.get(record.id);
    if (first !== undefined) return `${field}[${index}].id: "${record.id}" is already used by ${field}[${first}]; ids must be unique.`;
    seen.set(record.id, index);
  }
  return undefined;
}

/**
 * Reads an export of any version up to `CURRENT_EXPORT_VERSION`. Strings are kept exactly as
 * written: markup in a note or label is text here and must be rendered as text by whoever shows it.
 */
export function parseExport(text: string): Parsed {
  // A UTF-16 string never has more code units than its UTF-8 encoding has bytes, so this refuses
  // every text whose file was over the limit, even if the panel forgot checkImportSize.
  const tooBig = checkImportSize(text.length);
  if (tooBig !== undefined) return refuse(tooBig);
  if (text.trim() === '') return refuse('The file is empty.');
  const json = parseJson(text.replace(/^\uFEFF/, ''));
  if (!json.ok) return json;
  const root = json.value;
  if (typeof root !== 'object' || root === null || Array.isArray(root)) {
    return refuse(`This is not an Inspection Lens export: expected a JSON object, found ${jsonType(root)}.`);
  }
  const record = root as Record<string, unknown>;
  if (record['format'] !== EXPORT_FORMAT) {
    const found = Object.hasOwn(record, 'format') ? `its format is ${JSON.stringify(record['format'])}` : 'it has no "format"';
    return refuse(`This is not an Inspection Lens annotations export: ${found}, expected "${EXPORT_FORMAT}".`);
  }
  const version = record['version'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return refuse(`version: expected a whole number from 1, found ${JSON.stringify(version) ?? 'nothing'}.`);
  }
  if (version > CURRENT_EXPORT_VERSION) {
    return refuse(`This file was made by a newer Inspection Lens: version ${version}. This one reads versions up to ${CURRENT_EXPORT_VERSION}; update the extension to import it.`);
  }
  const hostile = findHostileKey(root);
  if (hostile !== undefined) return refuse(`${formatPath(hostile)}: unexpected key "${String(hostile.at(-1))}", which is never part of an export.`);
  const upgraded = UPGRADES.slice(version - 1).reduce((older, upgrade) => upgrade(older), record);
  const parsed = z.safeParse(AnnotationExportSchema, upgraded);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    return refuse(issue === undefined ? 'The file does not match the export format.' : `${formatPath(issue.path)}: ${explainIssue(issue, upgraded)}.`);
  }
  const duplicate = findDuplicateId(parsed.data.themes, 'themes') ?? findDuplicateId(parsed.data.annotations, 'annotations');
  if (duplicate !== undefined) return refuse(duplicate);
  return { ok: true, data: parsed.data };
}
