import { describe, expect, it } from 'vitest';
import type { Annotation, PageRecord, Theme } from '../../lib/schema.ts';
import { DEFAULTS_SEEDED_SETTING, openStore } from '../../lib/store.ts';
import { DB_NAME, DB_VERSION, MIGRATIONS, MigrationError, openMigrated, type Migration } from '../../lib/store-migrations.ts';
import { annotation, describeShape, freshFactory, NEWS_URL, rawGetAll, rawOpen, REPORT_URL, settle } from './store-support.ts';

interface Contents {
  annotations: Annotation[];
  themes: Theme[];
  pages: PageRecord[];
  settings: { key: string; value: unknown }[];
}

/**
 * How each shipped version's database looked, built with plain IndexedDB as that version's code
 * built it (never through the current migrations), and what the current store must read from it.
 * When version N + 1 ships, add version N + 1's row; the rows of earlier versions stay as they are.
 */
interface VersionFixture {
  version: number;
  create(factory: IDBFactory): Promise<void>;
  /** What the current store must list after opening it. */
  expected: Contents;
}

const v1Contents: Contents = {
  annotations: [
    annotation({ id: 'a1', themeIds: ['oversight', 'my-theme'] }),
    annotation({ id: 'a2', url: NEWS_URL, position: { start: 0, end: 20 }, createdAt: '2026-04-01T00:00:00.000Z' }),
  ],
  themes: [
    {
      id: 'oversight',
      label: 'Supervision (renamed)',
      color: '#d62728',
      description: 'Management oversight & supervision',
      keywords: ['supervision'],
      createdAt: '2026-03-01T00:00:00.000Z',
      updatedAt: '2026-03-05T00:00:00.000Z',
      lastUsedAt: '2026-05-01T09:00:00.000Z',
    },
    { id: 'my-theme', label: 'My theme', color: '#e41a1c', keywords: [], createdAt: '2026-03-02T00:00:00.000Z', updatedAt: '2026-03-02T00:00:00.000Z' },
  ],
  pages: [
    { url: REPORT_URL, title: 'Monitoring visit', firstSeen: '2026-03-01T00:00:00.000Z', lastSeen: '2026-05-01T09:00:00.000Z' },
    { url: NEWS_URL, title: 'News', firstSeen: '2026-04-01T00:00:00.000Z', lastSeen: '2026-04-01T00:00:00.000Z' },
  ],
  settings: [
    { key: DEFAULTS_SEEDED_SETTING, value: '2026-03-01T00:00:00.000Z' },
    { key: 'panel', value: { open: true } },
  ],
};

/** Builds a database at `version` with plain IndexedDB, as that version's code did, holding `contents`. */
async function buildDatabase(factory: IDBFactory, version: number, upgrade: (db: IDBDatabase) => void, contents: Contents): Promise<void> {
  const db = await rawOpen(factory, version, upgrade);
  const tx = db.transaction(['annotations', 'themes', 'pages', 'settings'], 'readwrite');
  for (const [store, records] of Object.entries(contents)) {
    for (const record of records as unknown[]) tx.objectStore(store).put(record);
  }
  await new Promise((resolve) => (tx.oncomplete = resolve));
  db.close();
}

/** The first release's four stores and two indexes. */
function version1Shape(fresh: IDBDatabase): IDBObjectStore {
  const annotations = fresh.createObjectStore('annotations', { keyPath: 'id' });
  annotations.createIndex('byUrl', 'url');
  annotations.createIndex('byTheme', 'themeIds', { multiEntry: true });
  fresh.createObjectStore('themes', { keyPath: 'id' });
  fresh.createObjectStore('pages', { keyPath: 'url' });
  fresh.createObjectStore('settings', { keyPath: 'key' });
  return annotations;
}

const VERSION_FIXTURES: readonly VersionFixture[] = [
  {
    version: 1,
    create: (factory) => buildDatabase(factory, 1, version1Shape, v1Contents),
    expected: v1Contents,
  },
  {
    version: 2,
    create: (factory) => buildDatabase(factory, 2, (fresh) => version1Shape(fresh).createIndex('byCreated', 'createdAt'), v1Contents),
    expected: v1Contents,
  },
];

async function freshShape(): Promise<unknown> {
  const factory = freshFactory();
  (await openStore(factory)).close();
  return describeShape(factory);
}

