/**
 * The side panel's "This page": what the extension found in the reader's current tab. Its
 * judgement phrases (counts per tone, a tone bar labelled in words so colour is never the only
 * cue, and every phrase in reading order with its sentence, each a button that takes the page to
 * it), then the reader's annotations on the page by theme, each with edit (themes and note) and
 * delete, and apart from them the orphans: saved for this page, but their passage is no longer
 * there. Its export buttons write every annotation of the page, orphans too, as scope `page`.
 *
 * It follows the reader: another tab, a reload or a new page in the tab, and a write anywhere
 * (a passage tagged in any tab, a change in any panel) each show the page afresh. The page itself
 * is only asked (see lib/extension.ts); annotations are read from and written to the store, like
 * "All annotations", so a delete here is the same delete, with the same undo. After a write made
 * in this panel the page is told to repaint, as IndexedDB tells it nothing.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { exportAnnotations, type ExportFile } from '../lib/export.ts';
import { TONES, type Annotation, type JudgementList, type PageState, type Theme, type Tone } from '../lib/schema.ts';
import { joinStoreChanges, type StoreChanges } from '../lib/store-changes.ts';
import { withStore, type LensStore } from '../lib/store.ts';
import { ExportButtons } from './ExportButtons.tsx';
import { useDeleteWithUndo } from './use-delete-with-undo.ts';
import './this-page.css';

/** How the panel reaches the tab's content script. */
export interface PageLink {
  listJudgements(tabId: number): Promise<JudgementList>;
  revealJudgement(tabId: number, index: number): Promise<boolean>;
  pageState(tabId: number): Promise<PageState>;
  /** Tells the tabs showing `url` (any page, when undefined) to repaint; settles once they have. */
  pagesChanged(url: string | undefined): Promise<void>;
}

export interface ThisPageProps {
  /**
   * Calls `show` with the tab to describe (undefined when there is none), now and again whenever
   * it changes or its page does; returns a function that stops.
   */
  followTab: (show: (tabId: number | undefined) => void) => () => void;
  link: PageLink;
  openStore: () => Promise<LensStore>;
  download: (file: ExportFile) => void;
  now: () => Date;
}

const TONE_LABELS: Record<Tone, string> = { strength: 'Strengths', concern: 'Concerns', mixed: 'Mixed' };

interface Found {
  tabId: number;
  judgements: JudgementList;
  placed: Annotation[];
  orphans: Annotation[];
  themes: Theme[];
}

/** An annotation being edited, in one of the lists that show it. */
interface Editing {
  list: string;
  id: string;
}

const short = (a: Annotation) => a.quote.exact.slice(0, 60);

