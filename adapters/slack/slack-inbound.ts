import type { App, webApi } from '@slack/bolt';
import type { Logger } from '../../src/log.js';
import type { ChatInbound, CommandReply, InboundMessage } from '../../src/port.js';
import { parseMessageAddress, slackAddress } from './slack-addresses.js';
import type { SlackDirectChannels } from './slack-direct.js';
import { classifyMessageEvent, isUnopenedDirectMessage, slashCommandSchema } from './slack-events.js';
import type { HistoryMessage } from './slack-history.js';
import type { MessageIndex } from './slack-message-index.js';
import type { SlackPeople } from './slack-people.js';
import { SlackInteractions, type Respond } from './slack-interactions.js';
import { RecentKeys } from '../shared/recent-keys.js';
import { unescapeSlack } from './slack-text.js';

/** What the inbound side needs from the adapter. */
export interface SlackInboundContext {
  /** The workspace id, known once started. */
  team(): string;
  /** The bot's own user id, known once started. */
  botUserId(): string | undefined;
  /** Where the core's events go; undefined until the adapter is started. */
  inbound(): ChatInbound | undefined;
  people: SlackPeople;
  index: MessageIndex;
  /** The DMs opened for rehearsals: the only direct messages handed on. */
  direct: Pick<SlackDirectChannels, 'hears'>;
  client: webApi.WebClient;
  log: Logger;
}

/**
 * Slack's inbound side: `message` events become handleMessage / handleEdit / handleDelete, `/emcee` becomes
 * handleCommand with its reply shown only to the caller (a form as a modal, items as buttons: see
 * slack-interactions.ts). Redelivered events are dispatched once.
 */
export class SlackInbound {
  private readonly dispatched = new RecentKeys();
  private readonly interactions: SlackInteractions;

  constructor(private readonly ctx: SlackInboundContext) {
    this.interactions = new SlackInteractions(ctx);
  }

  /** Attaches the listeners to a Bolt app. */
  register(app: App): void {
    app.event('message', async ({ event }) => {
      await this.onMessageEvent(event).catch((error: unknown) =>
        this.ctx.log.error('A Slack message event failed', { error }),
      );
    });
    app.command('/emcee', async ({ command, ack, respond }) => {
      // Slack wants the ack within 3 s; the reply follows as an ephemeral message, or a modal (its trigger
      // is good for 3 s from the command).
      await ack();
      await this.onCommand(command, (body) => respond(body).then(() => undefined)).catch((error: unknown) =>
        this.ctx.log.error('A /emcee command failed', { error }),
      );
    });
    this.interactions.register(app);
    app.error(async (error) => this.ctx.log.error('Slack listener error', { error }));
  }

  /** A person's message (live or from history) in the core's shape; undefined for bots and non-messages. */
  async toInbound(raw: HistoryMessage, channel: string): Promise<InboundMessage | undefined> {
    const classified = classifyMessageEvent({ type: 'message', channel, ...raw }, this.ctx.botUserId());
    if (classified.kind !== 'message') return undefined;
    const { user, ts, thread_ts: threadTs, text } = classified.event;
    const team = this.ctx.team();
    const person = await this.ctx.people.author(team, user);
    if (person.isBot) return undefined;
    // A host's answers in a rehearsal's DM count as a participant's: the core decides that (answer-intake.ts).
    const author = person;
    const id = this.ctx.index.remember(team, channel, ts, threadTs, user);
    const inThread = threadTs !== undefined && threadTs !== ts;
    return {
      id,
      channel: slackAddress.channel(team, channel),
      community: `slack:${team}`,
      author,
      text: unescapeSlack(text),
      ts: Math.round(Number(ts) * 1000),
      ...(inThread ? { replyTo: slackAddress.message(team, channel, threadTs) } : {}),
    };
  }

  /**
   * Hands on a message read from history after a reconnect, unless its event was already dispatched;
   * true when it was handed on now.
   */
  async deliverFromHistory(message: InboundMessage): Promise<boolean> {
    const inbound = this.ctx.inbound();
    if (!inbound) return false;
    const { channel, ts } = parseMessageAddress(message.id);
    return this.once(`message:${channel}:${ts}`, () => inbound.handleMessage(message));
  }

  private async onMessageEvent(raw: unknown): Promise<void> {
    const inbound = this.ctx.inbound();
    if (!inbound) return;
    // Direct messages reach the core only from the DMs Emcee opened for a rehearsal.
    if (isUnopenedDirectMessage(raw, (channel) => this.ctx.direct.hears(channel))) return;
    const sorted = classifyMessageEvent(raw, this.ctx.botUserId());
    if (sorted.kind === 'ignored') return;
    const team = this.ctx.team();
    if (sorted.kind === 'message') {
      const { channel, ts } = sorted.event;
      await this.once(`message:${channel}:${ts}`, async () => {
        const message = await this.toInbound(sorted.event, channel);
        if (message) await inbound.handleMessage(message);
      });
      return;
    }
    const id = this.ctx.index.addressOf(team, sorted.channel, sorted.ts, sorted.threadTs);
    if (sorted.kind === 'edit') {
      await this.once(`edit:${id}:${sorted.editedAt}`, () =>
        inbound.handleEdit({ id, text: unescapeSlack(sorted.text), editedAt: sorted.editedAt }),
      );
      return;
    }
    await this.once(`delete:${id}`, () => inbound.handleDelete(id));
  }

  // Runs `work` unless an event with this key was already dispatched; a failure frees the key for a retry.
  private async once(key: string, work: () => Promise<void>): Promise<boolean> {
    if (!this.dispatched.claim(key)) return false;
    try {
      await work();
      return true;
    } catch (error) {
      this.dispatched.release(key);
      throw error;
    }
  }

  private async onCommand(raw: unknown, respond: Respond): Promise<void> {
    const command = slashCommandSchema.parse(raw);
    const inbound = this.ctx.inbound();
    const team = this.ctx.team() || command.team_id;
    const [name = '', ...args] = command.text.trim().split(/\s+/).filter(Boolean);
    const reply: CommandReply = inbound
      ? await inbound.handleCommand({
          channel: slackAddress.channel(team, command.channel_id),
          community: `slack:${team}`,
          by: await this.ctx.people.author(team, command.user_id),
          name: name.toLowerCase(),
          args,
        })
      : { ok: false, text: 'Emcee is starting up; try again in a moment.' };
    const target = { channel: command.channel_id, user: command.user_id, triggerId: command.trigger_id, respond };
    await this.interactions.showReply(reply, target);
  }
}
