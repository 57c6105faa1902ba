/**
 * What a tagged passage carries, shown when the reader hovers or clicks it: its themes and note,
 * with edit and delete. Delete is undone from the notice that follows it (see LensUi).
 */
import type { Annotation, Theme } from '../lib/schema.ts';

export interface AnnotationCardProps {
  annotation: Annotation;
  themes: Map<string, Theme>;
  onEdit: () => void;
  onDelete: () => void;
  onClose: () => void;
}

export function AnnotationCard({ annotation, themes, onEdit, onDelete, onClose }: AnnotationCardProps) {
  return (
    <div
      role="dialog"
      aria-label="Annotation"
      class="card"
      onKeyDown={(e) => e.key === 'Escape' && (e.preventDefault(), onClose())}
    >
      <ul class="tagged" aria-label="Themes">
        {annotation.themeIds.map((id) => (
          <li key={id} class="chip" style={{ '--theme': themes.get(id)?.color ?? '#666' }}>
            {themes.get(id)?.label ?? id}
          </li>
        ))}
      </ul>
      {annotation.note ? <p class="note-text">{annotation.note}</p> : <p class="note-text empty">No note.</p>}
      <div class="actions">
        <button type="button" onClick={onEdit}>
          Edit
        </button>
        <button type="button" onClick={onDelete}>
          Delete
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
