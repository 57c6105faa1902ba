/**
 * Which of a page's text a reader can see, and how it groups into passages.
 *
 * A text node belongs to its nearest block ancestor (its "container"); consecutive text nodes
 * of one container form one passage, so a phrase split across inline elements
 * (`<b>not</b> always`) is read as the reader reads it, while a phrase never runs from one
 * paragraph or table cell into the next. Text the reader cannot see or is typing is skipped:
 * scripts, styles, form fields, editable regions, hidden elements and the extension's own UI.
 *
 * The answers are memoised per element, so a page is read in time linear in its size even
 * when its markup is deeply nested.
 */

const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'dd', 'details', 'dialog',
  'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3',
  'h4', 'h5', 'h6', 'header', 'hgroup', 'html', 'li', 'main', 'nav', 'ol', 'p', 'pre',
  'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'legend',
]);

const SKIPPED_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'textarea', 'input', 'select', 'option',
  'button', 'iframe', 'object', 'canvas', 'head', 'title',
]);

const HTML_NS = 'http://www.w3.org/1999/xhtml';

/** The local name of the extension's own UI host; nothing inside it is ever read. */
export const UI_HOST_TAG = 'inspection-lens';

/**
 * What a reader of the page's text observes to know when to read again: its nodes and text, and
 * the attributes whose change can hide or show text, or make it editable.
 */
export const TEXT_CHANGES: MutationObserverInit = {
  subtree: true,
  childList: true,
  characterData: true,
  attributes: true,
  attributeFilter: ['hidden', 'class', 'style', 'open', 'contenteditable'],
};

/** Whether a node is the extension's UI host. */
export function isUiHost(node: Node): boolean {
  return (node as Element).localName === UI_HOST_TAG;
}

/** Whether an element starts a new passage. */
export function isBlock(el: Element): boolean {
  return isBlockTag(el.localName);
}

/**
 * Whether an element with this local name starts a new passage: a fast path for walks. Local
 * names, unlike tag names, are lower case in HTML and XHTML pages alike.
 */
export function isBlockTag(localName: string): boolean {
  return BLOCK_TAGS.has(localName);
}

/**
 * Local names whose content is never read, told by the name alone: the skipped tags, the
 * extension's own UI, and SVG and MathML.
 */
const UNREAD_TAGS = new Set([...SKIPPED_TAGS, UI_HOST_TAG, 'svg', 'math']);

/**
 * Whether a walk must not go into an element with this local name. Editable regions are not told
 * apart here, as that costs a style lookup per element: `isShown` leaves them out where a
 * judgement is found.
 */
export function isUnreadTag(localName: string): boolean {
  return UNREAD_TAGS.has(localName);
}

/** Whether `el` or an ancestor of it is never read: a walk from `el` would read nothing. */
export function isInUnread(el: Element): boolean {
  for (let cur: Element | null = el; cur; cur = cur.parentElement) if (isSkipped(cur)) return true;
  return false;
}

/** Whether an element's own content is never read, whatever its ancestors. */
function isSkipped(el: Element): boolean {
  const tag = el.localName;
  return (
    SKIPPED_TAGS.has(tag) ||
    tag === UI_HOST_TAG ||
    el.namespaceURI !== HTML_NS ||
    (el as HTMLElement).isContentEditable === true
  );
}

/**
 * Memoised answers about elements for one pass over a page. Make a new one for each pass: the
 * page may have changed in between.
 */
export class TextReader {
  /** Element → its passage container, or null when its text is skipped. */
  private readonly containers = new Map<Element, Element | null>();
  private readonly visible = new Map<Element, boolean>();
  /** Element → whether text directly inside it is rendered and not editable. */
  private readonly shown = new Map<Element, boolean>();

  /** The container of the text directly inside `el`, or null when that text is skipped. */
  private containerOf(el: Element): Element | null {
    const known = this.containers.get(el);
    if (known !== undefined) return known;
    const chain: Element[] = [];
    let cur: Element | null = el;
    let answer: Element | null | undefined;
    while (cur) {
      const memo = this.containers.get(cur);
      if (memo !== undefined) {
        answer = memo;
        break;
      }
      chain.push(cur);
      cur = cur.parentElement;
    }
    // Resolve from the outermost unknown element down to `el`.
    let container: Element | null = answer === undefined ? null : answer;
    let skipped = answer === null;
    for (let i = chain.length - 1; i >= 0; i--) {
      const node = chain[i]!;
      if (!skipped && isSkipped(node)) skipped = true;
      if (skipped) {
        this.containers.set(node, null);
        continue;
      }
      if (isBlock(node) || container === null) container = node;
      this.containers.set(node, container);
    }
    return skipped ? null : container;
  }

  /**
   * Whether a text node is rendered and not being edited. Asked only where a judgement was found,
   * since it makes the browser bring style and layout up to date.
   */
  isShown(node: Text): boolean {
    const el = node.parentElement;
    if (el === null) return false;
    let shown = this.shown.get(el);
    if (shown === undefined) {
      shown = !(el as HTMLElement).isContentEditable && this.isRendered(el);
      this.shown.set(el, shown);
    }
    return shown;
  }

  /** The container of text directly inside `el` when that text is readable and rendered. */
  readableContainer(el: Element): Element | null {
    const container = this.containerOf(el);
    return container && this.isRendered(el) ? container : null;
  }

  private isRendered(el: Element): boolean {
    let shown = this.visible.get(el);
    if (shown === undefined) {
      shown = el.checkVisibility ? el.checkVisibility({ visibilityProperty: true }) : true;
      this.visible.set(el, shown);
    }
    return shown;
  }
}

/** The nearest block element at or above `node`, where a rescan of it must start. */
export function blockAround(node: Node): Element | null {
  let el: Element | null = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  while (el && !isBlock(el)) el = el.parentElement;
  return el;
}
