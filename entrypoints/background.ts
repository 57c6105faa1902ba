import * as z from 'zod/mini';
import { defineBackground } from 'wxt/utils/define-background';
import { forwardTaggingShortcut, serveContentScripts } from '../lib/extension.ts';
import { findJudgements } from '../lib/matcher.ts';
import { warmUpMatcher } from '../lib/matcher-warm-up.ts';
import { serveStoreRequests } from '../lib/store-service.ts';
import { openLensStore } from '../lib/store.ts';

export default defineBackground(() => {
  z.config({ jitless: true });
  serveContentScripts(serveStoreRequests(openLensStore), findJudgements);
  void warmUpMatcher();
  forwardTaggingShortcut();
  void navigator.storage?.persist?.();
});
