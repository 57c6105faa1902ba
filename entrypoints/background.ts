import * as z from 'zod/mini';
import { defineBackground } from 'wxt/utils/define-background';
import { keepTabStatuses } from '../lib/extension.ts';

export default defineBackground(() => {
  z.config({ jitless: true });
  keepTabStatuses();
});
