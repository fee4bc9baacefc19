import { App, LogLevel, SocketModeReceiver, type Logger as BoltLogger } from '@slack/bolt';
import { WebClient, ErrorCode } from '@slack/web-api';
import type { Logger } from '../../src/log.js';
import type {
  ChannelAddress,
  ChatInbound,
  HistoryResult,
  InboundAuthor,
  InboundMessage,
  MessageAddress,
  OutboundMessage,
  PlatformAdapter,
  PostedMessage,
  Reaction,
  UserAddress,
} from '../../src/port.js';
import { POST_PRIORITY } from '../shared/post-priority.js';
import { PriorityPoster } from '../shared/priority-poster.js';
import { ReactionPacer } from '../shared/reaction-pacer.js';
import { parseChannelAddress, parseMessageAddress, slackAddress, userIdOf } from './slack-addresses.js';
import { questionBlocks } from './slack-blocks.js';
import type { SlackConfig } from './slack-config.js';
import { classifyMessageEvent, slashCommandSchema } from './slack-events.js';
import { escapeSlack, slackDate, unescapeSlack } from './slack-text.js';


// History fetches are tightly limited for apps outside the Marketplace: a few pages at most.
const HISTORY_PAGES = 5;

/**
 * Emcee on Slack, through @slack/bolt: Socket Mode by default, HTTP (Events API, signed requests) as an
 * option. Posts go through a priority queue on one Web API client; reactions are paced on another, so a
 * flood of acknowledgements never delays a question.
 */
export class SlackAdapter implements PlatformAdapter {
  readonly name = 'slack';
  // Slack truncates longer texts; it sets no cap on mentions, so text length is the only bound.
  readonly limits = { messageLength: 4000, mentionsPerMessage: 10_000 };
  private readonly app: App;
  private readonly receiver: SocketModeReceiver | undefined;
  private readonly posts: WebClient;
  private readonly reactionsClient: WebClient;
  private readonly poster: PriorityPoster;
  private readonly pacer: ReactionPacer;
  private readonly people = new Map<string, Promise<InboundAuthor>>();
  private readonly authors = new Map<MessageAddress, string>();
  private team = '';
  private botUserId: string | undefined;
  private inbound: ChatInbound | undefined;

  constructor(
    private readonly config: SlackConfig,
    private readonly log: Logger,
  ) {
    const clientOptions = {
      ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    };
    const logger = boltLogger(log);
    if (config.mode === 'socket') {
      this.receiver = new SocketModeReceiver({
        appToken: config.appToken!,
        logger,
        ...(config.clientPingTimeoutMs ? { clientPingTimeout: config.clientPingTimeoutMs } : {}),
        installerOptions: { clientOptions: config.apiUrl ? { slackApiUrl: config.apiUrl } : {} },
      });
    }
    this.app = new App({
      token: config.botToken,
      logger,
      logLevel: LogLevel.WARN,
      deferInitialization: true,
      clientOptions,
      ...(this.receiver ? { receiver: this.receiver } : { signingSecret: config.signingSecret! }),
    });
    this.posts = new WebClient(config.botToken, clientOptions);
    this.reactionsClient = new WebClient(config.botToken, clientOptions);
    this.poster = new PriorityPoster({ burst: config.postBurst, refillMs: config.postIntervalMs });
    this.pacer = new ReactionPacer({
      perMinute: config.reactionsPerMinute,
      maxBacklogMs: 30_000,
      applaud: async (channel, text) => {
        await this.post(channel, { kind: 'notice', text });
      },
      onError: (error) => this.log.warn('A Slack reaction failed', { error }),
    });
    this.register();
  }

  /** The workspace, known once started. */
  get community(): string {
    return `slack:${this.team}`;
  }

  get defaultChannel(): ChannelAddress {
    return slackAddress.channel(this.team, this.config.channel);
  }

  /** Reactions sent one by one and folded into applause, for the benchmarks. */
  get reactionStats(): { sent: number; coalesced: number } {
    return { sent: this.pacer.sent, coalesced: this.pacer.coalesced };
  }

  async start(inbound: ChatInbound): Promise<void> {
    this.inbound = inbound;
    let auth;
    try {
      auth = await this.posts.auth.test();
    } catch (error) {
      throw new Error(`Slack refused SLACK_BOT_TOKEN (${(error as { data?: { error?: string } }).data?.error ?? (error as Error).message}).`);
    }
    this.team = String(auth.team_id);
    this.botUserId = auth.user_id;
    await this.app.init();
    if (this.config.mode === 'socket') {
      await this.app.start();
    } else {
      await this.app.start({ port: this.config.port, host: this.config.host } as never);
    }
    this.log.info(`Connected to Slack workspace ${this.team} (${this.config.mode} mode)`);
  }

  async stop(): Promise<void> {
    this.pacer.stop();
    // Socket Mode: app.stop() resolves before the socket has closed; wait for it so nothing arrives late.
    const closed = this.receiver ? waitForDisconnect(this.receiver) : Promise.resolve();
    await this.app.stop();
    await closed;
  }

