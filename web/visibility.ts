import type { ChatStore } from '../src/store/chat-store.js';
import type { Viewer } from './viewer.js';

/**
 * Whether this viewer may see a series' pages: hosts see everything, visitors only published series. Anything
 * else answers 404, never 403, so an unpublished series cannot be probed for.
 */
export function canSeeSeries(store: ChatStore, viewer: Viewer, seriesId: string): boolean {
  return viewer.kind === 'host' || store.published.isPublished(seriesId);
}

/** The series ids a visitor may see, or undefined for "all" (a host). */
export function visibleSeriesFilter(store: ChatStore, viewer: Viewer): Set<string> | undefined {
  return viewer.kind === 'host' ? undefined : store.published.all();
}
