/**
 * Bundles the benchmark's in-page entry with Vite (the bundler WXT already builds the extension
 * with) into one classic script that a page can run, so the lib code is measured as shipped:
 * minified, no module loader, no dev-server transforms.
 */
import { join } from 'node:path';
import { build, type Rolldown } from 'vite';

const ENTRY = join(import.meta.dirname, 'engine-entry.ts');

export async function bundleEngine({ minify = true } = {}): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      write: false,
      minify,
      lib: { entry: ENTRY, formats: ['iife'], name: 'inspectionLensBenchBundle' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk');
  if (!chunk) throw new Error('Vite produced no script for the benchmark entry');
  return chunk.code;
}
