import type { ScriptCatalog } from '../script/script-catalog.js';
import type { ChatStore } from '../store/chat-store.js';

/** What publishing or unpublishing did, in words for the host. */
export type PublishOutcome = { ok: true; changed: boolean; text: string } | { ok: false; text: string };

/**
 * Publishes (or unpublishes) a series on the website: its calendar, recaps and search become public (or
 * private again). The one way the chat commands, the CLI and the console's archive switch all change it.
 * A series is known when it has a script (in `scripts`), a chat or an episode; an unknown name is refused with
 * the known ones listed, so a typo never publishes nothing.
 */
export function setPublished(
  store: ChatStore,
  series: string,
  published: boolean,
  by: string,
  now: number,
  scripts?: ScriptCatalog,
): PublishOutcome {
  const known = knownSeries(store, scripts);
  // A published series whose script and chats are gone can still be made private.
  const unpublishable = !published && store.published.isPublished(series);
  if (!known.includes(series) && !unpublishable) {
    const list = known.length ? `Series: ${known.join(', ')}.` : 'There is no series yet: add a script to prompts/.';
    return { ok: false, text: `No series called "${series}". ${list}` };
  }
  const changed = store.published.set(series, published, by, now);
  if (published) {
    return {
      ok: true,
      changed,
      text: changed
        ? `Published ${series}: its calendar, recaps and search are now public on the website.`
        : `${series} was already published.`,
    };
  }
  return {
    ok: true,
    changed,
    text: changed
      ? `Unpublished ${series}: only signed-in hosts see its pages now.`
      : `${series} was not published: only signed-in hosts see its pages.`,
  };
}

/** Every series Emcee knows of, sorted: scripts, series that ran (rehearsals aside) and planned ones. */
export function knownSeries(store: ChatStore, scripts?: ScriptCatalog): string[] {
  return [...new Set([...(scripts?.names() ?? []), ...store.published.seriesOnRecord()])].sort();
}
