/**
 * Reading and judging an import file off the side panel's thread. Parsing and validating a large
 * export is one block of work that cannot be sliced (JSON.parse, then the schema over every
 * record): about a second for 10,000 annotations, during which a panel doing it would freeze. The
 * panel hands the File itself to a dedicated worker (a File is structured-cloneable, so the worker
 * reads it) and waits for the worker's replies, which it validates like any message it receives.
 */
import * as z from 'zod/mini';
import type { Parsed } from './import-parse.ts';
import { readExport } from './import-read.ts';
import { ImportWorkerReplySchema } from './schema.ts';

/**
 * Reads and judges `file` in a worker from `startWorker`, calling `read` once the file is read.
 * If the worker cannot start (the constructor throws, or its script fails to load or run, which
 * the worker reports only as an error event), the file is read and judged on this thread instead,
 * so import still works, only with the panel busy while it checks.
 */
export function readExportOffThread(file: File, startWorker: () => Worker, read: () => void | Promise<void>): Promise<Parsed> {
  let worker: Worker;
  try {
    worker = startWorker();
  } catch {
    return readExport(file, read);
  }
  return new Promise<Parsed>((resolve, reject) => {
    const finish = (parsed: Parsed | Promise<Parsed>) => {
      worker.terminate();
      resolve(parsed);
    };
    worker.onmessage = ({ data }: MessageEvent<unknown>) => {
      const reply = z.safeParse(ImportWorkerReplySchema, data);
      if (!reply.success) {
        worker.terminate();
        reject(new Error('the import worker sent a reply the panel does not understand'));
      } else if (reply.data.step === 'read') {
        void read();
      } else {
        finish(reply.data.parsed);
      }
    };
    worker.onerror = worker.onmessageerror = (event: Event) => {
      event.preventDefault();
      finish(readExport(file, read));
    };
    worker.postMessage(file);
  });
}