export function ThisPage({ followTab, link, openStore, download, now }: ThisPageProps) {
  const [found, setFound] = useState<Found>();
  const [problem, setProblem] = useState<string>();
  const [editing, setEditing] = useState<Editing>();
  /** The tab described now, and the number of the latest read, so a slower earlier one is dropped. */
  const tab = useRef<number | undefined>(undefined);
  const reads = useRef(0);

  const load = async (id: number, read: number) => {
    const [judgements, state] = await Promise.all([link.listJudgements(id), link.pageState(id)]);
    // Only this page's annotations are read, not the reader's whole collection. The store says
    // which there are (the page may not have heard of a change yet); the page says which it could
    // not place.
    const [annotations, codebook] = await withStore(openStore, (store) =>
      Promise.all([store.annotations.listByUrl(state.url), store.themes.list()]),
    );
    if (read !== reads.current) return;
    const orphaned = new Set(state.orphans);
    setFound({
      tabId: id,
      judgements,
      placed: annotations.records.filter((a) => !orphaned.has(a.id)),
      orphans: annotations.records.filter((a) => orphaned.has(a.id)),
      themes: codebook.records,
    });
    setProblem(undefined);
  };
  const reload = async () => {
    const read = ++reads.current;
    const id = tab.current;
    try {
      if (id === undefined) throw new Error('no tab');
      await load(id, read);
    } catch {
      if (read !== reads.current) return;
      setFound(undefined);
      setProblem('Inspection Lens is not running in this tab, so there is nothing to show for it.');
    }
  };

  const changes = useRef<StoreChanges | undefined>(undefined);
  useEffect(() => {
    changes.current = joinStoreChanges(
      () => void reload(),
      (url) =>
        void link.pagesChanged(url).then(
          () => reload(),
          () => setProblem('The page could not be updated with your change; reload it to see it.'),
        ),
    );
    const stop = followTab((id) => {
      tab.current = id;
      void reload();
    });
    return () => {
      stop();
      changes.current?.leave();
    };
  }, []);

  /**
   * Re-reads after this panel's own write, and tells the other panels and the page about it. The
   * panel reads twice: at once, so the reader sees their change, and again once the page has
   * repainted (the `wroteHere` handler above), as only the page knows which annotations it could
   * not place.
   */
  const wrote = (annotation: Annotation) => {
    changes.current?.announce(annotation.url);
    return reload();
  };

  const { deleted, remove, undo } = useDeleteWithUndo(openStore, wrote, setProblem);

  const save = (annotation: Annotation, themeIds: string[], note: string) =>
    withStore(openStore, (store) => store.annotations.put({ ...annotation, themeIds, note, updatedAt: now().toISOString() }))
      .then((saved) => {
        setEditing(undefined);
        return wrote(saved);
      })
      .catch(() => setProblem('The annotation could not be saved.'));

  const reveal = (index: number) => {
    if (!found) return;
    link.revealJudgement(found.tabId, index).catch(() => setProblem('The page could not be scrolled to that phrase.'));
  };

  const list = (label: string, annotations: Annotation[]) => (
    <AnnotationList
      label={label}
      annotations={annotations}
      themes={found?.themes ?? []}
      editing={editing?.list === label ? editing.id : undefined}
      edit={(a) => setEditing(a && { list: label, id: a.id })}
      save={save}
      remove={remove}
    />
  );

  return (
    <section class="this-page" aria-labelledby="this-page-title">
      <h2 id="this-page-title">This page</h2>
      {problem !== undefined && <p role="alert">{problem}</p>}
      {deleted !== undefined && (
        <p role="status" class="undo">
          Annotation deleted from this page.{' '}
          <button type="button" onClick={() => void undo(deleted)}>
            Undo delete on this page
          </button>
        </p>
      )}
      {found !== undefined && (
        <>
          <Judgements list={found.judgements} reveal={reveal} />
          <h3>Annotations on this page</h3>
          <ExportButtons
            label="Export this page"
            disabled={found.placed.length + found.orphans.length === 0}
            onExport={(kind) =>
              download(exportAnnotations(kind, { themes: found.themes, annotations: [...found.placed, ...found.orphans], exportedAt: now(), scope: 'page' }))
            }
          />
          {found.placed.length === 0 ? (
            <p>No annotations placed on this page.</p>
          ) : (
            themeGroups(found.placed, found.themes).map(({ id, label }) => (
              <div key={id}>
                <h4>{label}</h4>
                {list(
                  `Theme: ${label}`,
                  found.placed.filter((a) => a.themeIds.includes(id)),
                )}
              </div>
            ))
          )}
          {found.orphans.length > 0 && (
            <>
              <h3>Orphaned</h3>
              <p>Saved for this page, but their passage is no longer on it. They are kept.</p>
              {list('Orphaned', found.orphans)}
            </>
          )}
        </>
      )}
    </section>
  );
}

/**
 * The themes the annotations carry, in the codebook's order, then any the codebook no longer
 * has (named by id), so that no annotation is left out of the list.
 */
function themeGroups(annotations: Annotation[], themes: Theme[]): { id: string; label: string }[] {
  const used = new Set(annotations.flatMap((a) => a.themeIds));
  const known = themes.filter((t) => used.has(t.id));
  for (const t of known) used.delete(t.id);
  return [...known.map(({ id, label }) => ({ id, label })), ...[...used].map((id) => ({ id, label: id }))];
}

