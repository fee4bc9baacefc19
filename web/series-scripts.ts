import type { ChatScript } from '../src/script/script-schema.js';
import type { WebDeps } from './web-deps.js';

/**
 * Every series the site knows, by id, with its script: the prompts folder's scripts (what runs next), and for a
 * series with no file there any more, the script its latest chat ran (kept with the session).
 */
export function seriesScripts(deps: WebDeps): Map<string, ChatScript> {
  const scripts = new Map<string, ChatScript>();
  for (const { script } of deps.scripts?.loadAll().loaded ?? []) scripts.set(script.id, script);
  for (const { seriesId, scriptJson } of deps.store.search.seriesWithChats()) {
    if (scripts.has(seriesId)) continue;
    try {
      const script = JSON.parse(scriptJson) as ChatScript;
      if (script?.id === seriesId && typeof script.timezone === 'string') scripts.set(seriesId, script);
    } catch {
      // A damaged row: that series has no calendar rather than a broken one.
    }
  }
  return scripts;
}
