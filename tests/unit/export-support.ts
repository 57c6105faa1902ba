/** Sample codebooks and annotations for the export tests. */
import type { Annotation, Theme } from '../../lib/schema.ts';
import { annotation, theme } from './store-support.ts';

export { annotation, theme };

export const EXPORTED_AT = new Date('2026-06-01T12:34:56.789Z');

/**
 * Two themes and four annotations over two pages, out of export order; on page `a`, order by start
 * and order by id differ, so a test can tell them apart.
 */
export function sample(): { themes: Theme[]; annotations: Annotation[] } {
  const themes = [
    theme({ id: 'voice', label: 'Voice of the child', color: '#ff7f0e', description: 'What children say', lastUsedAt: '2026-05-03T10:00:00.000Z' }),
    theme(),
  ];
  const annotations = [
    annotation({ id: 'b2', url: 'https://www.gov.uk/b', position: { start: 10, end: 20 }, themeIds: ['voice', 'oversight'] }),
    annotation({ id: 'a9', url: 'https://www.gov.uk/a', position: { start: 500, end: 520 } }),
    annotation({ id: 'a1', url: 'https://www.gov.uk/a', position: { start: 500, end: 510 }, note: '' }),
    annotation({ id: 'a0', url: 'https://www.gov.uk/a', position: { start: 900, end: 960 } }),
  ];
  return { themes, annotations };
}
