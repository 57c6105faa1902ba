/**
 * A page's readable text (see page-text-model.ts), read once and kept until the page changes.
 *
 * Why: every selection the reader makes needs the whole page's text, to find where the selection
 * lies in it, and reading a long report costs the tab about 100 ms a megabyte. Read afresh each
 * time, every selection on a long report would stall the tab; kept, only the first one after a
 * change pays.
 *
 * What counts as a change: any change to the page's nodes or text, a change to an attribute that
 * can hide or show text (TEXT_CHANGES, which the judgement highlighter observes too), and a
 * resize, as media queries can hide text at some widths. The extension's own UI host is not a
 * change: nothing in it is read.
 */
import { isUiHost, TEXT_CHANGES } from './page-text.ts';
import { readPageText, type PageText } from './page-text-model.ts';

/**
 * Returns the page's text now: the last one read, unless the page has changed since. The page is
 * observed only while a text is kept, so a page that changes all the time costs nothing more
 * between two selections, nor does any page before its first.
 */
export function livePageText(doc: Document): () => PageText {
  const view = doc.defaultView!;
  let current: PageText | undefined;
  const onlyOwnUi = (record: MutationRecord) =>
    isUiHost(record.target) ||
    (record.type === 'childList' && [...record.addedNodes, ...record.removedNodes].every(isUiHost));
  const forget = () => {
    current = undefined;
    observer.disconnect();
  };
  const observer = new view.MutationObserver((records) => {
    if (!records.every(onlyOwnUi)) forget();
  });
  view.addEventListener('resize', forget);
  return () => {
    if (!current) {
      current = readPageText(doc.body ?? doc.documentElement);
      observer.observe(doc, TEXT_CHANGES);
    }
    return current;
  };
}
