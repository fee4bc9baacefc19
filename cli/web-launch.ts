import type { CoreConfig } from '../src/config/core-config.js';
import type { Logger } from '../src/log.js';
import type { ScriptCatalog } from '../src/script/script-catalog.js';
import type { ChatStore } from '../src/store/chat-store.js';
import { SystemClock } from '../src/time/clock.js';
import { startWebServer, type RunningWeb } from '../web/start-web-server.js';
import type { WebDeps } from '../web/web-deps.js';

/** What the entry point hands the website besides the settings. */
export interface WebLaunch {
  /** The settings (EMCEE_WEB*, EMCEE_PUBLIC_URL, the recap folder). */
  config: CoreConfig;
  /** The store, shared with the bot when one runs. */
  store: ChatStore;
  /** Where failures go. */
  log: Logger;
  /** The series. */
  scripts?: ScriptCatalog;
  /** What the running bot offers the site, and who counts as a host. */
  extra?: Pick<WebDeps, 'bot' | 'hostRights' | 'permalinkOf'>;
}

/**
 * Starts the website beside a chat (npm start, the demo) unless EMCEE_WEB=off. A taken port does not stop the
 * chats: the site is left out with one line saying which setting to change.
 */
export async function launchWebBesideChats(
  launch: WebLaunch,
  say: (line: string) => void,
): Promise<RunningWeb | undefined> {
  if (launch.config.EMCEE_WEB === 'off') return undefined;
  try {
    return await startWeb(launch);
  } catch (error) {
    say(`${(error as Error).message} The chats run without it.`);
    return undefined;
  }
}

/** Starts the website (it always uses real time: sign-in links and sessions expire by the wall clock). */
export function startWeb(launch: WebLaunch): Promise<RunningWeb> {
  const { config } = launch;
  return startWebServer(
    {
      store: launch.store,
      clock: new SystemClock(),
      log: launch.log,
      config: {
        ...(config.EMCEE_PUBLIC_URL ? { publicUrl: config.EMCEE_PUBLIC_URL.replace(/\/+$/, '') } : {}),
        recapDir: config.EMCEE_RECAP_DIR,
      },
      ...(launch.scripts ? { scripts: launch.scripts } : {}),
      ...launch.extra,
    },
    { host: config.EMCEE_WEB_HOST, port: config.EMCEE_WEB_PORT },
  );
}

/** The address to print: the public URL when set, else where the site listens. */
export function shownAddress(config: CoreConfig, web: RunningWeb): string {
  return `${(config.EMCEE_PUBLIC_URL ?? web.localUrl).replace(/\/+$/, '')}/`;
}
