/**
 * The one node the extension adds to a page: a host element whose shadow root holds all of its
 * UI. The host resets every inherited style and the UI's own stylesheet lives inside the shadow
 * root, so page styles cannot break the UI and the UI's styles cannot reach the page. Key events
 * typed into the UI stop at the host, so the page's own shortcuts do not fire while the reader
 * types a theme or a note.
 */
import { isUiHost, UI_HOST_TAG } from './page-text.ts';

export function createUiHost(doc: Document, css: string): HTMLElement {
  const host = doc.createElement(UI_HOST_TAG);
  const shadow = host.attachShadow({ mode: 'open' });
  const sheet = new (doc.defaultView as Window & typeof globalThis).CSSStyleSheet();
  sheet.replaceSync(`:host { all: initial !important; }\n${css}`);
  shadow.adoptedStyleSheets = [sheet];
  const container = doc.createElement('div');
  shadow.append(container);
  for (const type of ['keydown', 'keyup', 'keypress']) host.addEventListener(type, (e) => e.stopPropagation());
  (doc.body ?? doc.documentElement).append(host);
  return container;
}

/** Whether a node is the UI host or inside its shadow root. */
export function isInUiHost(node: Node): boolean {
  const root = node.getRootNode() as ShadowRoot;
  return isUiHost(node) || (root.host !== undefined && isUiHost(root.host));
}
