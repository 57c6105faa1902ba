/**
 * Tells every extension context that the annotation store changed, so a side panel open in one
 * window shows a passage tagged in another without a reload. The store is IndexedDB, which has
 * no change events of its own; each context that commits a write announces it on one
 * BroadcastChannel, and listeners re-read the store rather than trusting a payload, so a missed
 * or merged announcement can never leave them showing something the store does not hold.
 */
export const STORE_CHANNEL = 'inspection-lens/store';

/** Announces one committed write from a context that does not listen (the background). */
export function announceStoreChange(): void {
  const channel = new BroadcastChannel(STORE_CHANNEL);
  channel.postMessage('changed');
  channel.close();
}

export interface StoreChanges {
  /** Tells the other contexts about a write this one committed; this context is not told. */
  announce: () => void;
  leave: () => void;
}

/**
 * Calls `changed` after each write another context announces. A channel never hears its own
 * posts, so a page that re-reads after its own write and then announces does not read twice.
 */
export function joinStoreChanges(changed: () => void): StoreChanges {
  const channel = new BroadcastChannel(STORE_CHANNEL);
  channel.onmessage = () => changed();
  return { announce: () => channel.postMessage('changed'), leave: () => channel.close() };
}
