/**
 * Tells every extension context that the annotation store changed, so a side panel open in one
 * window shows a passage tagged in another without a reload. The store is IndexedDB, which has
 * no change events of its own; each context that commits a write announces it on one
 * BroadcastChannel, and listeners re-read the store rather than trusting a payload, so a missed
 * or merged announcement can never leave them showing something the store does not hold.
 *
 * Pages cannot hear the channel (their content scripts live in the page's origin), and the
 * background, which tells them, may be stopped. So a panel document also hears its own writes,
 * whichever part of it made them, and wakes the background for the pages (see ThisPage).
 */
const STORE_CHANNEL = 'inspection-lens/store';

/** The event by which a document's own announcements reach its `wroteHere` listeners. */
const WROTE_HERE = 'inspection-lens/store-wrote-here';

/** Announces one committed write from a context that does not listen (the background). */
export function announceStoreChange(): void {
  const channel = new BroadcastChannel(STORE_CHANNEL);
  channel.postMessage('changed');
  channel.close();
}

export interface StoreChanges {
  /**
   * Tells the other contexts about a write this one committed; this context is not told. `url`
   * names the page whose annotations changed, when the write touched only one.
   */
  announce: (url?: string) => void;
  leave: () => void;
}

/**
 * Calls `changed` after each write another context announces. A channel never hears its own
 * posts, so a page that re-reads after its own write and then announces does not read twice.
 * `wroteHere` is called after each write announced in this document, by any of its joiners.
 */
export function joinStoreChanges(changed: () => void, wroteHere?: (url: string | undefined) => void): StoreChanges {
  const channel = new BroadcastChannel(STORE_CHANNEL);
  channel.onmessage = () => changed();
  // An event made without a detail carries null.
  const onWroteHere = (event: Event) => wroteHere?.((event as CustomEvent<string | null>).detail ?? undefined);
  globalThis.addEventListener(WROTE_HERE, onWroteHere);
  return {
    announce: (url) => {
      channel.postMessage('changed');
      globalThis.dispatchEvent(new CustomEvent(WROTE_HERE, { detail: url }));
    },
    leave: () => {
      channel.close();
      globalThis.removeEventListener(WROTE_HERE, onWroteHere);
    },
  };
}
