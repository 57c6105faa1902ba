/**
 * The in-page UI is a separate script, injected on first use (see entrypoints/lens-ui.content).
 * Both scripts share the extension's isolated world in the frame, so the UI script leaves its
 * renderer on the window under a symbol, and the content script draws through `lazyShow`, which
 * asks for the UI once and then draws the latest view.
 */
import type { AnnotationActions, AnnotationView } from './annotations-in-page.ts';

export type ShowUi = (view: AnnotationView, actions: AnnotationActions) => void;

const RENDERER = Symbol.for('inspection-lens/ui');
type WithRenderer = Window & { [RENDERER]?: ShowUi };

export function provideUi(window: Window, show: ShowUi): void {
  (window as WithRenderer)[RENDERER] = show;
}

/** A `show` that loads the UI (with `load`) the first time, then draws the latest view. */
export function lazyShow(window: Window, load: () => Promise<void>): ShowUi {
  let latest: Parameters<ShowUi> | undefined;
  let loading: Promise<void> | undefined;
  return (view, actions) => {
    latest = [view, actions];
    const show = (window as WithRenderer)[RENDERER];
    if (show) return show(view, actions);
    loading ??= load().then(
      () => (window as WithRenderer)[RENDERER]?.(...latest!),
      (error: unknown) => {
        loading = undefined;
        console.warn('Inspection Lens could not load its page UI', error);
      },
    );
  };
}
