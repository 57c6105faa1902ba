/**
 * Bundles a script entry with Vite (the bundler WXT already builds the extension with) into one
 * classic script that a page can run, so lib code runs in a plain page as shipped: no module
 * loader, no dev-server transforms. The benchmarks and the browser tests of lib code that needs
 * a real page both inject their entries this way.
 */
import { build, type Rolldown } from 'vite';

/** One entry as one classic script (an IIFE that sets what it needs on `window`). */
export async function bundle(entry: string, minify: boolean): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      write: false,
      minify,
      lib: { entry, formats: ['iife'], name: 'inspectionLensBundle' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk');
  if (!chunk) throw new Error(`Vite produced no script for ${entry}`);
  return chunk.code;
}
