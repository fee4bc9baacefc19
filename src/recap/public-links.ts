import type { ChatStore } from '../store/chat-store.js';
import { publicLink, recapPath, seriesPath } from './recap-address.js';
import { datedChatOf } from './recap-dates.js';

/**
 * The website's page of a finished chat's recap, for the channel recap post: only with a public URL
 * (EMCEE_PUBLIC_URL) and only for a published series (a link that answers 404 helps no participant); never for a
 * rehearsal.
 */
export function recapLinkOf(store: ChatStore, sessionId: number, publicUrl: string | undefined): string | undefined {
  if (!publicUrl) return undefined;
  const chat = datedChatOf(store, sessionId);
  if (!chat || !store.published.isPublished(chat.seriesId)) return undefined;
  return publicLink(publicUrl, recapPath(chat.seriesId, chat.slug));
}

/** The website's page of a series, for reminders: only with a public URL and only once the series is published. */
export function seriesLinkOf(store: ChatStore, seriesId: string, publicUrl: string | undefined): string | undefined {
  if (!publicUrl || !store.published.isPublished(seriesId)) return undefined;
  return publicLink(publicUrl, seriesPath(seriesId));
}
