/**
 * What importing a validated export would do to the reader's records, worked out before anything
 * is written so the panel can preview it. Records merge by id and the newer `updatedAt` wins; on a
 * tie the store's record stays, which is what makes importing the same file twice a no-op.
 */
import * as z from 'zod/mini';
import { normalisePageUrl } from './page-identity.ts';
import { AnnotationSchema, type Annotation, type AnnotationExport, type PageRecord, type Theme } from './schema.ts';
import type { ImportWrites } from './store.ts';
import { instantKey } from './timestamp-order.ts';

/** The reader's records as the store lists them now. */
export interface CurrentRecords {
  themes: readonly Theme[];
  annotations: readonly Annotation[];
  pages: readonly PageRecord[];
}

/** How each record of the file relates to the store's record with its id. */
export interface Merge<T> {
  /** No record with this id yet. */
  added: T[];
  /** The file's record is newer and replaces the store's. */
  updated: T[];
  /** Same `updatedAt` as the store's: the store's is kept. */
  unchanged: T[];
  /** The store's record is newer: the file's is skipped. */
  older: T[];
}

export interface ImportPlan {
  themes: Merge<Theme>;
  annotations: Merge<Annotation>;
  /** Pages the store does not know yet, for annotations the import adds or updates. */
  pages: PageRecord[];
}

export type Planned = { ok: true; plan: ImportPlan } | { ok: false; message: string };

const later = (a: string, b: string) => (instantKey(a) >= instantKey(b) ? a : b);

/**
 * Sorts the file's records against the store's by id and `updatedAt`. `onTie` may still take
 * something from a file record with the same `updatedAt` (the record it returns is written as an
 * update); without it, or when it returns nothing, a tie leaves the store's record alone.
 */
function merge<T extends { id: string; updatedAt: string }>(
  incoming: readonly T[],
  current: readonly T[],
  replace: (file: T, stored: T) => T,
  onTie: (file: T, stored: T) => T | undefined = () => undefined,
): Merge<T> {
  const stored = new Map(current.map((record) => [record.id, record]));
  const result: Merge<T> = { added: [], updated: [], unchanged: [], older: [] };
  for (const record of incoming) {
    const mine = stored.get(record.id);
    if (mine === undefined) {
      result.added.push(record);
      continue;
    }
    const file = instantKey(record.updatedAt);
    const store = instantKey(mine.updatedAt);
    if (file > store) result.updated.push(replace(record, mine));
    else if (file === store) {
      const taken = onTie(record, mine);
      if (taken === undefined) result.unchanged.push(record);
      else result.updated.push(taken);
    }
    else result.older.push(record);
  }
  return result;
}

/**
 * A theme's last use is the reader's local history, not part of its definition: an imported
 * newer definition keeps the later of the two so recent-theme suggestions do not go back in time.
 */
function replaceTheme(file: Theme, stored: Theme): Theme {
  const lastUsedAt = file.lastUsedAt === undefined ? stored.lastUsedAt : stored.lastUsedAt === undefined ? file.lastUsedAt : later(file.lastUsedAt, stored.lastUsedAt);
  return lastUsedAt === undefined ? file : { ...file, lastUsedAt };
}

/** The same definition of a theme, used later elsewhere: the store's record with the later last use. */
function laterUse(file: Theme, stored: Theme): Theme | undefined {
  if (file.lastUsedAt === undefined || (stored.lastUsedAt !== undefined && instantKey(file.lastUsedAt) <= instantKey(stored.lastUsedAt))) return undefined;
  return { ...stored, lastUsedAt: file.lastUsedAt };
}

/**
 * Pages for the annotations being written, where the store has none. An import is not a visit, so
 * a page the reader already has keeps its visit times; a new one spans its annotations' times.
 */
