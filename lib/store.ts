/**
 * The reader's annotations, codebook, pages and settings, in IndexedDB on their own machine. Lives
 * in the extension's origin (background and extension pages); content scripts reach it through
 * messages. Each operation is one transaction and a write resolves only once it has committed, so
 * a caller that saw success can rely on the data surviving a closed browser.
 *
 * Records are validated on write (an invalid one is refused with `InvalidRecordError`) and on read
 * (a corrupt one is reported and skipped, see store-records.ts). URLs are normalised here
 * (page-identity.ts), so callers may pass a page's address as the browser shows it.
 */
import type { DBSchema, IDBPDatabase, IDBPIndex, IDBPTransaction, StoreNames } from 'idb';
import * as z from 'zod/mini';
import defaultThemesData from './default-themes.json' with { type: 'json' };
import { normalisePageUrl } from './page-identity.ts';
import {
  AnnotationSchema,
  PageRecordSchema,
  SettingSchema,
  ThemeSchema,
  type Annotation,
  type PageRecord,
  type Setting,
  type Theme,
} from './schema.ts';
import { DB_NAME, MIGRATIONS, openMigrated } from './store-migrations.ts';
import { ReadChecker, validForWrite, type CorruptRecord, type Listed, type StoreName } from './store-records.ts';
import { instantKey, secondOf } from './timestamp-order.ts';

export { InvalidRecordError, type CorruptRecord, type Listed, type StoreName } from './store-records.ts';

/**
 * The database as the current version lays it out. Values are `unknown` because what is on disk
 * is only known to be valid once it has passed its schema.
 */
interface LensDB extends DBSchema {
  annotations: { key: string; value: unknown; indexes: { byUrl: string; byTheme: string; byCreated: string } };
  themes: { key: string; value: unknown };
  pages: { key: string; value: unknown };
  settings: { key: string; value: unknown };
}

/**
 * Records that the default codebook was seeded, so it happens once per database: a reader who
 * deletes or renames a default theme does not get it back.
 */
export const DEFAULTS_SEEDED_SETTING = 'codebook.defaultsSeededAt';

export interface StoreOptions {
  /** Told about every corrupt record a read skips, e.g. to log it or offer a repair. */
  onCorrupt?: (problem: CorruptRecord) => void;
  /** The clock for page visits, theme use and seeding; tests pin it. */
  now?: () => Date;
}

export interface AnnotationStore {
  /**
   * Creates or replaces the annotation with this id (saving twice keeps one record, so a save may
   * be retried), and in the same transaction records the visit on its page and marks its themes
   * as just used. Resolves with the record as stored.
   */
  put(annotation: Annotation): Promise<Annotation>;
  get(id: string): Promise<Annotation | undefined>;
  /** Deletes and returns the record (undefined if there was none, or it was corrupt) for undo. */
  delete(id: string): Promise<Annotation | undefined>;
  /** Puts a deleted record back as it was: its themes' last use is left alone. */
  restore(annotation: Annotation): Promise<Annotation>;
  /** The page's annotations in document order. */
  listByUrl(url: string): Promise<Listed<Annotation>>;
  /** Newest first. */
  listByTheme(themeId: string): Promise<Listed<Annotation>>;
  /** Newest first. */
  listAll(): Promise<Listed<Annotation>>;
  /**
   * The first `limit` records of `listAll()`, read through the byCreated index without reading
   * the rest, and how many records are stored. The total counts every stored record: one that is
   * corrupt is reported only if it is among those read, and `listAll()` leaves it out.
   */
  listNewest(limit: number): Promise<Listed<Annotation> & { total: number }>;
}

export interface ThemeStore {
  /** In label order. */
  list(): Promise<Listed<Theme>>;
  get(id: string): Promise<Theme | undefined>;
  put(theme: Theme): Promise<Theme>;
  /** Deletes and returns the theme; annotations keep its id, the caller decides about them. */
  delete(id: string): Promise<Theme | undefined>;
}

export interface PageStore {
  /** Most recently seen first. */
  list(): Promise<Listed<PageRecord>>;
  get(url: string): Promise<PageRecord | undefined>;
}

export interface SettingStore {
  get(key: string): Promise<Setting['value'] | undefined>;
  set(key: string, value: Setting['value']): Promise<void>;
}

/**
 * Everything one import writes. `added` records were absent when the import was planned; if one
 * has appeared since (the reader tagged a passage in another tab meanwhile), the whole import is
 * refused with a `ConstraintError` rather than silently overwriting the newer record.
 */
export interface ImportWrites {
  added: { themes: readonly Theme[]; annotations: readonly Annotation[]; pages: readonly PageRecord[] };
  replaced: { themes: readonly Theme[]; annotations: readonly Annotation[] };
}

