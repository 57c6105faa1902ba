/**
 * The seeds as the pages readers meet them, in real Chromium with the built extension: the right
 * phrases light up in the right tone, nothing the reader cannot see is touched, and the page's
 * DOM is left exactly as it was.
 */
import { describe, expect, it } from 'vitest';
import { highlightCount, RECORD_MUTATIONS, settledPhrases } from '../support/highlights.ts';
import { seedPages } from '../support/seed-pages.ts';
import { useExtensionSession } from '../support/extension-session.ts';

/** Phrases a careful reader marks in each seed, by highlight name. */
const EXPECTED: Record<string, Record<string, string[]>> = {
  '000': { 'judgement-mixed': ['variable'], 'judgement-concern': ['inadequate'] },
  '001': {
    'judgement-concern': ['not always effective'],
    'judgement-strength': ['well established'],
    'judgement-mixed': ['variable', 'beginning to', 'inconsistent'],
  },
  '002': { 'judgement-mixed': ['variable'] },
  '003': { 'judgement-concern': ['inadequate', 'poor'] },
  '004': { 'judgement-strength': ['strong'] },
};

const session = useExtensionSession();


describe('seed pages in Chromium', () => {
  for (const seed of seedPages()) {
    it(`highlights ${seed.file} served as ${seed.host}`, async () => {
      session.server.set(seed.path, seed.html);
      const page = await session.browser.context.newPage();
      await page.addInitScript(RECORD_MUTATIONS);
      await page.goto(session.server.url(seed.host, seed.path));
      const phrases = await settledPhrases(page);

      for (const [name, wanted] of Object.entries(EXPECTED[seed.file.slice(0, 3)]!)) {
        const got = (phrases[name] ?? []).map((p) => p.toLowerCase());
        for (const phrase of wanted) expect(got, `${name} in ${seed.file}`).toContain(phrase);
      }

      // Each range covers a phrase exactly: it starts and ends on a word, never on space.
      for (const list of Object.values(phrases)) {
        for (const phrase of list) expect(phrase).toMatch(/^[\p{L}\p{N}].*[\p{L}\p{N}]$|^[\p{L}\p{N}]$/u);
      }

      const unseen = await page.evaluate(() =>
        [...CSS.highlights.values()]
          .flatMap((h) => [...h])
          .filter((r) => r.startContainer.parentElement?.closest('textarea, script, style, form, [hidden], [contenteditable], [style*="none"]'))
          .length,
      );
      expect(unseen).toBe(0);

      const mutations = await page.evaluate(
        () => (window as unknown as { __mutations: { added: string[]; removed: string[] }[] }).__mutations,
      );
      const foreign = mutations.filter((m) => ![...m.added, ...m.removed].every((n) => n === 'INSPECTION-LENS') || m.added.length + m.removed.length === 0);
      expect(foreign).toEqual([]);
      await page.close();
    });
  }

  it('leaves a news page that never mentions Ofsted alone, until it does', async () => {
    const news = seedPages().find((s) => s.file.startsWith('003'))!;
    const silent = news.html.replace(/Ofsted|Oftsed/gi, 'the inspectorate');
    session.server.set('/2017/07/08/no-mention/', silent);
    const page = await session.browser.context.newPage();
    await page.goto(session.server.url('www.communitycare.co.uk', '/2017/07/08/no-mention/'));
    await page.waitForTimeout(1500);
    expect(await highlightCount(page)).toBe(0);

    await page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'Ofsted published its report today.';
      document.querySelector('main')!.append(p);
    });
    const phrases = await settledPhrases(page);
    expect(phrases['judgement-concern']!.map((p) => p.toLowerCase())).toContain('inadequate');
    await page.close();
  });
});
