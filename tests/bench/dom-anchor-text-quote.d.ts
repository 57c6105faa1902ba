/** The part of dom-anchor-text-quote the anchoring benchmark calls; the package ships no types. */
declare module 'dom-anchor-text-quote' {
  export interface TextQuoteSelector {
    exact: string;
    prefix?: string;
    suffix?: string;
  }
  /** `hint`: a `textContent` offset near which to look first (Hypothesis passes the stored start). */
  export function toRange(root: Node, selector: TextQuoteSelector, options?: { hint?: number }): Range | null;
}