export interface LensStore {
  annotations: AnnotationStore;
  themes: ThemeStore;
  pages: PageStore;
  settings: SettingStore;
  /**
   * Writes an import all or nothing: every record is validated before the one transaction over
   * themes, annotations and pages starts, and any failure inside it aborts every write.
   */
  importRecords(writes: ImportWrites): Promise<void>;
  close(): void;
}

type Db = IDBPDatabase<LensDB>;

interface Context {
  db: Db;
  now: () => Date;
  checker: () => ReadChecker;
}

/**
 * Runs `work` on `tx` and resolves once the transaction has committed. If `work` fails for a
 * reason IndexedDB does not see (a thrown error between requests), the transaction is aborted so
 * none of its writes land.
 */
async function inTransaction<Stores extends ArrayLike<StoreNames<LensDB>>, Mode extends IDBTransactionMode, T>(
  tx: IDBPTransaction<LensDB, Stores, Mode>,
  work: () => Promise<T>,
): Promise<T> {
  try {
    const [result] = await Promise.all([work(), tx.done]);
    return result;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished or aborted.
    }
    throw error;
  }
}

/** Sorts newest first, ties by id; each record's time key is made once, not per comparison. */
function newestFirst(annotations: Annotation[]): Annotation[] {
  const keyed = annotations.map((annotation) => ({ annotation, at: instantKey(annotation.createdAt) }));
  keyed.sort((a, b) => (a.at !== b.at ? (a.at < b.at ? 1 : -1) : a.annotation.id < b.annotation.id ? -1 : 1));
  return keyed.map(({ annotation }) => annotation);
}
const documentOrder = (a: Annotation, b: Annotation) => a.position.start - b.position.start || (a.id < b.id ? -1 : 1);

/**
 * The newest `limit` valid records from the byCreated index, newest last-in-text first. The index
 * orders by the timestamp's text, which is time order except within one second (see
 * timestamp-order.ts), so reading goes on to the end of the last record's second: every record
 * that could sort before it in exact order is then among those read.
 */
async function readNewest(index: IDBPIndex<LensDB, ['annotations'], 'annotations', 'byCreated', 'readonly'>, check: ReadChecker, limit: number): Promise<Annotation[]> {
  const records: Annotation[] = [];
  let lastSecond: string | undefined;
  for (let cursor = await index.openCursor(null, 'prev'); cursor !== null; cursor = await cursor.continue()) {
    const second = secondOf(String(cursor.key));
    if (lastSecond !== undefined && second !== lastSecond) break;
    const record = check.check(AnnotationSchema, 'annotations', cursor.primaryKey, cursor.value);
    if (record === undefined) continue;
    records.push(record);
    if (records.length === limit) lastSecond = second;
  }
  return records;
}

async function saveAnnotation({ db, now, checker }: Context, input: Annotation, markThemesUsed: boolean): Promise<Annotation> {
  const valid = validForWrite(AnnotationSchema, 'annotations', input);
  const annotation = validForWrite(AnnotationSchema, 'annotations', { ...valid, url: normalisePageUrl(valid.url) });
  const at = now().toISOString();
  const check = checker();
  const tx = db.transaction(['annotations', 'pages', 'themes'], 'readwrite');
  return inTransaction(tx, async () => {
    await tx.objectStore('annotations').put(annotation);
    const pages = tx.objectStore('pages');
    const stored = await pages.get(annotation.url);
    const page = stored === undefined ? undefined : check.check(PageRecordSchema, 'pages', annotation.url, stored);
    const visit: PageRecord = {
      url: annotation.url,
      title: annotation.title !== '' ? annotation.title : (page?.title ?? ''),
      firstSeen: page?.firstSeen ?? at,
      lastSeen: at,
    };
    await pages.put(validForWrite(PageRecordSchema, 'pages', visit));
    if (markThemesUsed) {
      const themes = tx.objectStore('themes');
      for (const id of new Set(annotation.themeIds)) {
        const raw = await themes.get(id);
        const theme = raw === undefined ? undefined : check.check(ThemeSchema, 'themes', id, raw);
        if (theme !== undefined) await themes.put({ ...theme, lastUsedAt: at });
      }
    }
    return annotation;
  });
}

