/** The side panel's import worker: judges each File posted to it off the panel's thread (lib/import-off-thread.ts). */
import * as z from 'zod/mini';
import { answerPanel } from '../../lib/import-read.ts';
import type { ImportWorkerReply } from '../../lib/schema.ts';

z.config({ jitless: true });
const answer = answerPanel((reply: ImportWorkerReply) => self.postMessage(reply));
self.onmessage = ({ data }: MessageEvent<unknown>) => void answer(data);
