/**
 * Whether a page mentions Ofsted, so that news and council sites are highlighted only on the
 * pages that are about an inspection. The check reads text nodes in slices and stops at the first
 * mention; a page that gains a mention later (infinite scroll, single-page navigation) is noticed
 * through its mutations.
 */
import { runInSlices } from './time-slice.ts';

const MENTION = /ofsted/i;

function* findMention(root: Node, found: () => void): Generator<void> {
  const walker = root.ownerDocument!.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let step = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (MENTION.test((node as Text).data)) return found();
    if (++step % 64 === 0) yield;
  }
}

/** Resolves once `doc` mentions Ofsted, now or later. */
export function whenMentioned(doc: Document): Promise<void> {
  return new Promise((resolve) => {
    if (MENTION.test(doc.title)) return resolve();
    const found = () => {
      observer.disconnect();
      resolve();
    };
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        const nodes = r.type === 'characterData' ? [r.target] : [...r.addedNodes];
        if (nodes.some((n) => MENTION.test(n.textContent ?? ''))) return found();
      }
    });
    observer.observe(doc, { subtree: true, childList: true, characterData: true });
    runInSlices(findMention(doc.body ?? doc.documentElement, found), { budgetMs: 8 });
  });
}
