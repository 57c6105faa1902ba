/**
 * Everything the extension does inside one page, started once per frame: judgement highlighting
 * and the reader's annotations. A second injection of the content script (the reader asks for a
 * page the extension already runs on) finds the first one running and does nothing.
 */
import { runAnnotationsInPage, type AnnotationWiring } from './annotations-in-page.ts';
import { runJudgementsInPage, type InPageWiring } from './judgements-in-page.ts';
import type { TabMessage } from './schema.ts';

const RUNNING = Symbol.for('inspection-lens/in-page');

export interface LensWiring extends InPageWiring, AnnotationWiring {
  /** Answers the extension's tab messages: a reply, a promise of one, or undefined for none. */
  listen: (handle: (message: TabMessage) => unknown) => void;
}

export function runInPage(wiring: LensWiring): void {
  const marked = wiring.window as Window & { [RUNNING]?: true };
  if (marked[RUNNING]) return;
  marked[RUNNING] = true;
  const judgements = runJudgementsInPage(wiring);
  const annotations = runAnnotationsInPage(wiring);
  wiring.listen((message) => {
    if (message.type === 'annotations/page-state') return annotations.pageState();
    if (message.type === 'annotations/changed') return annotations.changed(message.url);
    if (message.type !== 'annotations/open-toolbar') return judgements(message);
    annotations.openToolbar();
    return undefined;
  });
}
