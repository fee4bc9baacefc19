import type { CoreConfig } from '../src/config/core-config.js';
import type { Logger } from '../src/log.js';
import type { ScriptCatalog } from '../src/script/script-catalog.js';
import type { ChatStore } from '../src/store/chat-store.js';
import { SystemClock } from '../src/time/clock.js';
import { channelLinkFor, permalinkFor } from '../adapters/permalinks.js';
import type { PlatformAdapter } from '../src/port.js';
import { webSignInFor } from '../src/access/sign-in-links.js';
import { webBaseUrl } from '../src/config/web-base-url.js';
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
  extra?: Pick<WebDeps, 'bot' | 'hostRights' | 'permalinkOf' | 'channelLinkOf'>;
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

/** The address links start with: the public URL when set, else where the site listens (its real port). */
export function siteAddress(config: CoreConfig, web: RunningWeb): string {
  return webBaseUrl({ ...config, EMCEE_WEB_PORT: Number(new URL(web.localUrl).port) });
}

/**
 * Sign-in links for `/emcee console`, made on real time against the site's address once it is known; until
 * the site listens (or when it could not start) there are none, and the command says the website is off.
 */
export class SignInLinks {
  private baseUrl: string | undefined;

  constructor(private readonly store: ChatStore) {}

  /** The site is up at this address. */
  serveAt(baseUrl: string): void {
    this.baseUrl = baseUrl;
  }

  /** `CommandServices.webSignIn`. */
  readonly make = (identity: string, name: string): string | undefined =>
    this.baseUrl === undefined
      ? undefined
      : webSignInFor({ store: this.store, clock: new SystemClock(), baseUrl: this.baseUrl })(identity, name);
}

/**
 * Links into Slack and Discord for the site (jump to an answer, open a chat's channel), from the connected
 * adapters; read at each call, since Slack's workspace address is known only once its adapter has started.
 */
export function platformLinks(adapters: readonly PlatformAdapter[]): Pick<WebDeps, 'permalinkOf' | 'channelLinkOf'> {
  const context = () => ({
    slackWorkspaceUrl: adapters
      .map((adapter) => (adapter as { workspaceUrl?: string }).workspaceUrl)
      .find((url) => url !== undefined),
    discordGuildId: adapters.map((adapter) => (adapter as { guildId?: string }).guildId).find((id) => id !== undefined),
  });
  return {
    permalinkOf: (address) => permalinkFor(address, context()),
    channelLinkOf: (platform, channelId) => channelLinkFor(platform, channelId, context()),
  };
}
