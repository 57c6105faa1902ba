/**
 * Bundles the benchmark's in-page entry with Vite (the bundler WXT already builds the extension
 * with) into one classic script that a page can run, so the lib code is measured as shipped:
 * minified, no module loader, no dev-server transforms. The matching worker (match-worker.ts) is
 * bundled the same way and handed to the page as source text in `inspectionLensMatchWorker`.
 */
import { join } from 'node:path';
import { build, type Rolldown } from 'vite';

const ENTRY = join(import.meta.dirname, 'engine-entry.ts');
const WORKER_ENTRY = join(import.meta.dirname, 'match-worker.ts');

export async function bundleEngine({ minify = true } = {}): Promise<string> {
  const worker = await bundle(WORKER_ENTRY, minify);
  const engine = await bundle(ENTRY, minify);
  return `window.inspectionLensMatchWorker = ${JSON.stringify(worker)};\n${engine}`;
}

/** One entry as one classic script (an IIFE that sets what it needs on `window`). */
export async function bundle(entry: string, minify: boolean): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      write: false,
      minify,
      lib: { entry, formats: ['iife'], name: 'inspectionLensBenchBundle' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk');
  if (!chunk) throw new Error(`Vite produced no script for ${entry}`);
  return chunk.code;
}
