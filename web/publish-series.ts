import type { ChatStore } from '../src/store/chat-store.js';

/**
 * Publishes or unpublishes a series from the console; returns whether anything changed. The one place the console
 * writes store.published: when the sign-in's `setPublished(store, series, published, by, now)` is merged, this
 * body becomes a call to it.
 */
export function publishSeries(store: ChatStore, series: string, published: boolean, by: string, now: number): boolean {
  return store.published.set(series, published, by, now);
}