function newPages(annotations: readonly Annotation[], current: readonly PageRecord[]): PageRecord[] {
  const known = new Set(current.map((page) => page.url));
  const pages = new Map<string, PageRecord>();
  for (const annotation of annotations) {
    if (known.has(annotation.url)) continue;
    const page = pages.get(annotation.url);
    if (page === undefined) {
      pages.set(annotation.url, { url: annotation.url, title: annotation.title, firstSeen: annotation.createdAt, lastSeen: annotation.updatedAt });
      continue;
    }
    const newest = instantKey(annotation.updatedAt) > instantKey(page.lastSeen);
    pages.set(annotation.url, {
      url: page.url,
      title: annotation.title !== '' && (newest || page.title === '') ? annotation.title : page.title,
      firstSeen: instantKey(annotation.createdAt) < instantKey(page.firstSeen) ? annotation.createdAt : page.firstSeen,
      lastSeen: newest ? annotation.updatedAt : page.lastSeen,
    });
  }
  return [...pages.values()];
}

/**
 * The store files annotations under normalised URLs (page-identity.ts); a hand-edited file may
 * not, so URLs are normalised here, and a URL that normalises to nothing valid is refused.
 */
function normaliseUrls(annotations: readonly Annotation[]): { ok: true; annotations: Annotation[] } | { ok: false; message: string } {
  const normalised: Annotation[] = [];
  for (const [index, annotation] of annotations.entries()) {
    const url = normalisePageUrl(annotation.url);
    if (url === annotation.url) {
      normalised.push(annotation);
      continue;
    }
    if (!z.safeParse(AnnotationSchema.shape.url, url).success) {
      return { ok: false, message: `annotations[${index}].url: ${JSON.stringify(annotation.url)} is not a usable page address.` };
    }
    normalised.push({ ...annotation, url });
  }
  return { ok: true, annotations: normalised };
}

/** Theme ids used by the file's annotations that neither the file nor the store defines. */
function missingThemes(data: AnnotationExport, current: CurrentRecords): string | undefined {
  const defined = new Set([...data.themes, ...current.themes].map((theme) => theme.id));
  const missing = new Map<string, number>();
  data.annotations.forEach((annotation, index) => {
    for (const id of annotation.themeIds) if (!defined.has(id) && !missing.has(id)) missing.set(id, index);
  });
  if (missing.size === 0) return undefined;
  const named = [...missing].slice(0, 5).map(([id, index]) => `"${id}" (first used by annotations[${index}])`);
  const more = missing.size > 5 ? ` and ${missing.size - 5} more` : '';
  return `The file's annotations use themes that are neither in the file nor in your codebook: ${named.join(', ')}${more}.`;
}

export function planImport(data: AnnotationExport, current: CurrentRecords): Planned {
  const missing = missingThemes(data, current);
  if (missing !== undefined) return { ok: false, message: missing };
  const normalised = normaliseUrls(data.annotations);
  if (!normalised.ok) return normalised;
  const annotations = merge(normalised.annotations, current.annotations, (file) => file);
  return {
    ok: true,
    plan: {
      themes: merge(data.themes, current.themes, replaceTheme, laterUse),
      annotations,
      pages: newPages([...annotations.added, ...annotations.updated], current.pages),
    },
  };
}

/** The plan as the store's import writes it. */
export function writesOf(plan: ImportPlan): ImportWrites {
  return {
    added: { themes: plan.themes.added, annotations: plan.annotations.added, pages: plan.pages },
    replaced: { themes: plan.themes.updated, annotations: plan.annotations.updated },
  };
}

/** Counts for the preview. */
export function summarise(plan: ImportPlan): { new: number; updated: number; unchanged: number; older: number; themesAdded: number; themesUpdated: number; pagesAdded: number } {
  return {
    new: plan.annotations.added.length,
    updated: plan.annotations.updated.length,
    unchanged: plan.annotations.unchanged.length,
    older: plan.annotations.older.length,
    themesAdded: plan.themes.added.length,
    themesUpdated: plan.themes.updated.length,
    pagesAdded: plan.pages.length,
  };
}
