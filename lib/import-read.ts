/**
 * The import worker's work, apart from its wiring: read the file the reader chose and judge it,
 * saying when the reading is done so the panel can move from "Reading…" to "Checking…", and cut the
 * verdict into the replies the worker posts. Reading and judging are the same whether they run in
 * the side panel's import worker (entrypoints/sidepanel/import-worker.ts) or, when no worker can
 * start, on the panel's own thread.
 */
import { errorText } from './error-text.ts';
import { parseExport, type Parsed } from './import-parse.ts';
import type { ImportWorkerReply } from './schema.ts';

/**
 * Reads `file` and parses it; `read` is called (and awaited, so the panel can paint its next step
 * when this runs on its thread) between the two. It never rejects: a file that cannot be read (one
 * deleted since it was chosen) or that breaks the parser (nesting deep enough to exhaust the stack)
 * is judged like any other problem, with a sentence, since a worker's rejected promise would reach
 * no one and leave the panel waiting.
 */
export async function readExport(file: Blob, read: () => void | Promise<void>): Promise<Parsed> {
  let text: string;
  try {
    text = await file.text();
  } catch (error) {
    return { ok: false, message: `The file could not be read: ${errorText(error)}` };
  }
  await read();
  try {
    return parseExport(text);
  } catch (error) {
    return { ok: false, message: `The file could not be checked: ${errorText(error)}` };
  }
}

/**
 * Annotations per reply. The panel copies in and validates one reply per task; 500 annotations
 * take it a few milliseconds, where all 10,000 at once would hold its thread for a tenth of a second.
 */
export const ANNOTATIONS_PER_REPLY = 500;

/** The replies that carry a verdict: an accepted file's annotations in parts, then the verdict without them. */
function repliesOf(parsed: Parsed): ImportWorkerReply[] {
  if (!parsed.ok) return [{ step: 'checked', parsed }];
  const { annotations, ...rest } = parsed.data;
  const parts: ImportWorkerReply[] = [];
  for (let start = 0; start < annotations.length; start += ANNOTATIONS_PER_REPLY) {
    parts.push({ step: 'annotations', annotations: annotations.slice(start, start + ANNOTATIONS_PER_REPLY) });
  }
  return [...parts, { step: 'checked', parsed: { ok: true, data: { ...rest, annotations: [] } } }];
}

/** What the panel posts to the worker: the file to judge, then a request for each further reply. */
export const NEXT_REPLY = 'next';

/**
 * The worker's whole behaviour, given how it posts: a File posted to it is read ("read" is posted
 * once it is) and judged, and the verdict's first reply posted; each later message asks for the
 * next reply. Replies go out only as fast as the panel checks them: posted all at once, dozens of
 * parts would queue up as tasks on the panel's thread and hold off its frames until all were checked.
 */
export function answerPanel(post: (reply: ImportWorkerReply) => void): (message: unknown) => Promise<void> {
  let pending: ImportWorkerReply[] = [];
  return async (message) => {
    if (message instanceof Blob) pending = repliesOf(await readExport(message, () => post({ step: 'read' })));
    const next = pending.shift();
    if (next !== undefined) post(next);
  };
}
