import type { CommandServices } from '../src/commands/command-spec.js';
import type { Logger } from '../src/log.js';
import type { CommandReply, InboundAuthor } from '../src/port.js';
import type { LiveListener } from '../src/service/live-feed.js';
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

/** What the site may ask of the bot that serves it (built from the ChatService by web/bot-access.ts). */
export interface BotAccess {
  /** How many chats this process runs now. */
  runningChats(): number;
  /** The chats running now, where each stands (rehearsals left out: the site never shows them). */
  liveChats?(): RunningChat[];
  /** Tells `listener` of every message stored and step changed from now on; returns the way to stop. */
  subscribeLive?(listener: LiveListener): () => void;
  /**
   * Runs a chat command in `channel` as a slash command would, through the command registry, as `by` (whose
   * host rights the console's gate asked of the platform for this request).
   */
  command?(channel: string, by: InboundAuthor, name: string, args: string[]): Promise<CommandReply>;
  /** The next scheduled chats, one line each (empty when nothing is scheduled). */
  nextChats?(): string[];
  /**
   * The services the chat commands run on (the console plans through them), when the bot offers its own
   * (undefined while it serves no platform yet).
   */
  commandServices?(): CommandServices | undefined;
}

/** A chat running now, as the host console shows it. */
export interface RunningChat {
  /** Its channel (the console's address for it). */
  channel: string;
  /** The platform it runs on: slack, discord, local. */
  platform: string;
  /** The session in the store. */
  sessionId: number;
  /** The series (script id). */
  series: string;
  /** The chat's title. */
  title: string;
  /** The series' time zone, for the times shown. */
  timezone: string;
  /** running or paused. */
  state: 'running' | 'paused' | 'ended';
  /** The open question (0 in the opening, questionCount + 1 once closing). */
  openQuestion: number;
  /** Questions in the script. */
  questionCount: number;
  /** The questions' texts, in order. */
  questions: string[];
  /** Until the step ends on the chat's clock (frozen while paused; undefined once closing). */
  timeLeftMs?: number;
  /** How much faster than real time the chat's clock runs. */
  clockSpeed: number;
}
