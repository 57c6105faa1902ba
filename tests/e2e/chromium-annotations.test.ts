/**
 * Tagging passages in real Chromium with the built extension, on an Ofsted letter served as
 * reports.ofsted.gov.uk: tag with the keyboard and with the mouse, find both again after a
 * reload, after the page changed around and inside them, and an orphan kept when its passage
 * went away. Odd selections get sensible answers; a tagged passage can be edited, deleted and
 * restored.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { annotationPhrases, painted, pointInText, selectText, tagWithKeyboard, tagWithMouse, toolbarOf } from '../support/annotate.ts';
import { useExtensionSession } from '../support/extension-session.ts';
import { seedPages } from '../support/seed-pages.ts';

const session = useExtensionSession();
const letter = seedPages().find((s) => s.file.startsWith('001'))!;

const PASSAGE_A = 'Inspectors found that supervision and management oversight is evident on case files';
const PASSAGE_B = 'Social workers reported to inspectors that they valued informal supervision and management direction.';

async function open(path: string, html: string): Promise<Page> {
  session.server.set(path, html);
  const page = await session.browser.context.newPage();
  await page.goto(session.server.url('reports.ofsted.gov.uk', path));
  return page;
}

describe('tagging passages', () => {
  it('tags with the keyboard and the mouse, and finds both again after a reload, an edit and a removal', async () => {
    const path = '/provider/44/80487/letter-tagging';
    const page = await open(path, letter.html);

    await selectText(page, PASSAGE_A, PASSAGE_A.length);
    await tagWithKeyboard(page, 'Care lea');
    await selectText(page, PASSAGE_B, PASSAGE_B.length);
    expect(await toolbarOf(page).getByRole('group', { name: 'Suggested themes' }).textContent()).toContain(
      'Management oversight and supervision',
    );
    await tagWithMouse(page, 'Management oversight and supervision');
    expect(await painted(page, 2)).toEqual({ 'care-leavers': [PASSAGE_A], oversight: [PASSAGE_B] });

    await page.reload();
    expect(await painted(page, 2)).toEqual({ 'care-leavers': [PASSAGE_A], oversight: [PASSAGE_B] });

    // The page gains a paragraph before the passages and one word inside the first one changes.
    const edited = letter.html
      .replace('<p>Overview</p>', '<p>Overview</p><p>A paragraph added since the reader tagged this letter, long enough to move everything after it.</p>')
      .replace('is evident on case files', 'is visible on case files');
    session.server.set(path, edited);
    await page.reload();
    expect(await painted(page, 2)).toEqual({
      'care-leavers': [PASSAGE_A.replace('evident', 'visible')],
      oversight: [PASSAGE_B],
    });

    // The first passage's sentence goes: its annotation is an orphan, kept and said so.
    const withoutA = letter.html.replace(/Inspectors found that supervision and management oversight[^.]*\./, '');
    expect(withoutA).not.toContain('evident on case files');
    session.server.set(path, withoutA);
    await page.reload();
    expect(await painted(page, 1)).toEqual({ oversight: [PASSAGE_B] });
    await page.getByRole('status').filter({ hasText: 'could not be placed' }).waitFor();

    // Kept, not lost: once the passage is back, so is its highlight.
    session.server.set(path, letter.html);
    await page.reload();
    expect(await painted(page, 2)).toEqual({ 'care-leavers': [PASSAGE_A], oversight: [PASSAGE_B] });
    await page.close();
  });

  it('tags a passage as the page reads now, after it changed since an earlier selection', async () => {
    const path = '/provider/44/80487/letter-rewritten';
    const page = await open(path, letter.html);
    await selectText(page, PASSAGE_A, PASSAGE_A.length);
    await toolbarOf(page).waitFor();
    // The toolbar a mouse selection opens does not hold the focus: Escape on the page closes it.
    await page.keyboard.press('Escape');
    await toolbarOf(page).waitFor({ state: 'detached' });

    // The page's own script rewrites the sentence, as a provider page's might.
    const [was, now] = ['is evident on case files', 'is plainly and consistently visible on case files'];
    const rewrite = (html: string) => html.replace(was, now);
    await page.evaluate(([was, now]) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) n.data = n.data.replace(was, now);
    }, [was, now] as const);
    const rewritten = rewrite(PASSAGE_A);
    await selectText(page, rewritten, rewritten.length);
    await tagWithKeyboard(page, 'Care lea');
    expect(await painted(page, 1)).toEqual({ 'care-leavers': [rewritten] });

    // What was saved is the passage as it read when tagged: on the page served that way, it is
    // found again whole.
    session.server.set(path, rewrite(letter.html));
    await page.reload();
    expect(await painted(page, 1)).toEqual({ 'care-leavers': [rewritten] });
    await page.close();
  });

  it('answers odd selections sensibly', async () => {
    const page = await open('/provider/44/80487/letter-odd', letter.html);
    await page.waitForTimeout(500);

    // Whitespace only: no toolbar.
    await page.evaluate(() => {
      const walker = document.createTreeWalker(document.querySelector('main')!, NodeFilter.SHOW_TEXT);
      let node = walker.nextNode() as Text | null;
      while (node && node.data.trim()) node = walker.nextNode() as Text | null;
      const range = document.createRange();
      range.selectNodeContents(node!);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    });
    await page.waitForTimeout(500);
    expect(await toolbarOf(page).count()).toBe(0);

    // Inside a form field: ignored.
    await page.locator('textarea').selectText();
    await page.waitForTimeout(500);
    expect(await toolbarOf(page).count()).toBe(0);

    // More than 5,000 characters: refused with a clear message.
    await selectText(page, 'This letter summarises', 'Yours sincerely');
    await toolbarOf(page).getByRole('alert').filter({ hasText: 'too long to tag' }).waitFor();
    await page.keyboard.press('Escape');
    await toolbarOf(page).waitFor({ state: 'detached' });

    // Across paragraphs and inline elements: one passage.
    await selectText(page, 'Department for Education.', 'Her Majesty');
    await tagWithKeyboard(page, 'Leadership');
    const phrases = await painted(page, 1);
    expect(phrases.leadership).toEqual([
      "Department for Education. This letter will be published on the Ofsted website. Yours sincerely, Louise Warren Her Majesty",
    ]);

    // Selecting inside an existing annotation offers to edit it, not to duplicate it.
    await page.keyboard.press('Escape');
    await selectText(page, 'This letter will be published', 20);
    const toolbar = toolbarOf(page);
    await toolbar.getByRole('list', { name: 'Themes of this passage' }).filter({ hasText: 'Leadership and governance' }).waitFor();
    await toolbar.getByRole('button', { name: 'Delete annotation' }).waitFor();

    // Escape closes the toolbar.
    await toolbar.getByRole('combobox', { name: 'Theme' }).press('Escape');
    expect(await toolbarOf(page).count()).toBe(0);
    await page.close();
  });

  it('creates a new theme after confirming it, and shows, deletes and restores a tagged passage', async () => {
    const page = await open('/provider/44/80487/letter-card', letter.html);
    await selectText(page, PASSAGE_B, PASSAGE_B.length);
    const toolbar = toolbarOf(page);
    const combo = toolbar.getByRole('combobox', { name: 'Theme' });
    await combo.fill('Informal supervision');
    await combo.press('Enter');
    await toolbar.getByRole('button', { name: 'Create theme' }).click();
    await toolbar.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await toolbar.getByRole('textbox', { name: 'Note' }).fill('Compare with the 2019 report.');
    await toolbar.getByRole('button', { name: 'Close' }).click();
    expect(await painted(page, 1)).toEqual({ 'informal-supervision': [PASSAGE_B] });

    // Hovering the passage shows its themes and note.
    const box = await pointInText(page, PASSAGE_B);
    await page.mouse.move(box.x, box.y);
    const card = page.getByRole('dialog', { name: 'Annotation' });
    await card.waitFor();
    expect(await card.textContent()).toContain('Informal supervision');
    expect(await card.textContent()).toContain('Compare with the 2019 report.');
    // Escape on the page closes the card; the pointer brings it back.
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached' });
    await page.mouse.move(box.x + 1, box.y);
    await card.waitFor();

    await card.getByRole('button', { name: 'Delete' }).click();
    await painted(page, 0);
    await page.getByRole('button', { name: 'Undo' }).click();
    expect(await painted(page, 1)).toEqual({ 'informal-supervision': [PASSAGE_B] });
    await page.reload();
    expect(await painted(page, 1)).toEqual({ 'informal-supervision': [PASSAGE_B] });
    await page.close();
  });

  it('brings saved passages back on a site where it runs only on demand, once activated', async () => {
    session.server.set('/minutes', letter.html);
    const page = await session.browser.context.newPage();
    await page.goto(session.server.url('unlisted.example', '/minutes'));
    /** Activates the extension on the page as a reader does: opens the popup and reads it. */
    const activate = async () => {
      const popup = await session.browser.openPopupFor(page);
      await popup.getByRole('status').filter({ hasText: 'judgement phrases' }).waitFor();
      await popup.close();
      await page.bringToFront();
    };
    await activate();
    await selectText(page, PASSAGE_B, PASSAGE_B.length);
    await tagWithMouse(page, 'Management oversight and supervision');
    expect(await painted(page, 1)).toEqual({ oversight: [PASSAGE_B] });

    await page.reload();
    await page.waitForTimeout(1000);
    expect(await annotationPhrases(page)).toEqual({});
    await activate();
    expect(await painted(page, 1)).toEqual({ oversight: [PASSAGE_B] });
    await page.close();
  });

  it("keeps the page's styles and the toolbar's apart", async () => {
    const hostile = letter.html.replace(
      '</head>',
      `<style>
        * { color: rgb(255, 0, 0) !important; font-size: 40px !important; }
        button, input, [role] { display: none !important; }
      </style></head>`,
    ).replace('<main>', '<main><p class="toolbar passage" id="page-own">The page has its own .toolbar.</p>');
    const page = await open('/provider/44/80487/letter-styles', hostile);
    await selectText(page, PASSAGE_B, PASSAGE_B.length);
    const toolbar = toolbarOf(page);
    const combo = toolbar.getByRole('combobox', { name: 'Theme' });
    await combo.waitFor();
    const inside = await combo.evaluate((el) => ({ font: getComputedStyle(el).fontSize, color: getComputedStyle(el).color }));
    expect(inside).toEqual({ font: '13px', color: 'rgb(27, 27, 27)' });
    const outside = await page.locator('#page-own').evaluate((el) => ({
      border: getComputedStyle(el).borderTopStyle,
      font: getComputedStyle(el).fontSize,
    }));
    expect(outside).toEqual({ border: 'none', font: '40px' });
    await page.close();
  });

  it('keeps the theme list working when the query narrows it under the active option', async () => {
    const page = await open('/provider/44/80487/letter-narrowing', letter.html);
    await selectText(page, PASSAGE_A, PASSAGE_A.length);
    const combo = toolbarOf(page).getByRole('combobox', { name: 'Theme' });
    await combo.focus();
    // "e" lists many themes and ArrowUp makes the last active; "ex" leaves one.
    await combo.pressSequentially('e');
    await combo.press('ArrowUp');
    await combo.pressSequentially('x');
    expect(await combo.getAttribute('aria-activedescendant')).toBe('il-option-exploitation');
    await combo.press('Enter');
    await toolbarOf(page).getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(await painted(page, 1)).toEqual({ exploitation: [PASSAGE_A] });
    await page.close();
  });

  it('opens the toolbar for a keyboard selection with the tagging shortcut, focused on "Theme"', async () => {
    const page = await open('/provider/44/80487/letter-shortcut', letter.html);
    await page.waitForTimeout(500);
    // A keyboard selection: no mouse involved, and the toolbar waits for the shortcut.
    await selectText(page, PASSAGE_A, PASSAGE_A.length, { byKeyboard: true });
    // The browser turns Alt+Shift+T into this message to the tab (see forwardTaggingShortcut).
    const tabId = await session.browser.tabIdOf(page);
    const worker = await session.browser.serviceWorker();
    await worker.evaluate(
      (id) => (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome.tabs.sendMessage(id, { type: 'annotations/open-toolbar' }),
      tabId,
    );
    const combo = toolbarOf(page).getByRole('combobox', { name: 'Theme' });
    await expect.poll(() => combo.evaluate((el) => el.getRootNode() instanceof ShadowRoot && (el.getRootNode() as ShadowRoot).activeElement === el)).toBe(true);
    await page.keyboard.type('Workforce');
    await page.keyboard.press('Enter');
    await toolbarOf(page).getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(await painted(page, 1)).toEqual({ workforce: [PASSAGE_A] });
    await page.close();
  });
});
