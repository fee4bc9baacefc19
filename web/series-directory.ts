import { statSync } from 'node:fs';
import type { ScriptCatalog } from '../src/script/script-catalog.js';
import type { ChatScript } from '../src/script/script-schema.js';
import type { WebDeps } from './web-deps.js';

/** A series as its pages name it. */
export interface SeriesInfo {
  /** Its id (the script's id). */
  id: string;
  /** Its title, e.g. "Community Chat". */
  title: string;
  /** Its hashtag, with its "#". */
  hashtag: string;
  /** The timezone its dates are shown in: the schedule's, else the script's. */
  timezone: string;
  /** The script as it is now, when the prompts folder has it (for its schedule). */
  script?: ChatScript;
}

/**
 * Every series the site knows of: the scripts in the prompts folder, and the series of stored chats and planned
 * episodes (a series whose script was removed still has its archive). Filtered by the caller for visibility.
 */
export function knownSeriesIds(deps: WebDeps): string[] {
  const ids = new Set(loadedScripts(deps).map((script) => script.id));
  const stored = deps.store.db
    .prepare(
      `SELECT DISTINCT script_id AS id FROM sessions WHERE rehearsal = 0
        UNION SELECT DISTINCT series_id AS id FROM episodes`,
    )
    .all() as { id: string }[];
  for (const row of stored) ids.add(row.id);
  return [...ids].sort();
}

/** A series' name and timezone, from its script or else from its latest stored chat; undefined if unknown. */
export function seriesInfo(deps: WebDeps, id: string): SeriesInfo | undefined {
  const script = loadedScripts(deps).find((candidate) => candidate.id === id);
  if (script) return infoOf(script, script);
  const row = deps.store.db
    .prepare('SELECT script_json FROM sessions WHERE script_id = ? AND rehearsal = 0 ORDER BY id DESC LIMIT 1')
    .get(id) as { script_json: string } | undefined;
  if (row) return infoOf(JSON.parse(row.script_json) as ChatScript);
  const planned = deps.store.db.prepare('SELECT 1 FROM episodes WHERE series_id = ? LIMIT 1').get(id);
  return planned ? { id, title: id, hashtag: '', timezone: 'UTC' } : undefined;
}

function infoOf(stored: ChatScript, current?: ChatScript): SeriesInfo {
  return {
    id: stored.id,
    title: stored.title,
    hashtag: stored.hashtag,
    timezone: stored.schedule?.timezone ?? stored.timezone,
    ...(current ? { script: current } : {}),
  };
}

// Each catalog's scripts as last loaded, with the files' names and times they were loaded from.
const loaded = new WeakMap<ScriptCatalog, { key: string; scripts: ChatScript[] }>();

// The prompts folder is looked at on each page (a script a host just added or edited shows at once), and parsed
// again only when a file was added, removed or changed.
function loadedScripts(deps: WebDeps): ChatScript[] {
  const catalog = deps.scripts;
  if (!catalog) return [];
  const key = catalog
    .names()
    .map((name) => {
      const path = catalog.pathOf(name);
      const file = path ? statSync(path, { throwIfNoEntry: false }) : undefined;
      return `${name}@${file?.mtimeMs}:${file?.size}`;
    })
    .join('|');
  const known = loaded.get(catalog);
  if (known?.key === key) return known.scripts;
  const scripts = catalog.loadAll().loaded.map((named) => named.script);
  loaded.set(catalog, { key, scripts });
  return scripts;
}
