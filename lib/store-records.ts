/**
 * Validation at the database's edge. Every record is checked against its schema on the way in
 * (an invalid write is refused before a transaction starts) and on the way out: a record that
 * fails its schema (a bug in an earlier version, a hand-edited profile, a bad migration) is
 * reported and skipped, so one bad record never hides the reader's other annotations and never
 * breaks the page that lists them.
 */
import * as z from 'zod/mini';

export type StoreName = 'annotations' | 'themes' | 'pages' | 'settings';

/** A stored record that failed its schema on read. */
export interface CorruptRecord {
  store: StoreName;
  /** Its primary key, so a caller can delete or inspect it. */
  key: IDBValidKey;
  /** The first problem zod found, as `path: message`. */
  issue: string;
}

/** The valid records of a listing, and the corrupt ones that were left out. */
export interface Listed<T> {
  records: T[];
  problems: CorruptRecord[];
}

/** A write refused because the record fails its schema. Nothing was written. */
export class InvalidRecordError extends Error {
  override name = 'InvalidRecordError';
  readonly store: StoreName;
  readonly issues: readonly string[];

  constructor(store: StoreName, issues: readonly string[]) {
    super(`Refusing to save an invalid record to ${store}: ${issues.join('; ')}`);
    this.store = store;
    this.issues = issues;
  }
}

/**
 * What is wrong, in words. zod/mini says only "Invalid input" unless a locale is configured, so
 * the common cases are spelt out from the issue's own fields.
 */
function explain(issue: z.core.$ZodIssue): string {
  if (issue.message !== 'Invalid input') return issue.message;
  const unit = (origin: string, n: number | bigint) => {
    const noun = origin === 'string' ? ' character' : origin === 'array' ? ' item' : '';
    return noun === '' || Number(n) === 1 ? noun : `${noun}s`;
  };
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'too_small':
      return `must have at least ${String(issue.minimum)}${unit(issue.origin, issue.minimum)}`;
    case 'too_big':
      return `must have at most ${String(issue.maximum)}${unit(issue.origin, issue.maximum)}`;
    case 'invalid_format':
      return issue.format === 'regex' && 'pattern' in issue ? `does not match ${String(issue.pattern)}` : `not a valid ${issue.format}`;
    case 'invalid_union':
      return 'matches none of the allowed types';
    default:
      return issue.code.replace(/_/g, ' ');
  }
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join('.');
  return `${path === '' ? '(record)' : path}: ${explain(issue)}`;
}

/** The record as its schema parses it, or throws `InvalidRecordError` naming every problem. */
export function validForWrite<T>(schema: z.ZodMiniType<T>, store: StoreName, value: unknown): T {
  const parsed = z.safeParse(schema, value);
  if (!parsed.success) throw new InvalidRecordError(store, parsed.error.issues.map(describeIssue));
  return parsed.data;
}

/** Checks stored values against a schema, collecting the corrupt ones instead of throwing. */
export class ReadChecker {
  readonly problems: CorruptRecord[] = [];
  readonly #onCorrupt: ((problem: CorruptRecord) => void) | undefined;

  constructor(onCorrupt: ((problem: CorruptRecord) => void) | undefined) {
    this.#onCorrupt = onCorrupt;
  }

  check<T>(schema: z.ZodMiniType<T>, store: StoreName, key: IDBValidKey, value: unknown): T | undefined {
    const parsed = z.safeParse(schema, value);
    if (parsed.success) return parsed.data;
    const first = parsed.error.issues[0];
    const problem: CorruptRecord = { store, key, issue: first === undefined ? 'invalid' : describeIssue(first) };
    this.problems.push(problem);
    try {
      this.#onCorrupt?.(problem);
    } catch {
      // A failing reporter must not cost the reader the records that are fine.
    }
    return undefined;
  }

  /** Pairs values with their primary keys (same order, same transaction) and keeps the valid ones. */
  list<T>(schema: z.ZodMiniType<T>, store: StoreName, keys: readonly IDBValidKey[], values: readonly unknown[]): Listed<T> {
    const records: T[] = [];
    values.forEach((value, index) => {
      const record = this.check(schema, store, keys[index] ?? index, value);
      if (record !== undefined) records.push(record);
    });
    return { records, problems: this.problems };
  }
}
