import * as z from 'zod/mini';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { askStore, findInBackground, loadPageUi, onTabMessage, reportStatus } from '../../lib/extension.ts';
import { runInPage } from '../../lib/in-page.ts';
import { lazyShow } from '../../lib/lazy-ui.ts';
import { AUTOMATIC_MATCHES } from '../../lib/sites.ts';
import { isInUiHost } from '../../lib/ui-host.ts';
import './highlights.css';

export default defineContentScript({
  matches: AUTOMATIC_MATCHES,
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_idle',
  main() {
    z.config({ jitless: true });
    runInPage({
      window,
      report: reportStatus,
      find: findInBackground,
      listen: onTabMessage,
      ask: askStore,
      show: lazyShow(window, loadPageUi),
      isOwnUi: isInUiHost,
    });
  },
});