function Judgements({ list, reveal }: { list: JudgementList; reveal: (index: number) => void }) {
  const counts: Record<Tone, number> = { strength: 0, concern: 0, mixed: 0 };
  for (const { tone } of list.phrases) counts[tone]++;
  return (
    <>
      <h3>Judgements</h3>
      {/* Each segment's width is its share of the phrases, and it says its tone and count in words. */}
      <ul class="tone-bar" aria-label="Judgements by tone">
        {TONES.map((tone) => (
          <li key={tone} class={`tone-${tone}`} style={{ flexGrow: counts[tone] }}>
            {TONE_LABELS[tone]}: {counts[tone]}
          </li>
        ))}
      </ul>
      {list.phrases.length === 0 ? (
        <p>No judgement language found on this page.</p>
      ) : (
        <ol class="phrases" aria-label="Judgement phrases">
          {list.phrases.map((phrase, index) => (
            <li key={index}>
              <button type="button" class={`tone-${phrase.tone}`} onClick={() => reveal(index)}>
                <strong>{phrase.text}</strong> ({TONE_LABELS[phrase.tone]})
                <span class="sentence">{phrase.sentence}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

interface AnnotationListProps {
  label: string;
  annotations: Annotation[];
  themes: Theme[];
  /** The id of the annotation being edited in this list. */
  editing: string | undefined;
  /** Opens the editor for an annotation, or closes it. */
  edit: (annotation: Annotation | undefined) => void;
  save: (annotation: Annotation, themeIds: string[], note: string) => void;
  remove: (annotation: Annotation) => void;
}

function AnnotationList({ label, annotations, themes, editing, edit, save, remove }: AnnotationListProps) {
  return (
    <ul class="annotations" aria-label={label}>
      {annotations.map((a) => (
        <li key={a.id} class="annotation">
          <blockquote>{a.quote.exact}</blockquote>
          {editing === a.id ? (
            <AnnotationEditor annotation={a} themes={themes} save={save} cancel={() => edit(undefined)} />
          ) : (
            <>
              {a.note !== '' && <p class="note">{a.note}</p>}
              <button type="button" onClick={() => edit(a)} aria-label={`Edit annotation: ${short(a)}`}>
                Edit
              </button>{' '}
              <button type="button" onClick={() => remove(a)} aria-label={`Delete annotation: ${short(a)}`}>
                Delete
              </button>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

interface AnnotationEditorProps {
  annotation: Annotation;
  themes: Theme[];
  save: (annotation: Annotation, themeIds: string[], note: string) => void;
  cancel: () => void;
}

/** Retag and edit the note: the codebook's themes as checkboxes (and any the codebook lost). */
function AnnotationEditor({ annotation, themes, save, cancel }: AnnotationEditorProps) {
  const [chosen, setChosen] = useState(annotation.themeIds);
  const [note, setNote] = useState(annotation.note);
  const known = new Set(themes.map((t) => t.id));
  const options = [
    ...themes.map((t) => ({ id: t.id, label: t.label })),
    ...annotation.themeIds.filter((id) => !known.has(id)).map((id) => ({ id, label: id })),
  ];
  // The reader's order is kept: themes they keep stay where they were, new ones come last.
  const toggle = (id: string, on: boolean) => setChosen(on ? [...chosen, id] : chosen.filter((c) => c !== id));
  return (
    <form
      class="edit"
      aria-label={`Edit annotation: ${short(annotation)}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen.length > 0) save(annotation, chosen, note);
      }}
      onKeyDown={(e) => e.key === 'Escape' && cancel()}
    >
      <fieldset>
        <legend>Themes</legend>
        {options.map((t) => (
          <label key={t.id}>
            <input type="checkbox" checked={chosen.includes(t.id)} onChange={(e) => toggle(t.id, e.currentTarget.checked)} /> {t.label}
          </label>
        ))}
      </fieldset>
      {chosen.length === 0 && <p role="alert">Keep at least one theme, or delete the annotation instead.</p>}
      <label>
        Note
        <textarea value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
      <button type="submit" disabled={chosen.length === 0}>
        Save
      </button>{' '}
      <button type="button" onClick={cancel}>
        Cancel
      </button>
    </form>
  );
}
