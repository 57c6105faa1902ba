/**
 * The background's answers to content scripts' store requests. Each request opens the store,
 * does one committed operation and closes it again: the service worker may stop at any moment,
 * so it keeps no connection or state between requests.
 */
import type { StoreRequest } from './schema.ts';
import { withStore, type LensStore } from './store.ts';

export function serveStoreRequests(open: () => Promise<LensStore>): (request: StoreRequest) => Promise<unknown> {
  return (request) =>
    withStore(open, async (store) => {
      switch (request.type) {
        case 'annotations/for-page': {
          const [annotations, themes] = await Promise.all([
            store.annotations.listByUrl(request.url),
            store.themes.list(),
          ]);
          return { annotations: annotations.records, themes: themes.records };
        }
        case 'annotations/save':
          return await store.annotations.put(request.annotation);
        case 'annotations/delete':
          return (await store.annotations.delete(request.id)) ?? null;
        case 'annotations/restore':
          return await store.annotations.restore(request.annotation);
        case 'themes/save':
          return await store.themes.put(request.theme);
      }
    });
}
