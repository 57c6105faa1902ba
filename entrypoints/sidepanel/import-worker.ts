/** The side panel's import worker: judges each File posted to it off the panel's thread (lib/import-off-thread.ts). */
import * as z from 'zod/mini';
import { readExport } from '../../lib/import-read.ts';
import type { ImportWorkerReply } from '../../lib/schema.ts';

z.config({ jitless: true });
const post = (reply: ImportWorkerReply) => self.postMessage(reply);
self.onmessage = async ({ data }: MessageEvent<File>) => post({ step: 'checked', parsed: await readExport(data, () => post({ step: 'read' })) });
