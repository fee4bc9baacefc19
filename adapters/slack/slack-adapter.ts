import { App, LogLevel, SocketModeReceiver, webApi } from '@slack/bolt';
import { UserError } from '../../src/errors/user-error.js';
import type { Logger } from '../../src/log.js';
import type {
  ChannelAddress,
  ChatInbound,
  HistoryResult,
  HostNotice,
  HostNoticeResult,
  MessageAddress,
  OutboundMessage,
  PlatformAdapter,
  PostedMessage,
  Reaction,
  UserAddress,
} from '../../src/port.js';
import { SystemClock, type Clock } from '../../src/time/clock.js';
import { POST_PRIORITY } from '../shared/post-priority.js';
import { PriorityPoster, type PostPriority } from '../shared/priority-poster.js';
import { ReconnectCatchUp } from '../shared/reconnect-catch-up.js';
import { ReactionPacer } from '../shared/reaction-pacer.js';
import {
  parseChannelAddress,
  parseMessageAddress,
  parseUserAddress,
  slackAddress,
  userIdOf,
} from './slack-addresses.js';
import { questionBlocks } from './slack-blocks.js';
import { SlackDirectChannels } from './slack-direct.js';
import { boltLogger } from './slack-bolt-logger.js';
import type { SlackConfig } from './slack-config.js';
import {
  fetchSlackHistory,
  findOwnMessage,
  recentMessages,
  threadReplies,
  type HistoryMessage,
} from './slack-history.js';
import { notifySlackHosts, postNoticeWithFiles } from './slack-host-notice.js';
import { SlackInbound } from './slack-inbound.js';
import { MessageIndex } from './slack-message-index.js';
import { SlackPeople } from './slack-people.js';
import { waitForDisconnect, watchSocket } from './slack-socket-watch.js';
import { isSlackRequestError, slackRetryPolicy, withRateLimitRetry, withSlackRetry } from './slack-rate-limit.js';
import { escapeOutbound, escapeSlack, slackDate } from './slack-text.js';

/**
 * Emcee on Slack, through @slack/bolt: Socket Mode by default, HTTP (Events API, signed requests) as an
 * option. Posts go through a priority queue on one Web API client; reactions are paced on another, so a
 * flood of acknowledgements never delays a question. Both clients reject 429s at once (instead of pausing
 * their whole queue) and the call that met the 429 alone waits its Retry-After.
 */
export class SlackAdapter implements PlatformAdapter {
  /** "slack". */
  readonly name = 'slack';
  /**
   * Slack asks for at most 4,000 characters of `text` (longer messages may be split, and beyond 40,000
   * truncated). It documents no cap on mentions per message, so the text length is the only bound: about
   * 280 real `<@U0123ABCDE>` mentions fit.
   */
  // Slack documents no cap on mentions: only the text's length bounds a message.
  readonly limits = { messageLength: 4000, mentionsPerMessage: Number.POSITIVE_INFINITY };
  private readonly app: App;
  private readonly receiver: SocketModeReceiver | undefined;
  private readonly posts: webApi.WebClient;
  private readonly reactionsClient: webApi.WebClient;
  private readonly poster: PriorityPoster;
  private readonly pacer: ReactionPacer;
  private readonly index = new MessageIndex();
  // The DMs opened for rehearsals: the only direct messages heard.
  private readonly direct = new SlackDirectChannels();
  // Display names from mention(), so a mention a message must not ping can be shown as a plain name.
  private readonly names = new Map<string, string>();
  private readonly inboundSide: SlackInbound;
  private readonly people: SlackPeople;
  private team = '';
  private botUserId: string | undefined;
  private inbound: ChatInbound | undefined;
  private readonly catchUp: ReconnectCatchUp;
  private connected = false;

