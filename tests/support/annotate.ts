/**
 * Driving the tagging toolbar as a reader does: select a passage, then tag it with the keyboard
 * (combobox "Theme", type, Enter) or the mouse (a suggested theme's button). The toolbar is
 * found by its accessible contract, as a screen reader would find it.
 */
import type { Locator, Page } from 'playwright-core';

/**
 * Selects the text from the first occurrence of `from` through `length` characters (or to the
 * end of `to` when given), within one element or across several, then releases the mouse as a
 * reader's drag would end.
 */
export async function selectText(page: Page, from: string, until: string | number): Promise<string> {
  const selected = await page.evaluate(
    ([from, until]) => {
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
      document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      return selection.toString();
    },
    [from, until] as const,
  );
  return selected;
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