function annotationStore(context: Context): AnnotationStore {
  const { db, checker } = context;
  const listFrom = async (query: { index: 'byUrl' | 'byTheme'; key: string } | undefined) => {
    const tx = db.transaction('annotations', 'readonly');
    const [keys, values] = await inTransaction(tx, () => {
      if (query === undefined) return Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
      const index = tx.store.index(query.index);
      return Promise.all([index.getAllKeys(query.key), index.getAll(query.key)]);
    });
    return checker().list(AnnotationSchema, 'annotations', keys, values);
  };
  return {
    put: (annotation) => saveAnnotation(context, annotation, true),
    restore: (annotation) => saveAnnotation(context, annotation, false),
    get: (id) => getRecord(context, 'annotations', AnnotationSchema, id),
    delete: (id) => deleteRecord(context, 'annotations', AnnotationSchema, id),
    async listByUrl(url) {
      const listed = await listFrom({ index: 'byUrl', key: normalisePageUrl(url) });
      return { ...listed, records: listed.records.sort(documentOrder) };
    },
    async listByTheme(themeId) {
      const listed = await listFrom({ index: 'byTheme', key: themeId });
      return { ...listed, records: newestFirst(listed.records) };
    },
    async listAll() {
      const listed = await listFrom(undefined);
      return { ...listed, records: newestFirst(listed.records) };
    },
    async listNewest(limit) {
      const check = checker();
      const tx = db.transaction('annotations', 'readonly');
      const [total, records] = await inTransaction(tx, () => Promise.all([tx.store.count(), readNewest(tx.store.index('byCreated'), check, limit)]));
      return { records: newestFirst(records).slice(0, limit), problems: check.problems, total };
    },
  };
}

/** Reads a whole store in one transaction, keeping the valid records. */
async function listStore<T>({ db, checker }: Context, name: 'themes' | 'pages', schema: z.ZodMiniType<T>): Promise<Listed<T>> {
  const tx = db.transaction(name, 'readonly');
  const [keys, values] = await inTransaction(tx, () => Promise.all([tx.store.getAllKeys(), tx.store.getAll()]));
  return checker().list(schema, name, keys, values);
}

/** The record under `key`, or undefined when there is none or it is not valid. */
async function getRecord<T>({ db, checker }: Context, name: StoreName, schema: z.ZodMiniType<T>, key: string): Promise<T | undefined> {
  const tx = db.transaction(name, 'readonly');
  const raw = await inTransaction(tx, () => tx.store.get(key));
  return raw === undefined ? undefined : checker().check(schema, name, key, raw);
}

/**
 * Deletes the record under `key` and returns what it held (undefined when there was none or it
 * was not valid), read in the same transaction so that an undo puts back exactly what went.
 */
async function deleteRecord<T>({ db, checker }: Context, name: 'annotations' | 'themes', schema: z.ZodMiniType<T>, key: string): Promise<T | undefined> {
  const tx = db.transaction(name, 'readwrite');
  const raw = await inTransaction(tx, async () => {
    const found = await tx.store.get(key);
    await tx.store.delete(key);
    return found;
  });
  return raw === undefined ? undefined : checker().check(schema, name, key, raw);
}

function themeStore(context: Context): ThemeStore {
  const { db } = context;
  return {
    async list() {
      const listed = await listStore(context, 'themes', ThemeSchema);
      return { ...listed, records: listed.records.sort((a, b) => a.label.localeCompare(b.label, 'en', { sensitivity: 'base' })) };
    },
    get: (id) => getRecord(context, 'themes', ThemeSchema, id),
    async put(input) {
      const theme = validForWrite(ThemeSchema, 'themes', input);
      const tx = db.transaction('themes', 'readwrite');
      await inTransaction(tx, () => tx.store.put(theme));
      return theme;
    },
    delete: (id) => deleteRecord(context, 'themes', ThemeSchema, id),
  };
}

function pageStore(context: Context): PageStore {
  return {
    async list() {
      const listed = await listStore(context, 'pages', PageRecordSchema);
      return { ...listed, records: listed.records.sort((a, b) => Date.parse(b.lastSeen) - Date.parse(a.lastSeen)) };
    },
    get: (url) => getRecord(context, 'pages', PageRecordSchema, normalisePageUrl(url)),
  };
}

function settingStore(context: Context): SettingStore {
  const { db } = context;
  return {
    async get(key) {
      return (await getRecord(context, 'settings', SettingSchema, key))?.value;
    },
    async set(key, value) {
      const setting = validForWrite(SettingSchema, 'settings', { key, value });
      const tx = db.transaction('settings', 'readwrite');
      await inTransaction(tx, () => tx.store.put(setting));
    },
  };
}

