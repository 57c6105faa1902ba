/**
 * What a reader of a page driven by puppeteer gets from the extension: the highlights the page
 * itself sees in `CSS.highlights`, and whether they are painted. Registered is not painted: the
 * colours must come from the extension's `::highlight()` rules, so the screenshot is checked too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { readHighlightsInPage, type PageHighlights } from './highlights.ts';

/** Reads `CSS.highlights` as the page's own scripts see it, each range turned back into text. */
export function readHighlights(page: Page): Promise<PageHighlights> {
  return page.evaluate(readHighlightsInPage);
}

const HIGHLIGHT_CSS = join(import.meta.dirname, '../../entrypoints/judgements.content/highlights.css');

/** Each highlight name's background colour (#rrggbb) as the extension's stylesheet sets it. */
export function highlightBackgrounds(): Record<string, string> {
  const css = readFileSync(HIGHLIGHT_CSS, 'utf8');
  const rule = /::highlight\(([\w-]+)\)\s*\{[^}]*?background-color:\s*(#[0-9a-f]{6})/gi;
  return Object.fromEntries([...css.matchAll(rule)].map(([, name, colour]) => [name!, colour!.toLowerCase()]));
}

/**
 * Counts the pixels of each colour in a full-page screenshot. The PNG is decoded by the page's
 * own canvas (an image and canvas never attached to the document, so the page does not change).
 */
export async function countPaintedPixels(page: Page, colours: string[]): Promise<Record<string, number>> {
  const png = await page.screenshot({ fullPage: true, encoding: 'base64' });
  return page.evaluate(
    async (data, wanted) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
      const counts: Record<string, number> = Object.fromEntries(wanted.map((c) => [c, 0]));
      for (let i = 0; i < pixels.length; i += 4) {
        const hex = `#${[pixels[i]!, pixels[i + 1]!, pixels[i + 2]!].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
        if (hex in counts) counts[hex]!++;
      }
      return counts;
    },
    png,
    colours,
  );
}
