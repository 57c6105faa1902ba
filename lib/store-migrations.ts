/**
 * How the annotation database gets from whatever version a reader's machine holds to the current
 * one. The version is the length of `MIGRATIONS`: entry N upgrades version N to N + 1, and opening
 * runs the entries from the stored version up, in order, inside the one versionchange transaction
 * the browser gives the upgrade. Either all of them commit or, if one fails, the transaction is
 * aborted and the reader's database stays exactly as it was at the old version.
 *
 * To change the database: append a migration, never edit a shipped one (readers' databases were
 * built by it), and add the shipped version's fixture to tests/unit/store-migrations.test.ts.
 */
import { wrap, type IDBPDatabase, type IDBPTransaction } from 'idb';

export const DB_NAME = 'inspection-lens';

/**
 * What a migration works on. Untyped by store names on purpose: a migration sees the database as
 * an earlier version left it, not as the current types describe it.
 */
export interface MigrationContext {
  db: IDBPDatabase<unknown>;
  tx: IDBPTransaction<unknown, string[], 'versionchange'>;
}

/**
 * One step up. Schema changes are synchronous; data changes may await requests on `tx` (and
 * nothing else, or the transaction commits under them).
 */
export type Migration = (context: MigrationContext) => void | Promise<void>;

/** Version 0 to 1: the four stores of the first release. */
const createStores: Migration = ({ db }) => {
  const annotations = db.createObjectStore('annotations', { keyPath: 'id' });
  annotations.createIndex('byUrl', 'url');
  annotations.createIndex('byTheme', 'themeIds', { multiEntry: true });
  db.createObjectStore('themes', { keyPath: 'id' });
  db.createObjectStore('pages', { keyPath: 'url' });
  db.createObjectStore('settings', { keyPath: 'key' });
};

/**
 * Version 1 to 2: annotations indexed by when they were made, so the side panel can draw the
 * newest few of thousands without reading them all first.
 */
const indexByCreated: Migration = ({ tx }) => {
  tx.objectStore('annotations').createIndex('byCreated', 'createdAt');
};

export const MIGRATIONS: readonly Migration[] = [createStores, indexByCreated];

export const DB_VERSION = MIGRATIONS.length;

/** A migration threw: the upgrade was rolled back and the database is still at `fromVersion`. */
export class MigrationError extends Error {
  override name = 'MigrationError';
  readonly fromVersion: number;
  readonly failedStep: number;

  constructor(fromVersion: number, failedStep: number, cause: unknown) {
    super(`Upgrading the database from version ${fromVersion} failed at step ${failedStep} → ${failedStep + 1}; it was left at version ${fromVersion}.`, { cause });
    this.fromVersion = fromVersion;
    this.failedStep = failedStep;
  }
}

async function runMigrations(migrations: readonly Migration[], from: number, context: MigrationContext): Promise<void> {
  for (let version = from; version < migrations.length; version += 1) {
    const migrate = migrations[version];
    if (migrate === undefined) throw new Error(`No migration from version ${version}.`);
    try {
      await migrate(context);
    } catch (error) {
      throw new MigrationError(from, version, error);
    }
  }
}

/**
 * Opens `name` at version `migrations.length`, upgrading it through the missing steps. Takes the
 * factory as a parameter so tests pass fake-indexeddb's and the extension the real `indexedDB`.
 * The connection closes itself when a newer version wants to upgrade, so an old extension page
 * left open never blocks the upgrade.
 */
export async function openMigrated(factory: IDBFactory, name: string, migrations: readonly Migration[]): Promise<IDBPDatabase<unknown>> {
  const request = factory.open(name, migrations.length);
  let failure: MigrationError | undefined;
  request.addEventListener('upgradeneeded', (event) => {
    const raw = request.transaction;
    if (raw === null) return;
    // idb types a wrapped transaction as read-only; this one is the upgrade's versionchange transaction.
    const tx = wrap(raw) as unknown as IDBPTransaction<unknown, string[], 'versionchange'>;
    // An aborted upgrade is reported by the open request; its `done` need not be reported too.
    tx.done.catch(() => undefined);
    const context: MigrationContext = { db: wrap(request.result), tx };
    runMigrations(migrations, event.oldVersion, context).catch((error: unknown) => {
      failure = error instanceof MigrationError ? error : new MigrationError(event.oldVersion, event.oldVersion, error);
      try {
        raw.abort();
      } catch {
        // Already finished: the open request reports the failure.
      }
    });
  });
  let db: IDBPDatabase | undefined;
  try {
    db = await wrap(request);
  } catch (error) {
    throw failure ?? error;
  }
  if (db === undefined) throw new Error(`Opening the ${name} database returned nothing.`);
  db.addEventListener('versionchange', () => db.close());
  return db;
}
