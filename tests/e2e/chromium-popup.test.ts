/**
 * The toolbar popup: it runs the highlighter on demand on any site, shows the page's counts per
 * tone (the badge shows the total), hides and shows the highlights at once, and says so when
 * the extension had to stop early on a hostile page.
 *
 * Tests cannot click the toolbar icon, so the popup is opened as a page with `?tab=<id>`; the
 * test build's host permission for unlisted.example stands in for the `activeTab` grant.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { highlightCount, highlightedPhrases, settledPhrases } from '../support/highlights.ts';
import { seedPages } from '../support/seed-pages.ts';
import { useExtensionSession } from '../support/extension-session.ts';

const session = useExtensionSession();
const letter = seedPages().find((s) => s.file.startsWith('001'))!;


const openPopupFor = (page: Page) => session.browser.openPopupFor(page);

const countOf = async (popup: Page, tone: string) =>
  Number(await popup.locator(`[data-tone="${tone}"]`).textContent());

describe('popup', () => {
  it('highlights an unlisted site only when asked', async () => {
    session.server.set('/letter', letter.html);
    const page = await session.browser.context.newPage();
    await page.goto(session.server.url('unlisted.example', '/letter'));
    await page.waitForTimeout(1500);
    expect(await highlightCount(page)).toBe(0);

    const popup = await openPopupFor(page);
    const phrases = await settledPhrases(page);
    expect(phrases['judgement-concern']).toContain('not always effective');

    // The popup's counts are the page's, tone by tone, and the badge shows their total.
    for (const tone of ['strength', 'concern', 'mixed']) {
      await expect.poll(() => countOf(popup, tone)).toBe(phrases[`judgement-${tone}`]!.length);
    }
    const total = Object.values(phrases).reduce((n, list) => n + list.length, 0);
    await expect.poll(() => session.browser.badgeOf(page)).toBe(String(total));
    await expect(popup.getByRole('status').textContent()).resolves.toContain(`${total} judgement phrases`);
    await popup.close();
    await page.close();
  });

  it('hides and shows the highlights with its switch', async () => {
    session.server.set(letter.path, letter.html);
    const page = await session.browser.context.newPage();
    await page.goto(session.server.url(letter.host, letter.path));
    const before = await settledPhrases(page);
    const popup = await openPopupFor(page);
    const toggle = popup.getByRole('switch', { name: 'Show highlights' });
    await expect.poll(() => toggle.isChecked()).toBe(true);

    await toggle.press('Space');
    await expect.poll(() => highlightCount(page), { timeout: 1000 }).toBe(0);
    expect(await toggle.isChecked()).toBe(false);

    await toggle.press('Space');
    await expect.poll(() => highlightedPhrases(page), { timeout: 1000 }).toEqual(before);
    await popup.close();
    await page.close();
  });

  it('says so when the extension stops early on a page that changes too often', async () => {
    const words = 'Practice is not always robust and plans are inadequate in places. '.repeat(30_000);
    session.server.set(
      '/busy',
      `<!doctype html><html lang="en"><head><title>Busy</title></head><body><main>${words}<span id="t">0</span></main>
<script>let n = 0; setInterval(() => { document.getElementById('t').textContent = String(++n); }, 5);</script></body></html>`,
    );
    const page = await session.browser.context.newPage();
    await page.goto(session.server.url('reports.ofsted.gov.uk', '/busy'));
    const popup = await openPopupFor(page);
    await expect
      .poll(() => popup.getByRole('alert').textContent().catch(() => ''), { timeout: 30_000, interval: 250 })
      .toContain('changes too often');
    await popup.close();
    await page.close();
  });
});
