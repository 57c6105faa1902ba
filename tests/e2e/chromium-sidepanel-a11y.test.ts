/**
 * The side panel for readers who use a screen reader or the keyboard: axe finds nothing serious or
 * critical with annotations listed or with an import preview open, and the reader can search, open
 * an item's page and export without a mouse.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import type { AxeResults } from 'axe-core';
import { AnnotationExportSchema } from '../../lib/schema.ts';
import { useExtensionSession } from '../support/extension-session.ts';
import { PASSAGE_B, panelWithTwoPassages } from '../support/side-panel.ts';

const session = useExtensionSession();
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');


/**
 * The serious and critical violations axe finds in the page, as readable lines for the failure
 * message. axe is evaluated rather than added as a script tag because the extension page's CSP
 * (script-src 'self') refuses inline scripts; evaluation goes through DevTools, which CSP does not govern.
 */
async function seriousViolations(panel: Page): Promise<string[]> {
  if (!(await panel.evaluate(() => 'axe' in window))) await panel.evaluate(await readFile(AXE, 'utf8'));
  const results = await panel.evaluate(() => (window as unknown as { axe: { run: () => Promise<AxeResults> } }).axe.run());
  // A run that checked nothing would pass vacuously.
  expect(results.passes.length).toBeGreaterThan(10);
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Presses `key` until `focused` holds for the active element; fails rather than loop forever. */
async function pressUntil(panel: Page, key: string, focused: () => boolean): Promise<void> {
  for (let presses = 0; presses < 60; presses++) {
    await panel.keyboard.press(key);
    if (await panel.evaluate(focused)) return;
  }
  throw new Error(`${key} never reached the element`);
}

describe('side panel accessibility', () => {
  it('has no serious axe violations and works by keyboard alone', async () => {
    const path = '/provider/44/80487/letter-a11y';
    const { page, panel, items } = await panelWithTwoPassages(session, path);
    expect(await seriousViolations(panel)).toEqual([]);

    // Search first: it is the first thing Tab reaches.
    await panel.keyboard.press('Tab');
    expect(await panel.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('search');
    await panel.keyboard.type('informal');
    await expect.poll(() => items.count()).toBe(1);

    await pressUntil(panel, 'Tab', () => document.activeElement?.closest('.annotation a') !== null);
    const [opened] = await Promise.all([session.browser.context.waitForEvent('page'), panel.keyboard.press('Enter')]);
    await expect.poll(() => opened.url()).toContain(path);
    await opened.close();
    await panel.bringToFront();

    await pressUntil(panel, 'Shift+Tab', () => document.activeElement?.textContent === 'Export JSON');
    const [download]: [Download, void] = await Promise.all([panel.waitForEvent('download'), panel.keyboard.press('Enter')]);
    const exported = AnnotationExportSchema.parse(JSON.parse(await readFile(await download.path(), 'utf8')));
    expect(exported.annotations.map((a) => a.quote.exact)).toEqual([PASSAGE_B]);

    await panel.getByLabel('Import JSON').setInputFiles({
      name: 'one-more.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ ...exported, annotations: [{ ...exported.annotations[0]!, id: 'imported-a11y' }] })),
    });
    await panel.getByRole('group', { name: 'Import preview' }).getByText('New: 1').waitFor();
    expect(await seriousViolations(panel)).toEqual([]);

    await Promise.all([panel.close(), page.close()]);
  });
});