  constructor(
    private readonly config: SlackConfig,
    private readonly log: Logger,
    private readonly clock: Clock = new SystemClock(),
  ) {
    const clientOptions = {
      ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
      // Retries are ours (slack-rate-limit.ts, the priority poster): bounded, logged once, and a post that
      // got no answer is looked for before it is sent again.
      retryConfig: { retries: 0 },
      // Without a timeout a request the network swallowed would hang its post for good.
      timeout: config.requestTimeoutMs,
      rejectRateLimitedCalls: true,
      logger: boltLogger(log),
      logLevel: LogLevel.WARN,
    };
    const logger = boltLogger(log);
    if (config.mode === 'socket') {
      // A custom receiver so the Socket Mode client's own Web API calls (apps.connections.open) honour apiUrl.
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
      // The constructor would otherwise fire auth.test unawaited; start() runs it and reports failure.
      deferInitialization: true,
      clientOptions,
      ...(this.receiver ? { receiver: this.receiver } : { signingSecret: config.signingSecret! }),
    });
    this.posts = new webApi.WebClient(config.botToken, clientOptions);
    this.reactionsClient = new webApi.WebClient(config.botToken, clientOptions);
    const allowance = { burst: config.postBurst, refillMs: config.postIntervalMs };
    this.poster = new PriorityPoster(allowance, clock, slackRetryPolicy(log));
    this.pacer = new ReactionPacer(
      {
        perMinute: config.reactionsPerMinute,
        // Beyond this backlog (30 s by default) an acknowledgement comes too late to mean much: the oldest
        // fold into one applause post per channel.
        maxBacklogMs: config.reactionBacklogMs,
        applauseEveryMs: config.applauseEveryMs,
        applaud: async (channel, text) => {
          // Applause stands in for reactions: it yields to every other post.
          await this.send(parseChannelAddress(channel).channel, { kind: 'notice', text }, undefined, 'low');
        },
        onError: (error) => this.log.warn('A Slack reaction failed', { error }),
        maxLength: this.limits.messageLength,
      },
      clock,
    );
    this.people = new SlackPeople(this.posts, config.hostIds, log, clock);
    this.inboundSide = new SlackInbound({
      team: () => this.team,
      botUserId: () => this.botUserId,
      inbound: () => this.inbound,
      people: this.people,
      index: this.index,
      direct: this.direct,
      client: this.posts,
      log,
    });
    this.inboundSide.register(this.app);
    this.catchUp = new ReconnectCatchUp({
      platform: 'Slack',
      fetchHistory: (channel, since, threads) => this.readHistory(channel, since, threads),
      deliver: (message) => this.inboundSide.deliverFromHistory(message),
      defaultChannel: () => this.defaultChannel,
      log,
    });
    if (this.receiver) watchSocket(this.receiver.client, this.catchUp, () => this.connected);
  }

  /** The workspace, known once started. */
  get community(): string {
    return `slack:${this.team}`;
  }

  /** The configured channel, as an address. */
  get defaultChannel(): ChannelAddress {
    return slackAddress.channel(this.team, this.config.channel);
  }

  /** Reactions sent one by one, folded into applause, and still waiting, for the benchmarks. */
  get reactionStats(): { sent: number; coalesced: number; waiting: number } {
    return { sent: this.pacer.sent, coalesced: this.pacer.coalesced, waiting: this.pacer.backlog };
  }

  /** The port the HTTP receiver listens on (HTTP mode), for tests and logs. */
  get httpPort(): number | undefined {
    const server = (this.app as unknown as { receiver?: { server?: { address(): { port: number } | null } } }).receiver
      ?.server;
    return server?.address()?.port;
  }

  /** Checks the bot token, then connects (Socket Mode) or listens (HTTP) and delivers events to `inbound`. */
  async start(inbound: ChatInbound): Promise<void> {
    let auth;
    try {
      auth = await this.posts.auth.test();
    } catch (error) {
      throw new UserError('PLATFORM_REFUSED', `Slack refused SLACK_BOT_TOKEN (${slackErrorCode(error)}).`);
    }
    this.team = String(auth.team_id);
    this.botUserId = auth.user_id;
    await this.checkChannel();
    this.inbound = inbound;
    await this.app.init();
    if (this.config.mode === 'socket') {
      try {
        await this.app.start();
      } catch (error) {
        throw new UserError(
          'PLATFORM_REFUSED',
          `Slack refused the Socket Mode connection: check SLACK_APP_TOKEN (${slackErrorCode(error)}).`,
        );
      }
    } else {
      await this.app.start({ port: this.config.port, host: this.config.host } as never);
    }
    this.connected = true;
    this.log.info(`Connected to Slack workspace ${this.team} (${this.config.mode} mode)`);
  }

  // A channel id with a typo, or a channel the bot was not invited to, is said at start-up in one line rather than
  // at the first question. One history read (the scope the bot has anyway); a rate limit lets start-up go on.
  private async checkChannel(): Promise<void> {
    try {
      await this.posts.conversations.history({ channel: this.config.channel, limit: 1 });
    } catch (error) {
      const code = slackErrorCode(error);
      if (code === 'channel_not_found' || code === 'not_in_channel') {
        throw new UserError(
          'PLATFORM_PLACE_UNKNOWN',
          `SLACK_CHANNEL=${this.config.channel} is not a channel Emcee can read (${code}): check the id ` +
            '(channel name → About, at the bottom) and invite the bot there with /invite @emcee.',
        );
      }
      this.log.warn('Could not check SLACK_CHANNEL at start-up; carrying on', { error: code });
    }
  }

  /**
   * Disconnects, and resolves once no more events can arrive and every acknowledgement queued has gone out:
   * reactions paced for up to STOP_DRAIN_MS (reaction-pacer.ts), the rest in applause posts.
   */
  async stop(): Promise<void> {
    this.connected = false;
    try {
      // Socket Mode: app.stop() resolves before the socket has closed; wait for it so nothing arrives late.
      // Events keep reaching the core until then: Bolt acknowledged them, so Slack would not send them again.
      const closed = this.receiver ? waitForDisconnect(this.receiver.client) : Promise.resolve();
      await this.app.stop();
      await closed;
      this.inbound = undefined;
    } finally {
      // Last, so the reactions of answers that arrived while closing are drained too. The pacer kept
      // pacing meanwhile; the Web API clients need no connection.
      await this.pacer.stop();
    }
  }

  // ---- outbound -----------------------------------------------------------------------------------

  /** Posts in a channel; questions with Block Kit. */
  async post(channel: ChannelAddress, message: OutboundMessage): Promise<PostedMessage> {
    const { channel: channelId } = parseChannelAddress(channel);
    this.direct.notePosting(channelId);
    const posted = await this.send(channelId, message);
    if (message.kind === 'question') this.catchUp.noteQuestion(channel, posted.address);
    else this.catchUp.noteChannel(channel);
    return posted;
  }

  /** Replies in the thread of `to` (its parent's thread when `to` is itself a reply). */
  async reply(to: MessageAddress, message: OutboundMessage): Promise<PostedMessage> {
    const ref = parseMessageAddress(to);
    return this.send(ref.channel, message, ref.threadTs);
  }

  /** Adds a reaction by shortcode, paced under Tier 3 on its own client; may fold into an applause post. */
  async react(to: MessageAddress, reaction: Reaction): Promise<void> {
    const ref = parseMessageAddress(to);
    const author = this.index.authorOf(to);
    await this.pacer.add({
      channel: slackAddress.channel(ref.team, ref.channel),
      // Someone who asked to be quiet is named, not mentioned, in an applause.
      mention: author ? (reaction.quietName ?? `<@${author}>`) : '',
      // Without the author's name an applause would thank nobody: such a reaction keeps its place in line.
      ...(reaction.applause && author ? { applause: reaction.applause } : {}),
      send: () =>
        withSlackRetry(
          'reactions.add',
          () =>
            this.reactionsClient.reactions.add({ channel: ref.channel, timestamp: ref.ts, name: reaction.shortcode }),
          this.log,
        ).then(
          () => undefined,
          (error: unknown) => {
            // A redelivered answer, or a retry whose first try did land: the reaction is there.
            if (slackErrorCode(error) === 'already_reacted') return;
            throw error;
          },
        ),
    });
  }

  /** `<@U…>`: pings the user when the message lists them in `mentions` (or lists nobody). */
  mention(user: UserAddress, displayName: string): string {
    const id = userIdOf(user);
    this.names.set(id, displayName);
    return `<@${id}>`;
  }

  /** Participant text made inert: `&`, `<`, `>` escaped, so no `<!channel>` or `<@U…>` survives. */
  quote(text: string): string {
    return escapeSlack(text);
  }

  /**
   * The name people see (profile display name, else real name, else handle) from users.info, through the
   * cache the inbound side fills; the raw user id when Slack cannot say.
   */
  async displayNameOf(user: UserAddress): Promise<string> {
    const { team, user: id } = parseUserAddress(user);
    return (await this.people.author(team, id)).displayName;
  }

  /** Whether a person hosts this workspace now (SLACK_HOST_IDS, admins, owners), asked afresh. */
  async isHost(user: UserAddress): Promise<boolean> {
    if (!user.startsWith('slack:')) return false;
    const { team, user: id } = parseUserAddress(user);
    if (team !== this.team) return false;
    return this.people.isHostNow(id);
  }

  /** `<!date^…>`: each reader sees the time in their own timezone. */
  formatTime(at: number, fallback: string): string {
    return slackDate(at, fallback);
  }

  /** "C0123ABCD" → `slack:T:C0123ABCD`. */
  resolveChannel(id: string): ChannelAddress {
    return slackAddress.channel(this.team, id);
  }

  /** The app's DM with a person (conversations.open), for a rehearsal: posts go there and answers are heard. */
  async openDirectChannel(user: UserAddress): Promise<ChannelAddress> {
    return slackAddress.channel(this.team, await this.direct.open(this.posts, userIdOf(user), this.log));
  }

  /** A direct message from the app to each host of SLACK_HOST_IDS, with the files shared in it. */
  async notifyHosts(notice: HostNotice): Promise<HostNoticeResult> {
    return notifySlackHosts(this.posts, this.config.hostIds, notice, this.log);
  }

  /** Posts a notice with files in a channel (files.uploadV2 after the message). */
  async shareFiles(channel: ChannelAddress, notice: HostNotice): Promise<void> {
    const problem = await postNoticeWithFiles(this.posts, parseChannelAddress(channel).channel, notice, this.log);
    if (problem) throw new Error(problem);
  }

  /**
   * The channel's messages and thread replies since `since`, for catching up after a restart; the threads
   * of `threads` (the questions) are read even when the question itself is older.
   */
  async fetchHistory(channel: ChannelAddress, since: number, threads: MessageAddress[] = []): Promise<HistoryResult> {
    // A restart's catch-up names the chat's channel and questions: a reconnect later reads them again.
    for (const question of threads) this.catchUp.noteQuestion(channel, question);
    this.catchUp.noteChannel(channel);
    this.direct.notePosting(parseChannelAddress(channel).channel);
    return this.readHistory(channel, since, threads);
  }

  private async readHistory(channel: ChannelAddress, since: number, threads: MessageAddress[]): Promise<HistoryResult> {
    const { channel: id } = parseChannelAddress(channel);
    const parents = threads
      .map(parseMessageAddress)
      .filter((ref) => ref.channel === id)
      .map((ref) => ref.threadTs);
    return fetchSlackHistory(this.posts, id, since, (raw) => this.inboundSide.toInbound(raw, id), parents, this.log);
  }

  /**
   * A post of the bot's since `since` starting with `text`, so a crash never posts it twice: at the top level
   * or as a reply in the thread of a message since `since` (history lists only the threads' parents).
   */
  async findOwnPost(channel: ChannelAddress, since: number, text: string): Promise<MessageAddress | undefined> {
    const { channel: id } = parseChannelAddress(channel);
    const sent = escapeOutbound(text);
    const mine = (m: HistoryMessage) => m.user === this.botUserId && m.text.startsWith(sent);
    const recent = await recentMessages(this.posts, id, since);
    const top = recent.find(mine);
    if (top) return slackAddress.message(this.team, id, top.ts);
    for (const parent of recent.filter((m) => m.reply_count)) {
      const reply = (await threadReplies(this.posts, id, parent.ts, since)).find(mine);
      if (reply) return slackAddress.message(this.team, id, reply.ts, parent.ts);
    }
    return undefined;
  }

  private async send(
    channel: string,
    message: OutboundMessage,
    threadTs?: string,
    priority?: PostPriority,
  ): Promise<PostedMessage> {
    const blocks = message.question ? questionBlocks(message.question) : undefined;
    // Slack pings every `<@U…>` in the text: one not in `mentions` is written as a plain name instead.
    const allowed = message.mentions ? new Set(message.mentions.map(userIdOf)) : undefined;
    const inert = allowed && ((id: string) => (allowed.has(id) ? undefined : `@${this.names.get(id) ?? id}`));
    const text = escapeOutbound(message.text, inert);
    const queuedAt = this.clock.now();
    const result = await this.poster.enqueue(
      priority ?? POST_PRIORITY[message.kind],
      () =>
        withRateLimitRetry(
          () =>
            this.posts.chat.postMessage({
              channel,
              text,
              ...(blocks ? { blocks } : {}),
              ...(threadTs ? { thread_ts: threadTs } : {}),
              unfurl_links: false,
            }),
          this.log,
        ),
      {
        what: `Slack chat.postMessage (${message.kind})`,
        // Slack takes no idempotency key: a try that got no answer may have posted, so look before retrying.
        recover: async (error) => {
          if (!isSlackRequestError(error)) return undefined;
          const bot = this.botUserId;
          const ts = await findOwnMessage(this.posts, { channel, text, threadTs, since: queuedAt, bot });
          return ts ? { ok: true, ts } : undefined;
        },
      },
    );
    return { address: slackAddress.message(this.team, channel, String(result.ts), threadTs) };
  }
}

/** Creates the Slack adapter from validated settings; `clock` paces posts and reactions (tests pass a manual one). */
export function createSlackAdapter(config: SlackConfig, log: Logger, clock: Clock = new SystemClock()): SlackAdapter {
  return new SlackAdapter(config, log, clock);
}

// Slack's error code ("invalid_auth", "already_reacted"), or the message: never the request, which holds the token.
function slackErrorCode(error: unknown): string {
  return (error as { data?: { error?: string } }).data?.error ?? (error as Error).message;
}