  /** The port the HTTP receiver listens on (HTTP mode), for tests and logs. */
  get httpPort(): number | undefined {
    const server = (this.app as unknown as { receiver?: { server?: { address(): { port: number } | null } } }).receiver?.server;
    return server?.address()?.port;
  }

  // ---- outbound -----------------------------------------------------------------------------------

  async post(channel: ChannelAddress, message: OutboundMessage): Promise<PostedMessage> {
    const { channel: id } = parseChannelAddress(channel);
    return this.send(id, message);
  }

  async reply(to: MessageAddress, message: OutboundMessage): Promise<PostedMessage> {
    const ref = parseMessageAddress(to);
    return this.send(ref.channel, message, ref.threadTs);
  }

  async react(to: MessageAddress, reaction: Reaction): Promise<void> {
    const ref = parseMessageAddress(to);
    const author = this.authors.get(to);
    await this.pacer.add({
      channel: slackAddress.channel(ref.team, ref.channel),
      mention: author ? `<@${author}>` : '',
      ...(reaction.applause && author ? { applause: reaction.applause } : {}),
      send: () =>
        withRateLimitRetry(
          () => this.reactionsClient.reactions.add({ channel: ref.channel, timestamp: ref.ts, name: reaction.shortcode }),
          this.log,
        ).then(() => undefined, (error: { data?: { error?: string } }) => {
          if (error.data?.error === 'already_reacted') return;
          throw error;
        }),
    });
  }

  mention(user: UserAddress): string {
    return `<@${userIdOf(user)}>`;
  }

  quote(text: string): string {
    return escapeSlack(text);
  }

  formatTime(at: number, fallback: string): string {
    return slackDate(at, fallback);
  }

  resolveChannel(id: string): ChannelAddress {
    return slackAddress.channel(this.team, id);
  }

  async fetchHistory(channel: ChannelAddress, since: number): Promise<HistoryResult> {
    const { channel: id } = parseChannelAddress(channel);
    const messages: InboundMessage[] = [];
    let cursor: string | undefined;
    try {
      for (let page = 0; page < HISTORY_PAGES; page++) {
        const result = await this.posts.conversations.history({ channel: id, oldest: String(since / 1000), limit: 200, cursor });
        for (const raw of result.messages ?? []) {
          await this.collect(raw, id, messages);
          if (raw.reply_count && raw.ts) {
            const replies = await this.posts.conversations.replies({ channel: id, ts: raw.ts, oldest: String(since / 1000) });
            for (const reply of (replies.messages ?? []).slice(1)) await this.collect(reply, id, messages);
          }
        }
        cursor = result.response_metadata?.next_cursor || undefined;
        if (!result.has_more || !cursor) return { messages: sortByTs(messages) };
      }
      return { messages: sortByTs(messages), incomplete: `history beyond ${HISTORY_PAGES} pages was not fetched` };
    } catch (error) {
      const reason =
        (error as { code?: string }).code === ErrorCode.RateLimitedError
          ? 'Slack rate-limited the history calls (apps outside the Marketplace get about one a minute)'
          : (error as Error).message;
      return { messages: sortByTs(messages), incomplete: reason };
    }
  }

  async findOwnPost(channel: ChannelAddress, since: number, text: string): Promise<MessageAddress | undefined> {
    const { channel: id } = parseChannelAddress(channel);
    const result = await this.posts.conversations.history({ channel: id, oldest: String(since / 1000), limit: 200 });
    const found = (result.messages ?? []).find((m) => m.user === this.botUserId && m.text?.startsWith(escapeSlack(text)));
    return found?.ts ? slackAddress.message(this.team, id, found.ts, found.thread_ts) : undefined;
  }

  private async send(channel: string, message: OutboundMessage, threadTs?: string): Promise<PostedMessage> {
    const blocks = message.question ? questionBlocks(message.question) : undefined;
    const result = await this.poster.enqueue(POST_PRIORITY[message.kind], () =>
      withRateLimitRetry(
        () =>
          this.posts.chat.postMessage({
            channel,
            text: message.text,
            ...(blocks ? { blocks } : {}),
            ...(threadTs ? { thread_ts: threadTs } : {}),
            unfurl_links: false,
          }),
        this.log,
      ),
    );
    return { address: slackAddress.message(this.team, channel, String(result.ts), threadTs) };
  }

  // ---- inbound ------------------------------------------------------------------------------------

  private register(): void {
    this.app.event('message', async ({ event }) => {
      await this.onMessageEvent(event).catch((error: unknown) => this.log.error('A Slack message event failed', { error }));
    });
    this.app.command('/emcee', async ({ command, ack }) => {
      await ack();
      await this.onCommand(command).catch((error: unknown) => this.log.error('A /emcee command failed', { error }));
    });
    this.app.error(async (error) => this.log.error('Slack listener error', { error }));
  }

