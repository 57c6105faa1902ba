import * as z from 'zod/mini';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { onTabMessage, reportStatus } from '../../lib/extension.ts';
import { runJudgementsInPage } from '../../lib/judgements-in-page.ts';
import { AUTOMATIC_MATCHES } from '../../lib/sites.ts';
import './highlights.css';

export default defineContentScript({
  matches: AUTOMATIC_MATCHES,
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_idle',
  main() {
    z.config({ jitless: true });
    runJudgementsInPage({ window, report: reportStatus, listen: onTabMessage });
  },
});