async function importRecords({ db }: Context, writes: ImportWrites): Promise<void> {
  const valid = {
    themes: [...writes.added.themes, ...writes.replaced.themes].map((theme) => validForWrite(ThemeSchema, 'themes', theme)),
    annotations: [...writes.added.annotations, ...writes.replaced.annotations].map((annotation) => validForWrite(AnnotationSchema, 'annotations', annotation)),
    pages: writes.added.pages.map((page) => validForWrite(PageRecordSchema, 'pages', page)),
  };
  const addedThemes = writes.added.themes.length;
  const addedAnnotations = writes.added.annotations.length;
  const tx = db.transaction(['themes', 'annotations', 'pages'], 'readwrite');
  try {
    await inTransaction(tx, () => {
      const themes = tx.objectStore('themes');
      const annotations = tx.objectStore('annotations');
      const pages = tx.objectStore('pages');
      // Every request is queued at once and awaited together: awaiting each in turn would cost a
      // round trip per record, which for ten thousand annotations is most of the import's time.
      return Promise.all([
        ...valid.themes.map((theme, index) => (index < addedThemes ? themes.add(theme) : themes.put(theme))),
        ...valid.annotations.map((annotation, index) => (index < addedAnnotations ? annotations.add(annotation) : annotations.put(annotation))),
        ...valid.pages.map((page) => pages.add(page)),
      ]);
    });
  } catch (error) {
    // A failed request aborts the transaction, and the abort can be reported first: the request's
    // own error (a ConstraintError for a record that appeared since the plan) says why.
    throw tx.error ?? error;
  }
}

/**
 * When the default codebook was made: its themes are seeded with it, not with the day of the first
 * open, so any edit the reader makes, and any backup of their themes, is newer than a fresh seed.
 * Otherwise a database wiped and opened again would seed defaults newer than the backup being
 * imported, and the import would keep the seed over the reader's own renamed default theme.
 */
export const DEFAULT_THEMES_DATE = '2026-01-01T00:00:00.000Z';

/** The default codebook as shipped: theme data without timestamps. */
const DefaultThemesSchema = z.array(z.omit(ThemeSchema, { createdAt: true, updatedAt: true, lastUsedAt: true }));

/**
 * Seeds the default codebook unless this database has been seeded before. Checks and seeds in one
 * transaction, so two extension pages opening at once cannot both seed. A theme the reader
 * already has under a default id is kept.
 */
async function seedDefaultThemes(db: Db, at: string): Promise<void> {
  // Every open after the first finds the codebook seeded; a read-only look says so without the
  // write transaction, which would queue behind other writers and wait for its commit.
  const look = db.transaction('settings', 'readonly');
  if ((await inTransaction(look, () => look.store.count(DEFAULTS_SEEDED_SETTING))) > 0) return;
  const defaults = validForWrite(DefaultThemesSchema, 'themes', defaultThemesData);
  const tx = db.transaction(['themes', 'settings'], 'readwrite');
  await inTransaction(tx, async () => {
    const settings = tx.objectStore('settings');
    if ((await settings.count(DEFAULTS_SEEDED_SETTING)) > 0) return;
    const themes = tx.objectStore('themes');
    for (const theme of defaults) {
      if ((await themes.count(theme.id)) > 0) continue;
      await themes.put(validForWrite(ThemeSchema, 'themes', { ...theme, createdAt: DEFAULT_THEMES_DATE, updatedAt: DEFAULT_THEMES_DATE }));
    }
    await settings.put(validForWrite(SettingSchema, 'settings', { key: DEFAULTS_SEEDED_SETTING, value: at }));
  });
}

/**
 * Opens (creating or upgrading as needed) the reader's database and seeds the default codebook
 * on first run. Pass the real `indexedDB` in the extension and fake-indexeddb's in tests.
 */
export async function openStore(factory: IDBFactory, options: StoreOptions = {}): Promise<LensStore> {
  // openMigrated ran every migration up to this version, which is what LensDB describes.
  const db = (await openMigrated(factory, DB_NAME, MIGRATIONS)) as unknown as Db;
  const now = options.now ?? (() => new Date());
  try {
    await seedDefaultThemes(db, now().toISOString());
  } catch (error) {
    db.close();
    throw error;
  }
  const context: Context = { db, now, checker: () => new ReadChecker(options.onCorrupt) };
  return {
    annotations: annotationStore(context),
    themes: themeStore(context),
    pages: pageStore(context),
    settings: settingStore(context),
    importRecords: (writes) => importRecords(context, writes),
    close: () => db.close(),
  };
}

/**
 * The extension's own store in its own origin, as the background and the side panel open it: a
 * corrupt record is skipped with a warning in the console, never fatal.
 */
export function openLensStore(): Promise<LensStore> {
  return openStore(indexedDB, {
    onCorrupt: (problem) => console.warn('Inspection Lens skipped a corrupt record', problem),
  });
}

/**
 * Runs `work` on a freshly opened store and closes it whatever happens. Extension pages use it per
 * operation, as the background does, so an open page never holds a connection that would block a
 * database upgrade in a newer version of the extension.
 */
export async function withStore<T>(open: () => Promise<LensStore>, work: (store: LensStore) => Promise<T>): Promise<T> {
  const store = await open();
  try {
    return await work(store);
  } finally {
    store.close();
  }
}
