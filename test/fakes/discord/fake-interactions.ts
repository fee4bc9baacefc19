import type { FakeGuild, Json } from './fake-guild.js';

/** How an interaction was answered, for assertions. */
export interface InteractionAnswer {
  /** The callback type: 4 a message, 5 deferred ("thinking…"). */
  callbackType: number;
  /** Whether only the caller sees the answer (flags 64). */
  ephemeral: boolean;
  /** The answer's text, once there is one. */
  content: string | undefined;
  /** The allowed_mentions sent with the text. */
  allowedMentions: unknown;
}

interface Pending {
  token: string;
  createdAt: number;
  answer: InteractionAnswer | undefined;
}

/** Discord's window for the first answer to an interaction. */
const CALLBACK_WINDOW_MS = 3000;
const EPHEMERAL = 64;

/**
 * Slash-command interactions as Discord handles them: each has a token; its callback must come within
 * 3 s and only once (else 404 "Unknown interaction" / 400 "already acknowledged"); the original response
 * can then be edited through the application's webhook.
 */
export class FakeInteractions {
  private readonly byId = new Map<string, Pending>();

  constructor(private readonly guild: FakeGuild) {}

  /** The INTERACTION_CREATE `d` of `/emcee <sub>` from a member (with options), registered as pending. */
  slashCommand(fields: { user: string; sub: string; options?: { name: string; type: number; value: string | number }[]; channelId?: string; expired?: boolean }): Json {
    const id = this.guild.nextId();
    const token = `aW50ZXJhY3Rpb246${id}`;
    // An expired one stands for an interaction whose 3 s ran out before the bot answered.
    this.byId.set(id, { token, createdAt: fields.expired ? 0 : Date.now(), answer: undefined });
    const channelId = fields.channelId ?? this.guild.channelId;
    return {
      id,
      application_id: this.guild.applicationId,
      type: 2,
      token,
      version: 1,
      guild_id: this.guild.guildId,
      guild: { id: this.guild.guildId, locale: 'en-US', features: [] },
      channel_id: channelId,
      channel: this.guild.channel(channelId),
      member: { ...this.guild.member(fields.user), permissions: this.guild.permissionsOf(fields.user).toString() },
      app_permissions: '2248473465835073',
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': this.guild.guildId },
      context: 0,
      attachment_size_limit: 10485760,
      data: { id: '300000000000000001', name: 'emcee', type: 1, guild_id: this.guild.guildId, options: [{ name: fields.sub, type: 1, options: fields.options ?? [] }] },
    };
  }

  /** The token of an interaction (a secret: it lets anyone answer as the bot for 15 minutes). */
  token(id: string): string | undefined {
    return this.byId.get(id)?.token;
  }

  /** How an interaction was answered, if it was. */
  answer(id: string): InteractionAnswer | undefined {
    return this.byId.get(id)?.answer;
  }

  /** POST /interactions/:id/:token/callback. */
  callback(id: string, token: string, body: Json | undefined): { status: number; body?: unknown } {
    const pending = this.byId.get(id);
    if (!pending || pending.token !== token || Date.now() - pending.createdAt > CALLBACK_WINDOW_MS) {
      return { status: 404, body: { message: 'Unknown interaction', code: 10062 } };
    }
    if (pending.answer) return { status: 400, body: { message: 'Interaction has already been acknowledged.', code: 40060 } };
    const type = Number(body?.type);
    if (type !== 4 && type !== 5) return { status: 400, body: { message: 'Invalid Form Body', code: 50035 } };
    const data = (body?.data ?? {}) as Json;
    pending.answer = {
      callbackType: type,
      ephemeral: (Number(data.flags ?? 0) & EPHEMERAL) !== 0,
      content: typeof data.content === 'string' ? data.content : undefined,
      allowedMentions: data.allowed_mentions,
    };
    return { status: 204 };
  }

  /** PATCH /webhooks/:app/:token/messages/@original: fills in or edits the first answer. */
  editOriginal(applicationId: string, token: string, body: Json | undefined): { status: number; body?: unknown } {
    const pending = [...this.byId.values()].find((p) => p.token === token);
    if (applicationId !== this.guild.applicationId || !pending?.answer) return { status: 404, body: { message: 'Unknown Webhook', code: 10015 } };
    pending.answer.content = String(body?.content ?? '');
    pending.answer.allowedMentions = body?.allowed_mentions;
    const message = this.guild.message({ author: this.guild.botId, content: pending.answer.content, channelId: this.guild.channelId });
    return { status: 200, body: { ...message, flags: pending.answer.ephemeral ? EPHEMERAL : 0, webhook_id: this.guild.applicationId, application_id: this.guild.applicationId } };
  }
}
