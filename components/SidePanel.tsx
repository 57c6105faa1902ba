/**
 * The side panel: "This page" first, since a reader opens the panel while reading a page, then
 * "All annotations": every passage the reader tagged, on any page, newest first, with a search,
 * filters by theme, page and day range, and per-theme counts; an item opens its page at the
 * passage (passage-link.ts); delete with undo; export what is shown and import a native JSON
 * export after a preview. It re-reads whenever another context announces a write (a passage
 * tagged in any tab) and announces its own deletes and imports. It opens the store for each
 * operation and closes it again, like the background, so it never holds a connection that would
 * block a database upgrade.
 *
 * Opening draws the newest annotations and the total first, read alone through the store's index,
 * and reads every annotation only after that first paint: reading and checking ten thousand takes
 * longer than the reader should wait for the list. Until every annotation is read, counts per
 * theme and page, filtering and export wait for it, so none of them ever covers only a part.
 */
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { countByTheme, filterAnnotations, isFiltered, NO_FILTER, pagesOf, type AnnotationFilter } from '../lib/annotation-filter.ts';
import { counted } from '../lib/counted.ts';
import { errorText } from '../lib/error-text.ts';
import { afterPaint } from '../lib/page-ready.ts';
import { exportAnnotations, type ExportFile, type ExportKind } from '../lib/export.ts';
import { passageLink } from '../lib/passage-link.ts';
import type { Annotation, Theme } from '../lib/schema.ts';
import { joinStoreChanges, type StoreChanges } from '../lib/store-changes.ts';
import { withStore, type LensStore } from '../lib/store.ts';
import { ExportButtons } from './ExportButtons.tsx';
import { ImportPanel, type ImportPanelProps } from './ImportPanel.tsx';
import { ThisPage, type ThisPageProps } from './ThisPage.tsx';
import { useDeleteWithUndo } from './use-delete-with-undo.ts';
import './sidepanel.css';

export interface SidePanelProps {
  openStore: () => Promise<LensStore>;
  startImportWorker: ImportPanelProps['startImportWorker'];
  openPage: (url: string) => Promise<void>;
  download: (file: ExportFile) => void;
  now: () => Date;
  /** The reader's current tab, for "This page". */
  thisPage: Omit<ThisPageProps, 'openStore' | 'download' | 'now'>;
}

/**
 * How many items the list draws at first and per "Show more". Drawing all of a heavy reader's
 * thousands of annotations takes seconds on every open and every filter change, and the reader
 * scans the newest first; the count, the filters and the exports still cover every annotation.
 */
const LIST_STEP = 100;

