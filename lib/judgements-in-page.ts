/**
 * Decides, inside a page, whether and when to highlight judgements, and answers the popup.
 * Ofsted's own pages are highlighted at once; news and council pages once they mention Ofsted;
 * any page when the reader asks. The extension APIs come in as parameters.
 */
import { whenMentioned } from './mention.ts';
import { startPageHighlighter, type PageHighlighter } from './page-highlighter.ts';
import type { HighlighterStatus, Judgement, JudgementList, TabMessage } from './schema.ts';
import { isAutomaticHost, isOfstedHost } from './sites.ts';

export interface InPageWiring {
  window: Window & typeof globalThis;
  report: (status: HighlighterStatus) => void;
  /** Finds the judgements in a text, off the page's thread (the background does the matching). */
  find: (text: string) => Promise<Judgement[]>;
}

/** Answers the popup's and side panel's messages about judgements; undefined when it has none. */
export type JudgementMessages = (message: TabMessage) => HighlighterStatus | JudgementList | boolean | undefined;

export function runJudgementsInPage({ window, report, find }: InPageWiring): JudgementMessages {
  let highlighter: PageHighlighter | undefined;
  const start = () => {
    highlighter ??= startPageHighlighter({
      document: window.document,
      registry: window.CSS.highlights,
      find,
      onStatus: report,
    });
    return highlighter.status();
  };

  const host = window.location.hostname;
  if (isOfstedHost(host)) start();
  else if (isAutomaticHost(host)) void whenMentioned(window.document).then(start);

  return (message) => {
    switch (message.type) {
      case 'judgements/activate':
        return start();
      case 'judgements/get-status':
        return highlighter?.status();
      case 'judgements/set-visible':
        highlighter?.setVisible(message.visible);
        return highlighter?.status();
      case 'judgements/list':
        return { phrases: highlighter?.phrases() ?? [] };
      case 'judgements/reveal':
        return highlighter?.reveal(message.index) ?? false;
      default:
        return undefined;
    }
  };
}
