import type {
  ChannelAddress,
  CommandReply,
  FormOutcome,
  HostNotice,
  InboundAction,
  InboundCommand,
  InboundFormSubmit,
  UserAddress,
} from '../port.js';
import type { ChatStore } from '../store/chat-store.js';
import type { LiveFeed } from '../service/live-feed.js';
import type { EpisodePlanner } from '../plan/episode-planner.js';
import type { ScriptCatalog } from '../script/script-catalog.js';
import type { NewSession, SessionRunner } from '../session/session-runner.js';
import type { Clock } from '../time/clock.js';

/** Who may use a command. */
export type Audience = 'host' | 'everyone';

/** One argument of a command, declared once for parsing, help, Discord options and the Slack hint. */
export interface ArgSpec {
  /** Its name in help and in Discord's form, e.g. "minutes". */
  name: string;
  /** How it is parsed. */
  kind: 'text' | 'integer';
  /** One line for Discord's form and for help. */
  description: string;
  /** Whether a form (a Discord slash command) asks for it. */
  required: boolean;
  /** What typed text without it means (e.g. "extend" alone adds 5 minutes). */
  default?: string | number;
  /** Smallest allowed integer. */
  min?: number;
  /** Largest allowed integer. */
  max?: number;
  /** The whole message when the value is missing or wrong, e.g. 'Give the minutes to add, e.g. "extend 5".' */
  hint: string;
  /** An example value for usage hints. */
  example: string;
}

/** Parsed arguments, by name. */
export type CommandArgs = Record<string, string | number | undefined>;

/** What a command may use: the channel's live session and the router's services. */
export interface CommandContext {
  /** The command as given. */
  command: InboundCommand;
  /** The live session in the command's channel, if any. */
  runner: SessionRunner | undefined;
  /** The router's services. */
  services: CommandServices;
}

/** The router's services that commands call. */
export interface CommandServices {
  /** Scripts that `start` may run, when starting from chat is set up. */
  readonly scripts: ScriptCatalog | undefined;
  /** Starts a chat; throws SessionAlreadyRunning when one runs in that channel. */
  startSession(fields: NewSession): Promise<SessionRunner>;
  /** When the next scheduled chat in a channel is, in words. */
  describeNext(channel: string): string;
  /** Where the last finished chat's recap is, in words. */
  describeLastRecap(channel: string): string;
  /** Plans episodes, when scripts are set up. */
  readonly planner: EpisodePlanner | undefined;
  /** A person's display name, for guests picked in a form. */
  nameOf(user: UserAddress): Promise<string>;
  /** The store, for reads commands need (episodes, sessions). */
  readonly store: ChatStore;
  /** A channel id as a host writes it, as an address; undefined when the platform cannot tell. */
  resolveChannel(id: string): ChannelAddress | undefined;
  /** A direct-message conversation with a person, where the platform can open one. */
  openDirectChannel(user: UserAddress): Promise<ChannelAddress | undefined>;
  /** Injected time, for what commands record (who published a series, when). */
  readonly clock: Clock;
  /**
   * A fresh one-time sign-in link to the website for this identity and name; absent when the website is off.
   */
  readonly webSignIn?: (identity: string, name: string) => string | undefined;
  /**
   * Sends a person a message with files in a direct message. Resolves false where the platform cannot (the local
   * room) or the message could not be sent.
   */
  sendPrivately(user: UserAddress, notice: HostNotice): Promise<boolean>;
  /** Tells the community's hosts something privately; never throws. */
  tellHosts(notice: HostNotice): Promise<void>;
  /** The platform's mention of a person, as it appears in stored message texts. */
  mentionOf(user: UserAddress, displayName: string): string;
  /** Where recap files are written, when the entry point writes them. */
  readonly recapDir: string | undefined;
  /** The running chats' live feed (the host console listens), when anyone listens. */
  readonly live?: LiveFeed;
}

/**
 * A chat command, declared once: the router, the CLI, Discord's slash-command registration, the Slack
 * manifest's hint and every help text follow from this declaration (see registry.ts).
 */
export interface ChatCommand {
  /** The subcommand as typed: "/emcee <name>", "emcee <name>", "/<name>" in the terminal room. */
  name: string;
  /** Who may use it; the router refuses others before the handler runs. */
  audience: Audience;
  /** One line for help texts and Discord's command list. */
  summary: string;
  /** Its arguments, in order. */
  args: readonly ArgSpec[];
  /** Whether `emcee <name>` on the command line relays it to the running bot through the database. */
  relayFromCli: boolean;
  /** What a non-host is told they cannot do, e.g. "publish a series"; "<name> a chat" when absent. */
  hostsOnlyTo?: string;
  /** Carries it out; expected refusals are replies with ok: false, never exceptions. */
  run(context: CommandContext, args: CommandArgs): Promise<CommandReply>;
  /**
   * Takes a form this command opened (its id starts with "<name>:"); `key` is the rest of the id. Field errors
   * come back by field id.
   */
  submit?(context: FormContext, key: string, values: Record<string, string>): Promise<FormOutcome>;
  /** Takes a click on a button of this command's reply (its id starts with "<name>:"); `key` is the rest. */
  act?(context: ActionContext, key: string): Promise<CommandReply>;
}

/** What a form submission may use. */
export interface FormContext {
  /** The submission as it came. */
  submit: InboundFormSubmit;
  /** The live session in the form's channel, if any. */
  runner: SessionRunner | undefined;
  /** The router's services. */
  services: CommandServices;
}

/** What a button click may use. */
export interface ActionContext {
  /** The click as it came. */
  action: InboundAction;
  /** The live session in the channel, if any. */
  runner: SessionRunner | undefined;
  /** The router's services. */
  services: CommandServices;
}
