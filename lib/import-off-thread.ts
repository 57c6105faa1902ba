/**
 * Reading and judging an import file off the side panel's thread. Parsing and validating a large
 * export is one block of work that cannot be sliced (JSON.parse, then the schema over every
 * record), long enough to freeze a panel doing it. The panel hands the File itself to a dedicated
 * worker (a File is structured-cloneable, so the worker reads it) and validates each of the
 * worker's replies as it arrives, like any message it receives; an accepted file's annotations
 * come in parts, so no one of those checks holds the panel's thread for long.
 */
import * as z from 'zod/mini';
import type { Parsed } from './import-parse.ts';
import { NEXT_REPLY, readExport } from './import-read.ts';
import { ImportWorkerReplySchema, type Annotation } from './schema.ts';

/**
 * Takes the worker's replies one at a time, calling `read` when the worker has read the file and
 * `more` when it should send the next reply; answers the verdict, with the annotations of every
 * part put back in order, once it arrives. Throws on a reply that does not match its schema.
 */
export function replyReceiver(read: () => void, more: () => void): (reply: unknown) => Parsed | undefined {
  const annotations: Annotation[] = [];
  return (reply) => {
    const checked = z.safeParse(ImportWorkerReplySchema, reply);
    if (!checked.success) throw new Error('the import worker sent a reply the panel does not understand');
    const { data } = checked;
    if (data.step === 'checked') return data.parsed.ok ? { ok: true, data: { ...data.parsed.data, annotations } } : data.parsed;
    if (data.step === 'read') read();
    else {
      annotations.push(...data.annotations);
      more();
    }
    return undefined;
  };
}

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
    const receive = replyReceiver(
      () => void read(),
      () => worker.postMessage(NEXT_REPLY),
    );
    worker.onmessage = ({ data }: MessageEvent<unknown>) => {
      try {
        const parsed = receive(data);
        if (parsed !== undefined) finish(parsed);
      } catch (error) {
        worker.terminate();
        reject(error);
      }
    };
    worker.onerror = worker.onmessageerror = (event: Event) => {
      event.preventDefault();
      finish(readExport(file, read));
    };
    worker.postMessage(file);
  });
}
