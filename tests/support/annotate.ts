/**
 * Driving the tagging toolbar as a reader does: select a passage, then tag it with the keyboard
 * (combobox "Theme", type, Enter) or the mouse (a suggested theme's button). The toolbar is
 * found by its accessible contract, as a screen reader would find it.
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { PageState } from '../../lib/schema.ts';
import type { ExtensionSession } from './extension-session.ts';

/**
 * Selects the text from the first occurrence of `from` through `length` characters (or to the
 * end of `to` when given), within one element or across several, then releases the mouse as a
 * reader's drag would end; with `{ byKeyboard: true }` no mouse is involved at all. After a
 * release it returns once the content script has had its turn (it considers a selection in a
 * timer set on mouseup), so a toolbar still open from an earlier selection is never the one used.
 */
export async function selectText(
  page: Page,
  from: string,
  until: string | number,
  { byKeyboard = false }: { byKeyboard?: boolean } = {},
): Promise<string> {
  return page.evaluate(
    ([from, until, byKeyboard]) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
      const find = (needle: string, after?: { node: Text; offset: number }) => {
        let started = !after;
        for (const node of nodes) {
          if (after && node === after.node) started = true;
          if (!started) continue;
          const at = node.data.indexOf(needle, after && node === after.node ? after.offset : 0);
          if (at >= 0) return { node, offset: at };
        }
        throw new Error(`"${needle}" is not on the page`);
      };
      const start = find(from as string);
      const range = document.createRange();
      range.setStart(start.node, start.offset);
      if (typeof until === 'number') range.setEnd(start.node, start.offset + until);
      else {
        const end = find(until, start);
        range.setEnd(end.node, end.offset + until.length);
      }
      range.startContainer.parentElement!.scrollIntoView({ block: 'center' });
      const selection = getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      const selected = selection.toString();
      if (byKeyboard) return selected;
      document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      return new Promise<string>((resolve) => setTimeout(() => resolve(selected), 0));
    },
    [from, until, byKeyboard] as const,
  );
}

export function toolbarOf(page: Page): Locator {
  return page.getByRole('toolbar', { name: 'Tag passage' });
}

/** Tags the selected passage with the keyboard: type in the "Theme" combobox, press Enter. */
export async function tagWithKeyboard(page: Page, typed: string): Promise<void> {
  const toolbar = toolbarOf(page);
  const combo = toolbar.getByRole('combobox', { name: 'Theme' });
  await combo.focus();
  await combo.pressSequentially(typed);
  await combo.press('Enter');
  await toolbar.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
}

/** Tags the selected passage with the mouse: click a suggested theme's button. */
export async function tagWithMouse(page: Page, themeLabel: string): Promise<void> {
  const toolbar = toolbarOf(page);
  await toolbar.getByRole('button', { name: themeLabel, exact: true }).click();
  await toolbar.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
}

/** The text of every annotation highlight, by theme id. */
export function annotationPhrases(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const out: Record<string, string[]> = {};
    for (const [name, highlight] of CSS.highlights) {
      if (!name.startsWith('annotation-')) continue;
      out[name.slice('annotation-'.length)] = [...highlight].map((r) => {
        const range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        return range.toString().replace(/\s+/g, ' ').trim();
      });
    }
    return out;
  });
}

/** Waits until the page's annotation highlights hold `count` passages, then reads them. */
export async function painted(page: Page, count: number): Promise<Record<string, string[]>> {
  await expect.poll(async () => Object.values(await annotationPhrases(page)).flat().length, { timeout: 5000 }).toBe(count);
  return annotationPhrases(page);
}

/** A point on screen inside the first occurrence of `text`, a few characters in, for the mouse. */
export function pointInText(page: Page, text: string): Promise<{ x: number; y: number }> {
  return page.evaluate((text) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = (n as Text).data.indexOf(text);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(n, at + 5);
      range.setEnd(n, at + 6);
      const r = range.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }
    throw new Error('passage not found');
  }, text);
}

/**
 * The page's saved annotations, placed or orphaned, as its content script answers the side panel;
 * it answers once it has loaded and placed them, so this also waits for that.
 */
export async function pageStateOf(session: ExtensionSession, page: Page): Promise<PageState> {
  const tabId = await session.browser.tabIdOf(page);
  const worker = await session.browser.serviceWorker();
  return worker.evaluate(
    (id) =>
      (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome.tabs.sendMessage(
        id,
        { type: 'annotations/page-state' },
        { frameId: 0 },
      ) as Promise<PageState>,
    tabId,
  );
}
