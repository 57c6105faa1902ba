import * as z from 'zod/mini';
import { render } from 'preact';
import { defineContentScript } from 'wxt/utils/define-content-script';
import uiCss from '../../components/lens-ui.css?inline';
import { LensUi } from '../../components/LensUi.tsx';
import type { AnnotationActions, AnnotationView } from '../../lib/annotations-in-page.ts';
import { askStore, onTabMessage, reportStatus } from '../../lib/extension.ts';
import { runInPage } from '../../lib/in-page.ts';
import { AUTOMATIC_MATCHES } from '../../lib/sites.ts';
import { createUiHost, isInUiHost } from '../../lib/ui-host.ts';
import './highlights.css';

export default defineContentScript({
  matches: AUTOMATIC_MATCHES,
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_idle',
  main() {
    z.config({ jitless: true });
    // The UI host joins the page only when there is something to show.
    let container: HTMLElement | undefined;
    const show = (view: AnnotationView, actions: AnnotationActions) =>
      render(<LensUi view={view} actions={actions} />, (container ??= createUiHost(document, uiCss)));
    runInPage({ window, report: reportStatus, listen: onTabMessage, ask: askStore, show, isOwnUi: isInUiHost });
  },
});
