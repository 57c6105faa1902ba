/**
 * The side panel's "This page": what the extension found in the reader's current tab. Its
 * judgement phrases (counts per tone, a tone bar labelled in words so colour is never the only
 * cue, and every phrase in reading order with its sentence, each a button that takes the page to
 * it), then the reader's annotations on the page by theme, and apart from them the orphans: saved
 * for this page, but their passage is no longer there.
 *
 * The page itself is only asked (see lib/extension.ts); annotations are read from the store, like
 * "All annotations", so a delete here is the same delete, with the same undo.
 */
import { useEffect, useState } from 'preact/hooks';
import { TONES, type Annotation, type JudgementList, type PageState, type Theme, type Tone } from '../lib/schema.ts';
import { withStore, type LensStore } from '../lib/store.ts';
import { useDeleteWithUndo } from './use-delete-with-undo.ts';
import './this-page.css';

/** How the panel reaches the tab's content script. */
export interface PageLink {
  listJudgements(tabId: number): Promise<JudgementList>;
  revealJudgement(tabId: number, index: number): Promise<boolean>;
  pageState(tabId: number): Promise<PageState>;
}

export interface ThisPageProps {
  /** The tab the panel describes; undefined when there is none. */
  tabId: Promise<number | undefined>;
  link: PageLink;
  openStore: () => Promise<LensStore>;
}

const TONE_LABELS: Record<Tone, string> = { strength: 'Strengths', concern: 'Concerns', mixed: 'Mixed' };

interface Found {
  tabId: number;
  judgements: JudgementList;
  placed: Annotation[];
  orphans: Annotation[];
  themes: Theme[];
}

export function ThisPage({ tabId, link, openStore }: ThisPageProps) {
  const [found, setFound] = useState<Found>();
  const [problem, setProblem] = useState<string>();

  const load = async () => {
    const id = await tabId;
    if (id === undefined) throw new Error('no tab');
    const [judgements, state] = await Promise.all([link.listJudgements(id), link.pageState(id)]);
    // Only this page's annotations are read, by id, not the reader's whole collection.
    const [annotations, codebook] = await withStore(openStore, (store) =>
      Promise.all([Promise.all([...state.placed, ...state.orphans].map((i) => store.annotations.get(i))), store.themes.list()]),
    );
    const byId = new Map(annotations.flatMap((a) => (a ? [[a.id, a] as const] : [])));
    const pick = (ids: string[]) => ids.flatMap((i) => byId.get(i) ?? []);
    setFound({ tabId: id, judgements, placed: pick(state.placed), orphans: pick(state.orphans), themes: codebook.records });
    setProblem(undefined);
  };
  const reload = () =>
    load().catch(() => setProblem('Inspection Lens is not running in this tab, so there is nothing to show for it.'));

  useEffect(() => void reload(), []);

  const { deleted, remove, undo } = useDeleteWithUndo(openStore, reload, setProblem);

  const reveal = (index: number) => {
    if (!found) return;
    link.revealJudgement(found.tabId, index).catch(() => setProblem('The page could not be scrolled to that phrase.'));
  };

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
          {found.placed.length === 0 ? (
            <p>No annotations placed on this page.</p>
          ) : (
            found.themes
              .filter((theme) => found.placed.some((a) => a.themeIds.includes(theme.id)))
              .map((theme) => (
                <div key={theme.id}>
                  <h4>{theme.label}</h4>
                  <AnnotationList
                    label={`Theme: ${theme.label}`}
                    annotations={found.placed.filter((a) => a.themeIds.includes(theme.id))}
                    remove={remove}
                  />
                </div>
              ))
          )}
          {found.orphans.length > 0 && (
            <>
              <h3>Orphaned</h3>
              <p>Saved for this page, but their passage is no longer on it. They are kept.</p>
              <AnnotationList label="Orphaned" annotations={found.orphans} remove={remove} />
            </>
          )}
        </>
      )}
    </section>
  );
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

function AnnotationList({ label, annotations, remove }: { label: string; annotations: Annotation[]; remove: (a: Annotation) => void }) {
  return (
    <ul class="annotations" aria-label={label}>
      {annotations.map((a) => (
        <li key={a.id} class="annotation">
          <blockquote>{a.quote.exact}</blockquote>
          {a.note !== '' && <p class="note">{a.note}</p>}
          <button type="button" onClick={() => remove(a)} aria-label={`Delete annotation: ${a.quote.exact.slice(0, 60)}`}>
            Delete
          </button>
        </li>
      ))}
    </ul>
  );
}
