/**
 * Helpers for the store's unit tests: sample records, and raw IndexedDB access that bypasses the
 * store, to plant corrupt records and to build databases as earlier versions left them.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { DB_NAME } from '../../lib/store-migrations.ts';
import type { Annotation, Theme } from '../../lib/schema.ts';

/** A fresh, empty IndexedDB per test, so tests never see each other's databases. */
export const freshFactory = (): IDBFactory => new IDBFactory();

/** A clock that reads `at` until moved. */
export function fixedClock(at: string): { now: () => Date; set(next: string): void } {
  let current = new Date(at);
  return { now: () => current, set: (next) => void (current = new Date(next)) };
}

export const REPORT_URL = 'https://files.ofsted.gov.uk/v1/file/50030459';
export const NEWS_URL = 'https://www.communitycare.co.uk/2018/09/barnet-care-leavers/';

export function annotation(overrides: Partial<Annotation> = {}): Annotation {
  return {
    id: 'a1',
    url: REPORT_URL,
    title: 'Monitoring visit to Barnet children’s services',
    quote: {
      exact: 'supervision and management oversight is evident on case files',
      prefix: 'Inspectors found that ',
      suffix: ', but this is not always regular',
    },
    position: { start: 4200, end: 4262 },
    themeIds: ['oversight'],
    note: 'Compare with the 2017 report.',
    createdAt: '2026-05-01T09:00:00.000Z',
    updatedAt: '2026-05-01T09:00:00.000Z',
    ...overrides,
  };
}

export function settle<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Opens the database with plain IndexedDB; `upgrade` builds it when `version` is new. */
export function rawOpen(factory: IDBFactory, version?: number, upgrade?: (db: IDBDatabase) => void): Promise<IDBDatabase> {
  const request = factory.open(DB_NAME, version);
  if (upgrade !== undefined) request.onupgradeneeded = () => upgrade(request.result);
  return settle(request);
}

/** Writes values straight into a store, past every check, and waits for the commit. */
export async function rawPut(factory: IDBFactory, storeName: string, values: readonly unknown[]): Promise<void> {
  const db = await rawOpen(factory);
  const tx = db.transaction(storeName, 'readwrite');
  for (const value of values) tx.objectStore(storeName).put(value);
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

export async function rawGetAll(factory: IDBFactory, storeName: string): Promise<unknown[]> {
  const db = await rawOpen(factory);
  const all = await settle(db.transaction(storeName).objectStore(storeName).getAll());
  db.close();
  return all;
}

/** Stores, key paths and indexes of the database: what a migration must get right. */
export async function describeShape(factory: IDBFactory): Promise<unknown> {
  const db = await rawOpen(factory);
  const names = [...db.objectStoreNames].sort();
  const tx = db.transaction(names);
  const shape = {
    version: db.version,
    stores: names.map((name) => {
      const store = tx.objectStore(name);
      return {
        name,
        keyPath: store.keyPath,
        autoIncrement: store.autoIncrement,
        indexes: [...store.indexNames].sort().map((indexName) => {
          const index = store.index(indexName);
          return { name: indexName, keyPath: index.keyPath, multiEntry: index.multiEntry, unique: index.unique };
        }),
      };
    }),
  };
  db.close();
  return shape;
}

/** A valid theme, changed by `overrides`. */
export function theme(overrides: Partial<Theme> = {}): Theme {
  return {
    id: 'oversight',
    label: 'Management oversight',
    color: '#aa3300',
    keywords: ['oversight', 'supervis'],
    createdAt: '2026-04-01T09:00:00.000Z',
    updatedAt: '2026-04-01T09:00:00.000Z',
    ...overrides,
  };
}
