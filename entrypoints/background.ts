import * as z from 'zod/mini';
import { defineBackground } from 'wxt/utils/define-background';
import { forwardTaggingShortcut, serveContentScripts } from '../lib/extension.ts';
import { findJudgements } from '../lib/matcher.ts';
import { serveStoreRequests } from '../lib/store-service.ts';
import { openStore } from '../lib/store.ts';

export default defineBackground(() => {
  z.config({ jitless: true });
  const open = () =>
    openStore(indexedDB, {
      onCorrupt: (problem) => console.warn('Inspection Lens skipped a corrupt record', problem),
    });
  serveContentScripts(serveStoreRequests(open), findJudgements);
  forwardTaggingShortcut();
  void navigator.storage?.persist?.();
});
