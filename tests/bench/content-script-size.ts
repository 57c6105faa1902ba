/**
 * The size of the content script every matched page loads, gzipped as a server or the browser's
 * disk cache would hold it: the figure that says what the extension costs a page before it does
 * anything. Measured on the production build, rebuilt when missing or older than its sources.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../support/chromium.ts';

const SCRIPT = join(ROOT, '.output/chrome-mv3/content-scripts/judgements.js');
const SOURCES = ['lib', 'entrypoints'].map((dir) => join(ROOT, dir));

function newestSource(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs;
    }),
  );
}

export function contentScriptSize(log: (line: string) => void): { rawKb: number; gzipKb: number } {
  const stale = !existsSync(SCRIPT) || statSync(SCRIPT).mtimeMs < Math.max(...SOURCES.map(newestSource));
  if (stale) {
    log('  production build missing or older than lib/ and entrypoints/: running wxt build');
    execFileSync('wxt', ['build'], { cwd: ROOT, stdio: 'ignore' });
  }
  const code = readFileSync(SCRIPT);
  return { rawKb: code.length / 1024, gzipKb: gzipSync(code).length / 1024 };
}
