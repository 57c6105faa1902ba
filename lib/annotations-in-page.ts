/**
 * The reader's annotations inside a page: brings saved passages back (re-anchored, or kept as
 * orphans when the page lost them), turns a selection into a tagged passage, and answers the UI.
 * When they change elsewhere (another tab on the same page, the side panel) it re-reads them and
 * repaints: deleted passages go, new ones are placed, retagged ones move to their new themes.
 *
 * It never touches the database: every read and write is a request to the background (`ask`),
 * and a change is shown as saved only once the background confirms its transaction committed.
 * The UI itself is drawn elsewhere (`show`), from the view this module computes.
 */
import { anchorPassage, describePassage } from './anchoring.ts';
import { AnnotationPainter } from './annotation-painter.ts';
import { createTheme, suggestThemes } from './codebook.ts';
import { errorText } from './error-text.ts';
import { afterRendering } from './page-ready.ts';
import { normalisePageUrl } from './page-identity.ts';
import { livePageText } from './live-page-text.ts';
import type { PageText, TextSpan } from './page-text-model.ts';
import {
  AnnotationSchema,
  MAX_PASSAGE_CHARS,
  PageAnnotationsSchema,
  ThemeSchema,
  type Annotation,
  type PageAnnotations,
  type PageState,
  type StoreRequest,
  type Theme,
} from './schema.ts';

export interface Point {
  x: number;
  y: number;
}

export interface Message {
  text: string;
  tone: 'info' | 'error';
}

/** What the in-page UI shows now. */
export interface AnnotationView {
  themes: Theme[];
  toolbar?: {
    at: Point;
    passage: string;
    suggestions: Theme[];
    tagged: string[];
    note: string;
    /** The passage is an existing annotation. */
    editing: boolean;
    /** Why this selection cannot be tagged, instead of the tagging controls. */
    refusal?: string;
    message?: Message;
    /** Move keyboard focus into the toolbar (opened by the shortcut). */
    focus: boolean;
  };
  card?: { at: Point; annotation: Annotation };
  notice?: Message & { undo?: boolean };
}

export interface AnnotationActions {
  tag(themeId: string, note: string): void;
  untag(themeId: string): void;
  createTheme(label: string, note: string): void;
  setNote(note: string): void;
  deleteEdited(): void;
  closeToolbar(): void;
  editCard(): void;
  deleteCard(): void;
  closeCard(): void;
  undo(): void;
}

export interface AnnotationWiring {
  window: Window & typeof globalThis;
  /** Sends a request to the background's store; resolves once it is done (see extension.ts). */
  ask: (request: StoreRequest) => Promise<unknown>;
  /** Draws the UI. */
  show: (view: AnnotationView, actions: AnnotationActions) => void;
  /** Whether a node belongs to the extension's own UI. */
  isOwnUi: (node: Node) => boolean;
}

export interface AnnotationsInPage {
  /** Opens the toolbar for the current selection (the keyboard shortcut). */
  openToolbar(): void;
  /** Which saved annotations are painted and which are orphans, once they have been placed. */
  pageState(): Promise<PageState>;
  /**
   * Re-reads the page's annotations after a change elsewhere and shows what the store holds;
   * settles once it does. `changedUrl` is the page that changed (any page when undefined).
   */
  changed(changedUrl: string | undefined): Promise<void>;
}

/** A passage being tagged: where it is, and the annotation once it has one. */
interface Draft {
  /** The annotation's id, fixed when the draft is made, so saves of one passage never fork. */
  id: string;
  span: TextSpan;
  /** The page's text as read when the draft was made, which `span` is an offset into. */
  text: PageText;
  passage: string;
  at: Point;
  note: string;
  annotation?: Annotation;
  /** Its saves, one after another, each applied to the result of the one before. */
  saves: Promise<void>;
  /** This passage's own line: saving, saved, or what went wrong. */
  message?: Message;
}

const SELECTION_SETTLE_MS = 300;
/** Room the toolbar needs, so it opens below the selection only where it fits. */
const TOOLBAR_SIZE = { width: 360, height: 300 };

