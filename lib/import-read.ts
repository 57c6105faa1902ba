/**
 * The import worker's work, apart from its wiring: read the file the reader chose and judge it,
 * saying when the reading is done so the panel can move from "Reading…" to "Checking…". It is the
 * same whether it runs in the side panel's import worker (entrypoints/sidepanel/import-worker.ts)
 * or, when no worker can start, on the panel's own thread.
 */
import { parseExport, type Parsed } from './import-parse.ts';

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

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
