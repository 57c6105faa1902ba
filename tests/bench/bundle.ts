/**
 * The benchmark's in-page engine, bundled (see tests/support/bundle.ts) so the lib code is
 * measured as shipped: minified, no module loader, no dev-server transforms. The matching worker
 * (match-worker.ts) is bundled the same way and handed to the page as source text in
 * `inspectionLensMatchWorker`.
 */
import { join } from 'node:path';
import { bundle } from '../support/bundle.ts';

const ENTRY = join(import.meta.dirname, 'engine-entry.ts');
const WORKER_ENTRY = join(import.meta.dirname, 'match-worker.ts');

export async function bundleEngine({ minify = true } = {}): Promise<string> {
  const worker = await bundle(WORKER_ENTRY, minify);
  const engine = await bundle(ENTRY, minify);
  return `window.inspectionLensMatchWorker = ${JSON.stringify(worker)};\n${engine}`;
}