/** Where the toolbar goes: below the selection, above it when there is no room, always on screen. */
function besideSelection(box: DOMRect, view: Window): Point {
  const below = box.bottom + 8;
  const above = box.top - 8 - TOOLBAR_SIZE.height;
  const y = below + TOOLBAR_SIZE.height <= view.innerHeight || above < 0 ? below : above;
  return {
    x: Math.max(8, Math.min(box.left, view.innerWidth - TOOLBAR_SIZE.width - 8)),
    y: Math.max(8, Math.min(y, view.innerHeight - TOOLBAR_SIZE.height)),
  };
}

/**
 * A new annotation id: 128 random bits as hex. Not `crypto.randomUUID()`, which exists only in
 * secure contexts, and many council sites are still served over plain http.
 */
function randomId(crypto: Crypto): string {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}
const HOVER_HIDE_MS = 400;

/** Whether two records of one annotation are found on the page by the same quote and position. */
const sameAnchor = (a: Annotation, b: Annotation) =>
  a.position.start === b.position.start &&
  a.position.end === b.position.end &&
  a.quote.exact === b.quote.exact &&
  a.quote.prefix === b.quote.prefix &&
  a.quote.suffix === b.quote.suffix;

/** Whether a record shows anything different from another of the same annotation. */
const sameRecord = (a: Annotation, b: Annotation) =>
  sameAnchor(a, b) && a.updatedAt === b.updatedAt && a.note === b.note && a.themeIds.join() === b.themeIds.join();