  private async onMessageEvent(raw: unknown): Promise<void> {
    if (!this.inbound) return;
    const sorted = classifyMessageEvent(raw, this.botUserId);
    if (sorted.kind === 'ignored') return;
    if (sorted.kind === 'edit') {
      const { channel, message } = sorted.event;
      await this.inbound.handleEdit({
        id: slackAddress.message(this.team, channel, message.ts, message.thread_ts),
        text: unescapeSlack(message.text),
        editedAt: Math.round(Number(message.edited?.ts ?? sorted.event.event_ts ?? sorted.event.ts) * 1000),
      });
      return;
    }
    if (sorted.kind === 'delete') {
      const { channel, deleted_ts, previous_message } = sorted.event;
      await this.inbound.handleDelete(slackAddress.message(this.team, channel, deleted_ts, previous_message?.thread_ts));
      return;
    }
    const messages: InboundMessage[] = [];
    await this.collect(sorted.event, sorted.event.channel, messages);
    for (const message of messages) await this.inbound.handleMessage(message);
  }

  // Turns a raw message (live or from history) into the core's shape; bots are left out.
  private async collect(raw: { user?: string; bot_id?: string; text?: string; ts?: string; thread_ts?: string; subtype?: string }, channel: string, into: InboundMessage[]): Promise<void> {
    if (!raw.user || !raw.ts || raw.bot_id || raw.user === this.botUserId) return;
    if (raw.subtype && !['thread_broadcast', 'file_share', 'me_message'].includes(raw.subtype)) return;
    const author = await this.person(raw.user);
    const id = slackAddress.message(this.team, channel, raw.ts, raw.thread_ts);
    this.authors.set(id, raw.user);
    if (this.authors.size > 50_000) this.authors.delete(this.authors.keys().next().value!);
    const inThread = raw.thread_ts && raw.thread_ts !== raw.ts;
    into.push({
      id,
      channel: slackAddress.channel(this.team, channel),
      community: this.community,
      author,
      text: unescapeSlack(raw.text ?? ''),
      ts: Math.round(Number(raw.ts) * 1000),
      ...(inThread ? { replyTo: slackAddress.message(this.team, channel, raw.thread_ts!) } : {}),
    });
  }

  private async onCommand(raw: unknown): Promise<void> {
    const command = slashCommandSchema.parse(raw);
    if (!this.inbound) return;
    const [name = '', ...args] = command.text.trim().split(/\s+/).filter(Boolean);
    const reply = await this.inbound.handleCommand({
      channel: slackAddress.channel(this.team, command.channel_id),
      community: this.community,
      by: await this.person(command.user_id),
      name,
      args,
    });
    await this.poster.enqueue('high', () =>
      withRateLimitRetry(
        () => this.posts.chat.postEphemeral({ channel: command.channel_id, user: command.user_id, text: reply.text }),
        this.log,
      ),
    );
  }

  // Display names and host rights from users.info, cached per user for the process's life.
  private person(user: string): Promise<InboundAuthor> {
    let cached = this.people.get(user);
    if (!cached) {
      cached = this.posts.users
        .info({ user })
        .then((result) => {
          const u = result.user;
          return {
            id: slackAddress.user(this.team, user),
            displayName: u?.profile?.display_name || u?.real_name || u?.name || user,
            isBot: Boolean(u?.is_bot),
            isHost: this.config.hostIds.includes(user) || Boolean(u?.is_admin || u?.is_owner),
          };
        })
        .catch((error: unknown) => {
          this.people.delete(user);
          this.log.warn('users.info failed; using the raw user id', { error });
          return { id: slackAddress.user(this.team, user), displayName: user, isBot: false, isHost: this.config.hostIds.includes(user) };
        });
      this.people.set(user, cached);
    }
    return cached;
  }
}

/** Creates the Slack adapter from validated settings. */
export function createSlackAdapter(config: SlackConfig, log: Logger): SlackAdapter {
  return new SlackAdapter(config, log);
}

/** Retries a Web API call after a 429, waiting the Retry-After Slack asked for. */
export async function withRateLimitRetry<T>(call: () => Promise<T>, log: Logger, attempts = 6): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const limited = (error as { code?: string; retryAfter?: number }).code === ErrorCode.RateLimitedError;
      if (!limited || attempt >= attempts) throw error;
      const seconds = (error as { retryAfter?: number }).retryAfter ?? 1;
      log.debug(`Slack rate limit: retrying in ${seconds}s`);
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    }
  }
}

function sortByTs(messages: InboundMessage[]): InboundMessage[] {
  return messages.sort((a, b) => a.ts - b.ts);
}

function waitForDisconnect(receiver: SocketModeReceiver): Promise<void> {
  const client = receiver.client as unknown as { websocket?: unknown; once(event: string, fn: () => void): void };
  if (!client.websocket) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 2000);
    client.once('disconnected', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

// Bolt's logs go through ours, so tokens are redacted there too.
function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.WARN;
  return {
    debug: (...msgs) => log.debug(msgs.map(String).join(' ')),
    info: (...msgs) => log.debug(msgs.map(String).join(' ')),
    warn: (...msgs) => log.warn(msgs.map(String).join(' ')),
    error: (...msgs) => log.error(msgs.map(String).join(' ')),
    setLevel: (next) => void (level = next),
    getLevel: () => level,
    setName: () => undefined,
  };
}
