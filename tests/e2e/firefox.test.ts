/**
 * Smoke test in Firefox ESR: the built extension, installed over WebDriver BiDi, highlights an
 * Ofsted letter by itself. Firefox runs content scripts behind Xray wrappers and grants MV3 host
 * permissions differently from Chromium, so this proves that the highlights land in the page's
 * own `CSS.highlights` and that the extension's `::highlight()` colours paint them.
 */
import { existsSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from '../support/firefox.ts';
import { countPaintedPixels, highlightBackgrounds, readHighlights } from '../support/page-highlights.ts';
import { seedPages } from '../support/seed-pages.ts';
import { startPageServer, type PageServer } from '../support/server.ts';

const letter = seedPages().find((p) => p.file.startsWith('001'))!;

describe('Firefox ESR', () => {
  let server: PageServer;
  let firefox: FirefoxWithExtension;
  let page: Page;

  beforeAll(async () => {
    server = await startPageServer();
    server.set(letter.path, letter.html);
    firefox = await launchFirefoxWithExtension();
    page = await firefox.browser.newPage();
  });

  afterAll(async () => {
    await firefox?.close();
    await server?.close();
    if (firefox) expect(existsSync(firefox.profileDir)).toBe(false);
  });

  it('installs the extension under its gecko id', () => {
    expect(firefox.extensionId).toBe('inspection-lens@inspection-lens.example');
  });

  it('highlights each tone of an Ofsted letter on reports.ofsted.gov.uk', async () => {
    await page.goto(server.url(letter.host, letter.path));
    expect(new URL(page.url()).hostname).toBe('reports.ofsted.gov.uk');

    await expect
      .poll(async () => (await readHighlights(page)).byName, { timeout: 10_000, interval: 100 })
      .toMatchObject({
        'judgement-strength': expect.arrayContaining(['well established']),
        'judgement-concern': expect.arrayContaining(['not always effective']),
        'judgement-mixed': expect.arrayContaining(['variable']),
      });
    expect((await readHighlights(page)).outsideMain).toEqual([]);
  });

  it('paints every tone in the colour its stylesheet gives it', async () => {
    const tones = ['judgement-concern', 'judgement-mixed', 'judgement-strength'];
    const all = highlightBackgrounds();
    expect(Object.keys(all)).toEqual(expect.arrayContaining(tones));
    const backgrounds = Object.fromEntries(tones.map((name) => [name, all[name]!]));
    const painted = await countPaintedPixels(page, Object.values(backgrounds));
    for (const [name, colour] of Object.entries(backgrounds)) {
      expect(painted[colour], `${name} (${colour}) pixels`).toBeGreaterThan(100);
    }
  });
});
