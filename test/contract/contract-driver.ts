import type { ChannelAddress, PlatformAdapter, UserAddress } from '../../src/port.js';
import type { ContractInbound } from './contract-inbound.js';

/** A person the driver can act as; the address is the one the adapter reports and `mention` takes. */
export interface ContractUser {
  /** Their user address, as the adapter builds it. */
  address: UserAddress;
  /** The name the adapter should report for them. */
  displayName: string;
}

/**
 * A message as the platform holds it, seen from the driver's side: no adapter address in it, so the
 * suite can check that the adapter's addresses lead to the right platform message.
 */
export interface PlatformPost {
  /** The platform's own handle for the message (Slack `C:ts`, a Discord snowflake, a room log id). */
  key: string;
  /** Its text as stored on the platform, markup and escapes included. */
  text: string;
  /** Where it sits: the channel, or one thread of it (two posts with the same value read together). */
  conversation: string;
  /** The message it replies to, or the root of the thread it is in: that message's `key`. */
  replyTo?: string;
}

/** Who a posted message notifies, by the platform's own rules. */
export interface Pings {
  /** Users notified by name. */
  users: UserAddress[];
  /** Whether it notifies a whole channel or group (@everyone, @here, `<!channel>`, a user group). */
  broadcast: boolean;
}

/** Calls the driver can make the fake refuse with a 429. */
export type ThrottledCall = 'post' | 'react';

/**
 * Acts as people on the platform (through the fake server) and reads what the bot did there. Optional
 * members are capabilities: an adapter without one names the reason in `ContractFixture.notApplicable`.
 */
export interface ContractDriver {
  /** The adapter under test, started against the fake with the suite's inbound handle. */
  adapter: PlatformAdapter;
  /** The chat channel, as the adapter addresses it. */
  channel: ChannelAddress;
  /** Two participants. */
  users: readonly [ContractUser, ContractUser];
  /** A participant writes a top-level message in the chat channel. */
  say(user: ContractUser, text: string): Promise<PlatformPost>;
  /** A participant writes in the thread of `parent` (a bot question posted with `openThread`). */
  sayInThread(user: ContractUser, parent: PlatformPost, text: string): Promise<PlatformPost>;
  /** Everything the bot posted, oldest first. */
  botPosts(): PlatformPost[];
  /** How many reactions the bot has added, anywhere. */
  reactionCount(): number;
  /** The platform's current time, epoch ms (what message timestamps are measured against). */
  now(): number;
  /** Closes the adapter and the fake. */
  stop(): Promise<void>;

  /** The reactions the bot added to one message. */
  reactionsOn?(post: PlatformPost): string[];
  /** Who a bot post notifies. */
  pings?(post: PlatformPost): Pings;
  /** A participant edits their message. */
  edit?(post: PlatformPost, text: string): Promise<void>;
  /** A participant deletes their message. */
  delete?(post: PlatformPost): Promise<void>;
  /** Makes the fake answer the next call of that kind with a 429 and this Retry-After. */
  throttleNext?(call: ThrottledCall, retryAfterSeconds: number): void;
  /** How many calls of that kind reached the fake, 429s included. */
  attempts?(call: ThrottledCall): number;
  /** The fake keeps the next post but never answers it, as if the bot crashed waiting for the answer. */
  loseNextConfirmation?(): void;
  /** How many reactions at once overflow the adapter's pacing into applause (its settings in this fixture). */
  applauseFlood?: number;
}

/** Capabilities an adapter may lack: the driver member each stands for. */
export const CAPABILITIES = {
  pings: 'pings',
  reactionsPerMessage: 'reactionsOn',
  edits: 'edit',
  deletes: 'delete',
  rateLimits: 'throttleNext',
  lostConfirmations: 'loseNextConfirmation',
  applause: 'applauseFlood',
} as const satisfies Record<string, keyof ContractDriver>;

/** A capability name. */
export type Capability = keyof typeof CAPABILITIES;

/** How to run one adapter through the contract. */
export interface ContractFixture {
  /** Starts a fresh fake and adapter, delivering inbound events to `inbound`. */
  start(inbound: ContractInbound): Promise<ContractDriver>;
  /** Capabilities this adapter does not have, each with the reason (shown in the test name). */
  notApplicable: Partial<Record<Capability, string>>;
}

/** What one check gets: the running driver and the inbound handle the adapter delivers to. */
export interface CheckContext {
  driver: ContractDriver;
  inbound: ContractInbound;
  /** The bot post whose text contains `marker`; fails the check if there is none. */
  botPost(marker: string): PlatformPost;
}

/** Registers one check; a capability the fixture declares missing becomes a check that it really is missing. */
export type Check = (
  title: string,
  capability: Capability | undefined,
  body: (context: CheckContext) => Promise<void>,
) => void;