export function SidePanel({ openStore, startImportWorker, openPage, download, now, thisPage }: SidePanelProps) {
  /** The newest annotations and how many there are, read alone so opening need not wait for all. */
  const [newest, setNewest] = useState<{ records: Annotation[]; total: number }>();
  /** Every annotation, once read and checked. */
  const [annotations, setAnnotations] = useState<Annotation[]>();
  const [themes, setThemes] = useState<Theme[]>([]);
  const [filter, setFilter] = useState<AnnotationFilter>(NO_FILTER);
  const [listed, setListed] = useState(LIST_STEP);
  const [error, setError] = useState<string>();

  const read = (work: (store: LensStore) => Promise<void>) =>
    withStore(openStore, work).catch((e: unknown) => setError(`Your annotations could not be read: ${errorText(e)}`));

  const reload = () =>
    read(async (store) => {
      const [all, codebook] = await Promise.all([store.annotations.listAll(), store.themes.list()]);
      setAnnotations(all.records);
      setThemes(codebook.records);
    });

  const changes = useRef<StoreChanges | undefined>(undefined);
  // A layout effect, so reading starts as soon as the panel is in the document; an effect would
  // start only after the empty panel's first paint, a frame later.
  useLayoutEffect(() => {
    changes.current = joinStoreChanges(() => void reload());
    void read(async (store) => {
      const [first, codebook] = await Promise.all([store.annotations.listNewest(LIST_STEP), store.themes.list()]);
      setNewest(first);
      setThemes(codebook.records);
    })
      .then(() => afterPaint(window))
      .then(reload);
    return () => changes.current?.leave();
  }, []);

  /**
   * Re-reads after this panel's own write and tells other open panels about it, and the pages
   * showing the annotation's page (every page after an import, which has no one page).
   */
  const wrote = (annotation?: Annotation) => {
    changes.current?.announce(annotation?.url);
    return reload();
  };

  const { deleted, remove, undo } = useDeleteWithUndo(openStore, wrote, setError);

  /** A new filter starts the list from its top again. */
  const changeFilter = (next: AnnotationFilter) => {
    setFilter(next);
    setListed(LIST_STEP);
  };

  // Until every annotation is read, only the unfiltered list can be drawn: its newest part.
  const filtered = useMemo(() => annotations && filterAnnotations(annotations, filter), [annotations, filter]);
  const shown = filtered ?? (isFiltered(filter) ? undefined : newest?.records);
  const total = annotations?.length ?? newest?.total;
  const themeById = useMemo(() => new Map(themes.map((t) => [t.id, t])), [themes]);
  const counts = useMemo(() => (annotations === undefined ? undefined : countByTheme(annotations)), [annotations]);
  const pages = useMemo(() => (annotations === undefined ? [] : pagesOf(annotations)), [annotations]);
  const countOf = (n: number | undefined) => (n === undefined ? '' : ` (${n})`);

  const exportShown = (kind: ExportKind) =>
    download(exportAnnotations(kind, { themes, annotations: shown ?? [], exportedAt: now(), scope: isFiltered(filter) ? 'filtered' : 'all' }));

  return (
    <main class="sidepanel">
      <ThisPage {...thisPage} openStore={openStore} download={download} now={now} />
      <section class="all-annotations" aria-labelledby="all-annotations-title">
        <h2 id="all-annotations-title">All annotations</h2>
        {error !== undefined && <p role="alert">{error}</p>}
        <div class="filters">
          <label>
            Search
            <input type="search" value={filter.search} onInput={(e) => changeFilter({ ...filter, search: e.currentTarget.value })} />
          </label>
          <label>
            Theme
            <select value={filter.themeId} onChange={(e) => changeFilter({ ...filter, themeId: e.currentTarget.value })}>
              <option value="">All themes{countOf(total)}</option>
              {themes.map((t) => (
                <option value={t.id} key={t.id}>
                  {t.label}
                  {countOf(counts === undefined ? undefined : (counts.get(t.id) ?? 0))}
                </option>
              ))}
            </select>
          </label>
          <label>
            Page
            <select value={filter.url} onChange={(e) => changeFilter({ ...filter, url: e.currentTarget.value })}>
              <option value="">All pages{countOf(annotations === undefined ? undefined : pages.length)}</option>
              {pages.map((p) => (
                <option value={p.url} key={p.url}>
                  {p.label} ({p.count})
                </option>
              ))}
            </select>
          </label>
          <div class="dates">
            <label>
              From
              <input type="date" value={filter.from} max={filter.to || undefined} onInput={(e) => changeFilter({ ...filter, from: e.currentTarget.value })} />
            </label>
            <label>
              To
              <input type="date" value={filter.to} min={filter.from || undefined} onInput={(e) => changeFilter({ ...filter, to: e.currentTarget.value })} />
            </label>
          </div>
        </div>
        <ExportButtons label="Export all annotations" disabled={annotations === undefined || shown?.length === 0} onExport={exportShown} />
        <ImportPanel openStore={openStore} startImportWorker={startImportWorker} imported={wrote} />
        {deleted !== undefined && (
          <p role="status" class="undo">
            Annotation deleted.{' '}
            <button type="button" onClick={() => void undo(deleted)}>
              Undo
            </button>
          </p>
        )}
        {shown === undefined || total === undefined ? (
          <p role="status">Reading your annotations…</p>
        ) : (
          <>
            <p role="status">{annotations === undefined || shown.length === total ? `${counted(total, 'annotation')}.` : `${shown.length} of ${counted(total, 'annotation')}.`}</p>
            <ul class="annotations" aria-label="Annotations" aria-busy={annotations === undefined ? 'true' : 'false'}>
              {shown.slice(0, listed).map((a) => (
                <li key={a.id} class="annotation">
                  <blockquote>{a.quote.exact}</blockquote>
                  {a.note !== '' && <p class="note">{a.note}</p>}
                  <ul class="themes" aria-label="Themes">
                    {a.themeIds.map((id) => {
                      const theme = themeById.get(id);
                      return (
                        <li key={id} class="theme">
                          <span class="swatch" style={{ background: theme?.color ?? '#888888' }} aria-hidden="true" />
                          {theme?.label ?? id}
                        </li>
                      );
                    })}
                  </ul>
                  <p class="page">
                    <a
                      href={passageLink(a)}
                      title={a.url}
                      onClick={(e) => {
                        e.preventDefault();
                        openPage(e.currentTarget.href).catch(() => setError('The page could not be opened.'));
                      }}
                    >
                      {a.title !== '' ? a.title : a.url}
                    </a>
                  </p>
                  <button type="button" onClick={() => void remove(a)} aria-label={`Delete annotation: ${a.quote.exact.slice(0, 60)}`}>
                    Delete
                  </button>
                </li>
              ))}
            </ul>
            {shown.length > listed && (
              <button type="button" onClick={() => setListed(listed + LIST_STEP)}>
                Show more
              </button>
            )}
          </>
        )}
      </section>
    </main>
  );
}