export function runAnnotationsInPage(wiring: AnnotationWiring): AnnotationsInPage {
  const { window: view, ask, show, isOwnUi } = wiring;
  const now = () => new Date();
  const newId = () => randomId(view.crypto);
  const doc = view.document;
  const url = normalisePageUrl(view.location.href);
  const painter = new AnnotationPainter(view, view.CSS.highlights);

  let themes: Theme[] = [];
  const annotations = new Map<string, Annotation>();
  const orphans = new Set<string>();
  let draft: Draft | undefined;
  /** The passage whose toolbar the reader closed: it stays closed until the selection changes. */
  let dismissed: TextSpan | undefined;
  let refusal: { at: Point; text: string } | undefined;
  let focusToolbar = false;
  let card: { at: Point; annotation: Annotation } | undefined;
  let notice: AnnotationView['notice'];
  let deleted: Annotation | undefined;
  /** This page's own writes confirmed so far: a re-read that one overlapped is done again. */
  let writes = 0;

  const render = () => {
    const toolbar: AnnotationView['toolbar'] = refusal
      ? { at: refusal.at, passage: '', suggestions: [], tagged: [], note: '', editing: false, refusal: refusal.text, focus: focusToolbar }
      : draft && {
          at: draft.at,
          passage: draft.passage,
          suggestions: suggestThemes(themes, draft.passage),
          tagged: draft.annotation?.themeIds ?? [],
          note: draft.annotation?.note ?? draft.note,
          editing: draft.annotation !== undefined,
          ...(draft.message ? { message: draft.message } : {}),
          focus: focusToolbar,
        };
    show(
      {
        themes,
        ...(toolbar ? { toolbar } : {}),
        ...(card && !toolbar ? { card } : {}),
        ...(notice ? { notice } : {}),
      },
      actions,
    );
    focusToolbar = false;
  };

  const readText = livePageText(doc);

  /** Paints an annotation where the page's text now has it, or keeps it as an orphan. */
  const place = (annotation: Annotation, text: PageText) => {
    annotations.set(annotation.id, annotation);
    const anchor = anchorPassage(text.text, annotation);
    const range = anchor && text.rangeFor(anchor.start, anchor.end);
    if (range) {
      orphans.delete(annotation.id);
      painter.paint(annotation, range);
    } else {
      orphans.add(annotation.id);
      painter.unpaint(annotation.id);
    }
  };

  /** Takes an annotation off the page: it is no longer saved. */
  const forget = (id: string) => {
    painter.unpaint(id);
    annotations.delete(id);
    orphans.delete(id);
  };

  const makeDraft = (fields: Omit<Draft, 'id' | 'saves'>): Draft => ({
    id: fields.annotation?.id ?? newId(),
    saves: Promise.resolve(),
    ...fields,
  });

  const save = async (annotation: Annotation, of: Draft): Promise<Annotation> => {
    of.message = { text: 'Saving…', tone: 'info' };
    render();
    const saved = AnnotationSchema.parse(await ask({ type: 'annotations/save', annotation }));
    writes++;
    of.message = { text: 'Saved.', tone: 'info' };
    return saved;
  };

  const failed = (what: string, of?: Draft) => (error: unknown) => {
    const reason = errorText(error);
    if (of) of.message = { text: `${what} failed: ${reason}. Nothing was lost; try again.`, tone: 'error' };
    notice = { text: `${what} failed: ${reason}.`, tone: 'error' };
    render();
  };

  /** Saves the draft's annotation with `change` applied (creating it first if needed). */
  const updateDraft = (change: (a: Annotation) => Annotation, what: string) => {
    const current = draft;
    if (!current) return;
    const write = async () => {
      const stamp = now().toISOString();
      const base = current.annotation ?? newAnnotation(current, stamp);
      const saved = await save({ ...change(base), updatedAt: stamp }, current);
      current.annotation = saved;
      annotations.set(saved.id, saved);
      orphans.delete(saved.id);
      const range = painter.rangeOf(saved.id) ?? current.text.rangeFor(current.span.start, current.span.end);
      if (range) painter.paint(saved, range);
      render();
    };
    current.saves = current.saves.then(write).catch(failed(what, current));
  };

  const newAnnotation = (from: Draft, stamp: string): Annotation => {
    const { quote, position } = describePassage(from.text.text, from.span.start, from.span.end);
    return { id: from.id, url, title: doc.title, quote, position, themeIds: [], note: from.note, createdAt: stamp, updatedAt: stamp };
  };

  const remove = (annotation: Annotation) => {
    ask({ type: 'annotations/delete', id: annotation.id }).then(() => {
      writes++;
      forget(annotation.id);
      deleted = annotation;
      notice = { text: 'Annotation deleted.', tone: 'info', undo: true };
      draft = undefined;
      card = undefined;
      render();
    }, failed('Deleting'));
  };

  const actions: AnnotationActions = {
    tag: (themeId, note) =>
      updateDraft((a) => ({ ...a, note, themeIds: a.themeIds.includes(themeId) ? a.themeIds : [...a.themeIds, themeId] }), 'Saving'),
    untag: (themeId) => {
      const annotation = draft?.annotation;
      if (!annotation) return;
      if (annotation.themeIds.length === 1 && annotation.themeIds[0] === themeId) return remove(annotation);
      updateDraft((a) => ({ ...a, themeIds: a.themeIds.filter((id) => id !== themeId) }), 'Saving');
    },
    createTheme: (label, note) => {
      const theme = createTheme(label, themes, now());
      ask({ type: 'themes/save', theme }).then((saved) => {
        const stored = ThemeSchema.parse(saved);
        writes++;
        themes = [...themes, stored];
        painter.setThemes(themes);
        actions.tag(stored.id, note);
      }, failed('Creating the theme', draft));
    },
    setNote: (note) => {
      if (!draft) return;
      if (draft.annotation) updateDraft((a) => ({ ...a, note }), 'Saving the note');
      else draft.note = note;
    },
    deleteEdited: () => draft?.annotation && remove(draft.annotation),
    closeToolbar: () => {
      dismissed = draft?.span;
      draft = undefined;
      refusal = undefined;
      render();
    },
    editCard: () => {
      if (!card) return;
      const { annotation, at } = card;
      const text = readText();
      const anchor = anchorPassage(text.text, annotation);
      card = undefined;
      draft = makeDraft({
        span: anchor ? { start: anchor.start, end: anchor.end } : annotation.position,
        text,
        passage: annotation.quote.exact,
        at,
        note: annotation.note,
        annotation,
      });
      focusToolbar = true;
      render();
    },
    deleteCard: () => card && remove(card.annotation),
    closeCard: () => {
      card = undefined;
      render();
    },
    undo: () => {
      const annotation = deleted;
      if (!annotation) return;
      ask({ type: 'annotations/restore', annotation }).then(() => {
        writes++;
        deleted = undefined;
        place(annotation, readText());
        notice = { text: 'Annotation restored.', tone: 'info' };
        render();
      }, failed('Undo'));
    },
  };

  /** The toolbar for the current selection, or nothing when it cannot be tagged at all. */
  const considerSelection = (byShortcut: boolean) => {
    const selection = view.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) {
      if (byShortcut) {
        refusal = { at: { x: 16, y: 16 }, text: 'Select a passage first, then tag it.' };
        focusToolbar = true;
        render();
      }
      return;
    }
    const range = selection.getRangeAt(0);
    if (isOwnUi(range.commonAncestorContainer) || isInField(range.startContainer) || isInField(range.endContainer)) return;
    if (!selection.toString().trim()) return;
    const at = besideSelection(range.getBoundingClientRect(), view);
    const text = readText();
    const span = text.positionOf(range);
    if (!span) return;
    // The same selection again (focus moved, the selection was re-announced): keep the draft,
    // or keep the toolbar closed if the reader closed it.
    const same = (other?: TextSpan) => other?.start === span.start && other.end === span.end;
    if (!byShortcut && (same(draft?.span) || (!draft && same(dismissed)))) return;
    dismissed = undefined;
    const length = span.end - span.start;
    card = undefined;
    if (length > MAX_PASSAGE_CHARS) {
      draft = undefined;
      refusal = {
        at,
        text: `This passage is too long to tag: ${length.toLocaleString('en-GB')} characters, and the limit is ${MAX_PASSAGE_CHARS.toLocaleString('en-GB')}. Select a shorter passage.`,
      };
    } else {
      refusal = undefined;
      const existing = painter.at(range.startContainer, range.startOffset);
      draft = makeDraft(
        existing
          ? { span, text, passage: existing.quote.exact, at, note: existing.note, annotation: existing }
          : { span, text, passage: text.text.slice(span.start, span.end), at, note: '' },
      );
    }
    focusToolbar = byShortcut;
    render();
  };

  const isInField = (node: Node) => {
    const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
    return !!el && (el.closest('input, textarea, select') !== null || (el as HTMLElement).isContentEditable);
  };

  // Selections: after the mouse is released, or once a keyboard selection has settled.
  let mouseDown = false;
  let settle: ReturnType<typeof setTimeout> | undefined;
  doc.addEventListener('mousedown', (e) => {
    if (isOwnUi(e.target as Node)) return;
    mouseDown = true;
    if (draft || refusal) actions.closeToolbar();
  });
  doc.addEventListener('mouseup', (e) => {
    mouseDown = false;
    if (!isOwnUi(e.target as Node)) view.setTimeout(() => considerSelection(false), 0);
  });
  doc.addEventListener('selectionchange', () => {
    if (mouseDown || (doc.activeElement && isOwnUi(doc.activeElement))) return;
    clearTimeout(settle);
    settle = setTimeout(() => considerSelection(false), SELECTION_SETTLE_MS);
  });
  // A toolbar opened by the mouse does not take the focus, so Escape reaches the page: it closes
  // the toolbar (or the card) all the same. Keys pressed inside the extension's UI never get here.
  doc.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    if (draft || refusal) actions.closeToolbar();
    else if (card) actions.closeCard();
  });

  // Hovering or clicking a tagged passage shows its card.
  let hideCard: ReturnType<typeof setTimeout> | undefined;
  const annotationAtPoint = (x: number, y: number) => {
    const caret = doc.caretPositionFromPoint?.(x, y);
    return caret ? painter.at(caret.offsetNode, caret.offset) : undefined;
  };
  const showCardAt = (e: MouseEvent) => {
    if (isOwnUi(e.target as Node) || draft || refusal) {
      clearTimeout(hideCard);
      return;
    }
    const annotation = annotationAtPoint(e.clientX, e.clientY);
    if (annotation) {
      clearTimeout(hideCard);
      if (card?.annotation.id !== annotation.id) {
        card = { at: { x: e.clientX, y: e.clientY + 16 }, annotation };
        render();
      }
    } else if (card) {
      clearTimeout(hideCard);
      hideCard = setTimeout(() => {
        card = undefined;
        render();
      }, HOVER_HIDE_MS);
    }
  };
  // At most one hit test per 100 ms, always for the pointer's latest position.
  let latestMove: MouseEvent | undefined;
  doc.addEventListener('mousemove', (e) => {
    if (!latestMove) setTimeout(() => (showCardAt(latestMove!), (latestMove = undefined)), 100);
    latestMove = e;
  });
  doc.addEventListener('click', showCardAt);

  /** The page's annotations and the codebook as the store holds them after this page's own writes. */
  const readStored = async (): Promise<PageAnnotations> => {
    const before = writes;
    const found = PageAnnotationsSchema.parse(await ask({ type: 'annotations/for-page', url }));
    return writes === before ? found : readStored();
  };

  /**
   * Makes the page show what the store holds. Deleted annotations go; new ones are placed, and so
   * are those whose quote or position changed (an import); the rest keep the range they have and
   * are repainted in their themes, so a retag or a note never costs a walk of the page. The card
   * and the toolbar follow their annotation, and close with a word when it was deleted elsewhere.
   */
  const showStored = (found: PageAnnotations) => {
    themes = found.themes;
    painter.setThemes(themes);
    const stored = new Map(found.annotations.map((a) => [a.id, a]));
    for (const id of [...annotations.keys()]) if (!stored.has(id)) forget(id);
    // Reading the page's text costs a walk of the whole page: only when there is work for it.
    let text: PageText | undefined;
    for (const annotation of found.annotations) {
      const known = annotations.get(annotation.id);
      if (known && sameRecord(known, annotation)) continue;
      if (known && sameAnchor(known, annotation)) {
        annotations.set(annotation.id, annotation);
        const range = painter.rangeOf(annotation.id);
        if (range) painter.paint(annotation, range);
      } else place(annotation, (text ??= readText()));
    }
    let redraw = draft !== undefined || refusal !== undefined;
    let lost = false;
    if (card) {
      const latest = annotations.get(card.annotation.id);
      lost = latest === undefined;
      card = latest && { ...card, annotation: latest };
      redraw = true;
    }
    if (draft?.annotation) {
      const latest = annotations.get(draft.annotation.id);
      if (latest) draft.annotation = latest;
      else {
        draft = undefined;
        lost = true;
      }
    }
    if (deleted && stored.has(deleted.id)) {
      // Restored elsewhere: undoing here too would put back an older record over a newer one.
      deleted = undefined;
      if (notice?.undo) notice = undefined;
      redraw = true;
    }
    if (lost) notice = { text: 'This annotation was deleted in another tab or in the side panel.', tone: 'info' };
    if (redraw) render();
  };

  // The codebook is asked for at once (a reader may select before the page has settled);
  // saved passages are placed once the page has rendered.
  const page = readStored().then((found) => {
    themes = found.themes;
    painter.setThemes(themes);
    if (draft || refusal) render();
    return { found, at: writes };
  });
  const loaded = Promise.all([page, afterRendering(view)])
    .then(async ([{ found, at }]) => {
      showStored(at === writes ? found : await readStored());
      if (orphans.size > 0) {
        notice = {
          text: `${orphans.size} of your annotations on this page could not be placed: the page has changed. They are kept.`,
          tone: 'info',
        };
        render();
      }
    })
    .catch(failed('Loading your annotations'));

  /** Re-reads after changes elsewhere, one after another, each after the first placing. */
  let rereads = loaded;
  const changed = (changedUrl: string | undefined): Promise<void> => {
    if (changedUrl !== undefined && changedUrl !== url) return Promise.resolve();
    rereads = rereads.then(readStored).then(showStored).catch(failed('Updating your annotations'));
    return rereads;
  };

  const pageState = async (): Promise<PageState> => {
    await rereads;
    const ids = [...annotations.keys()];
    return { url, placed: ids.filter((id) => !orphans.has(id)), orphans: ids.filter((id) => orphans.has(id)) };
  };

  return { openToolbar: () => considerSelection(true), pageState, changed };
}