describe('databases written by earlier versions', () => {
  it('has a fixture for every shipped version', () => {
    expect(VERSION_FIXTURES.map((f) => f.version)).toEqual(Array.from({ length: DB_VERSION }, (_, i) => i + 1));
  });

  for (const fixture of VERSION_FIXTURES) {
    it(`opens version ${fixture.version}'s database without losing or reseeding anything`, async () => {
      const factory = freshFactory();
      await fixture.create(factory);
      const store = await openStore(factory, { now: () => new Date('2027-01-01T00:00:00.000Z') });

      const annotations = await store.annotations.listAll();
      expect(annotations.problems).toEqual([]);
      expect(sortById(annotations.records)).toEqual(sortById(fixture.expected.annotations));
      // Through the byCreated index, which must cover the records the old version wrote.
      expect(await store.annotations.listNewest(annotations.records.length)).toEqual({ ...annotations, total: annotations.records.length });
      const themes = await store.themes.list();
      expect(themes.problems).toEqual([]);
      expect(sortById(themes.records)).toEqual(sortById(fixture.expected.themes));
      const pages = await store.pages.list();
      expect(pages.problems).toEqual([]);
      expect(pages.records).toEqual(expect.arrayContaining(fixture.expected.pages));
      expect(pages.records).toHaveLength(fixture.expected.pages.length);
      for (const { key, value } of fixture.expected.settings) expect(await store.settings.get(key), key).toEqual(value);

      for (const a of fixture.expected.annotations) {
        expect((await store.annotations.listByUrl(a.url)).records.map((r) => r.id), a.url).toContain(a.id);
        for (const themeId of a.themeIds) {
          expect((await store.annotations.listByTheme(themeId)).records.map((r) => r.id), themeId).toContain(a.id);
        }
      }
      store.close();
      expect(await describeShape(factory)).toEqual(await freshShape());
    });
  }

  it('gives a new database the current version with the four stores and their indexes', async () => {
    expect(await freshShape()).toEqual({
      version: DB_VERSION,
      stores: [
        {
          name: 'annotations',
          keyPath: 'id',
          autoIncrement: false,
          indexes: [
            { name: 'byCreated', keyPath: 'createdAt', multiEntry: false, unique: false },
            { name: 'byTheme', keyPath: 'themeIds', multiEntry: true, unique: false },
            { name: 'byUrl', keyPath: 'url', multiEntry: false, unique: false },
          ],
        },
        { name: 'pages', keyPath: 'url', autoIncrement: false, indexes: [] },
        { name: 'settings', keyPath: 'key', autoIncrement: false, indexes: [] },
        { name: 'themes', keyPath: 'id', autoIncrement: false, indexes: [] },
      ],
    });
  });
});

const sortById = <T extends { id: string }>(records: readonly T[]) => [...records].sort((a, b) => (a.id < b.id ? -1 : 1));

/**
 * The machinery, tried with a made-up version 2 on top of the real migrations: it adds an index
 * and rewrites every annotation, awaiting requests inside the upgrade as a real data migration
 * would.
 */
const addNoteLength: Migration = async ({ tx }) => {
  const annotations = tx.objectStore('annotations');
  annotations.createIndex('byNoteLength', 'noteLength');
  for (let cursor = await annotations.openCursor(); cursor !== null; cursor = await cursor.continue()) {
    const value = cursor.value as Annotation;
    await cursor.update({ ...value, noteLength: value.note.length });
  }
};

async function databaseAtVersion1(): Promise<IDBFactory> {
  const factory = freshFactory();
  await VERSION_FIXTURES[0]!.create(factory);
  return factory;
}

describe('migration machinery', () => {
  it('runs every step in order on a new database', async () => {
    const ran: number[] = [];
    const steps: Migration[] = [0, 1, 2].map((n) => () => void ran.push(n));
    const db = await openMigrated(freshFactory(), DB_NAME, steps);
    expect(db.version).toBe(3);
    expect(ran).toEqual([0, 1, 2]);
    db.close();
  });

  it('runs only the missing steps, and a data migration sees and rewrites every record', async () => {
    const factory = await databaseAtVersion1();
    let firstStepRan = false;
    const db = await openMigrated(factory, DB_NAME, [() => void (firstStepRan = true), addNoteLength]);
    expect(firstStepRan).toBe(false);
    expect(db.version).toBe(2);
    const byLength = await db.transaction('annotations').store.index('byNoteLength').getAllKeys(annotation().note.length);
    expect(byLength.sort()).toEqual(['a1', 'a2']);
    db.close();
  });

  it('rolls the whole upgrade back when a step fails, leaving the old version and data', async () => {
    const factory = await databaseAtVersion1();
    const before = await rawGetAll(factory, 'annotations');
    const failing: Migration = async (context) => {
      await addNoteLength(context);
      throw new Error('bad data');
    };
    const opening = openMigrated(factory, DB_NAME, [...MIGRATIONS, failing]);
    await expect(opening).rejects.toBeInstanceOf(MigrationError);
    await expect(opening).rejects.toMatchObject({ fromVersion: 1, failedStep: MIGRATIONS.length, cause: new Error('bad data') });

    const db = await rawOpen(factory);
    expect(db.version).toBe(1);
    expect([...db.transaction('annotations').objectStore('annotations').indexNames]).not.toContain('byNoteLength');
    db.close();
    expect(await rawGetAll(factory, 'annotations')).toEqual(before);
  });

  it('rolls back a step that fails before issuing any request', async () => {
    const factory = freshFactory();
    const opening = openMigrated(factory, DB_NAME, [
      ...MIGRATIONS,
      () => {
        throw new Error('broken step');
      },
    ]);
    await expect(opening).rejects.toMatchObject({ name: 'MigrationError', fromVersion: 0, failedStep: MIGRATIONS.length });
    const db = await settle(factory.open(DB_NAME));
    expect(db.version).toBe(1);
    expect(db.objectStoreNames.length).toBe(0);
    db.close();
  });

  it('is not blocked by a page still holding the old version open', async () => {
    const factory = await databaseAtVersion1();
    const old = await openStore(factory);
    const db = await openMigrated(factory, DB_NAME, [...MIGRATIONS, addNoteLength]);
    expect(db.version).toBe(MIGRATIONS.length + 1);
    db.close();
    await expect(old.annotations.listAll()).rejects.toThrow();
  });
});
