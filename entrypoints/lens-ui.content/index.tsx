/**
 * The extension's in-page UI (Preact), loaded into a page only when the reader first needs it: a
 * selection to tag, a tagged passage to show. Keeping it out of the content script that every
 * matched page loads keeps that script small. It holds no zod: it validates nothing, it draws.
 */
import { render } from 'preact';
import { defineContentScript } from 'wxt/utils/define-content-script';
import uiCss from '../../components/lens-ui.css?inline';
import { LensUi } from '../../components/LensUi.tsx';
import { provideUi } from '../../lib/lazy-ui.ts';
import { AUTOMATIC_MATCHES } from '../../lib/sites.ts';
import { createUiHost } from '../../lib/ui-host.ts';

export default defineContentScript({
  matches: AUTOMATIC_MATCHES,
  registration: 'runtime',
  main() {
    let container: HTMLElement | undefined;
    provideUi(window, (view, actions) =>
      render(<LensUi view={view} actions={actions} />, (container ??= createUiHost(document, uiCss))),
    );
  },
});
