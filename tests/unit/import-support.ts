/**
 * Helpers for the import tests: a valid export built straight against AnnotationExportSchema (the
 * export side is written separately, and these tests must not depend on it), and full dumps of
 * every store, read past the store's own checks, to prove a refused import wrote nothing.
 */
import { EXPORT_FORMAT, type Annotation, type AnnotationExport } from '../../lib/schema.ts';
import { annotation, rawOpen, REPORT_URL, NEWS_URL, settle, theme } from './store-support.ts';

export { theme };

/** A small export with two themes, four annotations over two pages. */
export function sampleExport(): AnnotationExport {
  const annotations: Annotation[] = [
    annotation({ id: 'a1' }),
    annotation({ id: 'a2', themeIds: ['oversight', 'workforce-x'], position: { start: 10, end: 40 }, note: '' }),
    annotation({ id: 'a3', url: NEWS_URL, title: 'Barnet care leavers', themeIds: ['workforce-x'], updatedAt: '2026-05-03T10:00:00.5Z' }),
    annotation({ id: 'a4', url: NEWS_URL, title: '', position: { start: 500, end: 520 }, quote: { exact: 'care leavers', prefix: '', suffix: '' } }),
  ];
  return {
    format: EXPORT_FORMAT,
    version: 1,
    exportedAt: '2026-05-04T12:00:00.000Z',
    themes: [theme(), theme({ id: 'workforce-x', label: 'Workforce', color: '#0055aa', description: 'Caseloads, turnover', lastUsedAt: '2026-05-02T00:00:00.000Z' })],
    annotations,
  };
}

export const STORE_NAMES = ['annotations', 'themes', 'pages', 'settings'] as const;

/** Every record of every store, as IndexedDB holds it. */
export async function dump(factory: IDBFactory): Promise<Record<string, unknown[]>> {
  const db = await rawOpen(factory);
  const tx = db.transaction([...STORE_NAMES]);
  const entries = await Promise.all(STORE_NAMES.map(async (name) => [name, await settle(tx.objectStore(name).getAll())] as const));
  db.close();
  return Object.fromEntries(entries);
}

export { REPORT_URL, NEWS_URL };
