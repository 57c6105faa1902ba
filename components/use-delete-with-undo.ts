/**
 * Delete with undo, as both parts of the side panel offer it: the store's delete returns the
 * record, kept here until the reader undoes it; after each write the caller re-reads (and may
 * tell the annotation's page).
 */
import { useState } from 'preact/hooks';
import type { Annotation } from '../lib/schema.ts';
import { withStore, type LensStore } from '../lib/store.ts';

export function useDeleteWithUndo(
  openStore: () => Promise<LensStore>,
  afterWrite: (annotation: Annotation) => Promise<unknown>,
  report: (problem: string) => void,
) {
  const [deleted, setDeleted] = useState<Annotation>();
  const remove = (annotation: Annotation) =>
    withStore(openStore, (store) => store.annotations.delete(annotation.id))
      .then((gone) => {
        setDeleted(gone);
        return afterWrite(annotation);
      })
      .catch(() => report('The annotation could not be deleted.'));
  const undo = (annotation: Annotation) =>
    withStore(openStore, (store) => store.annotations.restore(annotation))
      .then(() => {
        setDeleted(undefined);
        return afterWrite(annotation);
      })
      .catch(() => report('The annotation could not be restored.'));
  return { deleted, remove, undo };
}
