/**
 * Importing a native JSON export, in three steps the side panel shows one at a time: parse the
 * file (nothing read from the store), plan against the reader's records (the preview), apply the
 * plan (one transaction, all or nothing). Parsing takes a noticeable moment for a large file (about
 * half a second for 10,000 annotations), so the panel runs it in a worker (lib/import-off-thread.ts)
 * and shows each step as it starts.
 */
import { errorText } from './error-text.ts';
import type { LensStore } from './store.ts';
import { summarise, writesOf, type CurrentRecords, type ImportPlan } from './import-plan.ts';

export { checkImportSize, MAX_IMPORT_BYTES, parseExport, type Parsed } from './import-parse.ts';
export { planImport, summarise, type CurrentRecords, type ImportPlan } from './import-plan.ts';

export type Applied = { ok: true; summary: ReturnType<typeof summarise> } | { ok: false; message: string };

/** The records a plan is made against, each store read whole. */
export async function readCurrent(store: LensStore): Promise<CurrentRecords> {
  const [themes, annotations, pages] = await Promise.all([store.themes.list(), store.annotations.listAll(), store.pages.list()]);
  return { themes: themes.records, annotations: annotations.records, pages: pages.records };
}

/**
 * Writes the plan, or nothing. A record the plan adds that has appeared since the preview makes
 * the store refuse the whole transaction (a ConstraintError), and the reader is asked to preview
 * again rather than losing what they just saved.
 */
export async function applyImport(store: LensStore, plan: ImportPlan): Promise<Applied> {
  try {
    await store.importRecords(writesOf(plan));
  } catch (error) {
    if (error instanceof Error && error.name === 'ConstraintError') {
      return { ok: false, message: 'Your annotations changed after the preview, so nothing was imported. Preview the file again.' };
    }
    return { ok: false, message: `Nothing was imported: ${errorText(error)}` };
  }
  return { ok: true, summary: summarise(plan) };
}
