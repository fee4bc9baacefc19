import type { CommandServices } from '../src/commands/command-spec.js';
import type { Logger } from '../src/log.js';
import type { ScriptCatalog } from '../src/script/script-catalog.js';
import type { ChatStore } from '../src/store/chat-store.js';
import type { Clock } from '../src/time/clock.js';

/** The website's settings. */
export interface WebConfig {
  /**
   * The address people reach the site at, without a trailing slash (links in posts, calendars, sign-in);
   * absent, pages link relative to the request.
   */
  publicUrl?: string;
  /** Where recap files are written (downloads of older chats fall back to them). */
  recapDir: string;
}

/** What the website reads and acts through; routes get nothing else. */
export interface WebDeps {
  /** The store (the same connection as the bot's when the bot serves the site). */
  store: ChatStore;
  /** Injected time. */
  clock: Clock;
  /** Where failures go. */
  log: Logger;
  /** The site's settings. */
  config: WebConfig;
  /** The series' scripts, when a prompts folder is set up. */
  scripts?: ScriptCatalog;
  /** The running bot, when the site is served by it (absent for `emcee web`, which serves the archive alone). */
  bot?: BotAccess;
  /**
   * Whether a signed-in identity still has host rights, asked at the moment a host action acts (a host removed
   * on the platform loses the console at once). Every entry point sets it; absent only in route tests.
   */
  hostRights?: (identity: string) => Promise<boolean>;
  /** A link that opens a message in Slack or Discord, from its stored address (undefined when none can be made). */
  permalinkOf?: (address: string) => string | undefined;
  /** A link that opens a chat's channel, from a schedule's platform name and channel id there (calendar entries). */
  channelLinkOf?: (platform: string, channelId: string) => string | undefined;
}

/** What the site may ask of the bot that serves it. */
export interface BotAccess {
  /** How many chats this process runs now. */
  runningChats(): number;
  /** The services the chat commands run on (the console plans through them), when the bot offers its own. */
  commandServices?(): CommandServices;
}
