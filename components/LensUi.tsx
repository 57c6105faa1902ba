/**
 * Everything the extension shows inside a page, in its own shadow root: the tagging toolbar
 * beside a selection, the card of a tagged passage, and the notice after a change (with undo).
 * It renders what the in-page controller (lib/annotations-in-page.ts) says to show.
 */
import type { AnnotationActions, AnnotationView } from '../lib/annotations-in-page.ts';
import { AnnotationCard } from './AnnotationCard.tsx';
import { TagToolbar } from './TagToolbar.tsx';

export interface LensUiProps {
  view: AnnotationView;
  actions: AnnotationActions;
}

export function LensUi({ view, actions }: LensUiProps) {
  const { toolbar, card, notice } = view;
  return (
    <>
      {toolbar && (
        <div class="anchor" style={{ left: `${toolbar.at.x}px`, top: `${toolbar.at.y}px` }}>
          {toolbar.refusal ? (
            <div role="toolbar" aria-label="Tag passage" class="toolbar" onKeyDown={(e) => e.key === 'Escape' && actions.closeToolbar()}>
              <p role="alert" class="message error">
                {toolbar.refusal}
              </p>
              <div class="actions">
                <button type="button" autoFocus={toolbar.focus} onClick={actions.closeToolbar}>
                  Close
                </button>
              </div>
            </div>
          ) : (
            <TagToolbar
              passage={toolbar.passage}
              suggestions={toolbar.suggestions}
              themes={view.themes}
              tagged={toolbar.tagged}
              note={toolbar.note}
              {...(toolbar.message ? { message: toolbar.message } : {})}
              onTag={actions.tag}
              onUntag={actions.untag}
              onCreateTheme={actions.createTheme}
              onNote={actions.setNote}
              {...(toolbar.editing ? { onDelete: actions.deleteEdited } : {})}
              onClose={actions.closeToolbar}
              focus={toolbar.focus}
            />
          )}
        </div>
      )}
      {card && (
        <div class="anchor" style={{ left: `${card.at.x}px`, top: `${card.at.y}px` }}>
          <AnnotationCard
            annotation={card.annotation}
            themes={new Map(view.themes.map((t) => [t.id, t]))}
            onEdit={actions.editCard}
            onDelete={actions.deleteCard}
            onClose={actions.closeCard}
          />
        </div>
      )}
      {notice && (
        <div class="notice" role={notice.tone === 'error' ? 'alert' : 'status'}>
          <span>{notice.text}</span>
          {notice.undo && (
            <button type="button" onClick={actions.undo}>
              Undo
            </button>
          )}
        </div>
      )}
    </>
  );
}
