import { findComponent, messageComponentsProblem, modalProblem, modalSubmitData } from './fake-components.js';
import type { FakeGuild, Json } from './fake-guild.js';

/** How an interaction was answered, for assertions. */
export interface InteractionAnswer {
  /** The callback type: 4 a message, 5 deferred ("thinking…"), 6 deferred update, 7 update, 9 a modal. */
  callbackType: number;
  /** Whether only the caller sees the answer (flags 64). */
  ephemeral: boolean;
  /** The answer's text, once there is one. */
  content: string | undefined;
  /** The allowed_mentions sent with the text. */
  allowedMentions: unknown;
  /** The message's action rows, when it has any. */
  components?: Json[];
  /** The modal opened (callback type 9): custom_id, title, components. */
  modal?: Json;
}

interface Pending {
  token: string;
  createdAt: number;
  /** 2 a slash command, 3 a click, 5 a submitted modal. */
  type: number;
  /** Where it was given. */
  channelId: string;
  /** For a click (or a modal opened from one): the message the component is on. */
  messageId: string | undefined;
  answer: InteractionAnswer | undefined;
  /** The message the answer is shown in (a new ephemeral one, or the clicked one for 6 and 7). */
  answerMessageId: string | undefined;
}

/** Discord's window for the first answer to an interaction. */
const CALLBACK_WINDOW_MS = 3000;
const EPHEMERAL = 64;
const updatesMessage = (type: number) => type === 6 || type === 7;
const invalid = (why: string) => ({ status: 400, body: { message: `Invalid Form Body (${why})`, code: 50035 } });

/**
 * Interactions as Discord handles them: each has a token; its callback must come within 3 s and only once
 * (else 404 "Unknown interaction" / 400 "already acknowledged"); the original response can then be edited
 * through the application's webhook. Slash commands, button clicks and submitted modals carry Discord's
 * payload shapes; answers with components or a modal are checked against Discord's limits, and the
 * ephemeral messages they make are kept so a test can click their buttons.
 */
export class FakeInteractions {
  private readonly byId = new Map<string, Pending>();
  /** Ephemeral messages the bot answered with, by id (not in any channel's history). */
  private readonly ephemeral = new Map<string, Json>();

  constructor(private readonly guild: FakeGuild) {}

  /** The INTERACTION_CREATE `d` of `/emcee <sub>` from a member (with options), registered as pending. */
  slashCommand(fields: {
    user: string;
    sub: string;
    options?: { name: string; type: number; value: string | number }[];
    channelId?: string;
    expired?: boolean;
  }): Json {
    const options = [{ name: fields.sub, type: 1, options: fields.options ?? [] }];
    const data = { id: '300000000000000001', name: 'emcee', type: 1, guild_id: this.guild.guildId, options };
    return this.interaction({ type: 2, user: fields.user, channelId: fields.channelId, expired: fields.expired, data });
  }

  /**
   * A member clicks a button on the message answering interaction `on` (MESSAGE_COMPONENT, type 3, with
   * `data: { custom_id, component_type: 2 }` and the message). Throws when the message has no such enabled button.
   */
  click(fields: { user: string; on: string; customId: string }): Json {
    const messageId = this.byId.get(fields.on)?.answerMessageId;
    const message = messageId ? this.ephemeral.get(messageId) : undefined;
    if (!message) throw new Error(`interaction ${fields.on} was not answered with a message`);
    const button = findComponent(message.components, fields.customId);
    if (button?.type !== 2 || button.disabled === true) {
      throw new Error(`no enabled button ${fields.customId} on message ${messageId}`);
    }
    const data = { custom_id: fields.customId, component_type: 2 };
    return this.interaction({ type: 3, user: fields.user, channelId: String(message.channel_id), data, message });
  }

  /** A member sends the modal that answered interaction `on` (MODAL_SUBMIT, type 5), typing `values` by custom_id. */
  submitModal(fields: { user: string; on: string; values: Record<string, string> }): Json {
    const opened = this.byId.get(fields.on);
    const modal = opened?.answer?.modal;
    if (!opened || !modal) throw new Error(`interaction ${fields.on} was not answered with a modal`);
    const message = opened.messageId ? this.ephemeral.get(opened.messageId) : undefined;
    const data = modalSubmitData(modal, fields.values);
    const channelId = opened.channelId;
    return this.interaction({ type: 5, user: fields.user, channelId, data, ...(message ? { message } : {}) });
  }

  private interaction(fields: {
    type: number;
    user: string;
    channelId?: string | undefined;
    expired?: boolean | undefined;
    data: Json;
    message?: Json;
  }): Json {
    const id = this.guild.nextId();
    const token = `aW50ZXJhY3Rpb246${id}`;
    // An expired one stands for an interaction whose 3 s ran out before the bot answered.
    const messageId = fields.message ? String(fields.message.id) : undefined;
    const channelId = fields.channelId ?? this.guild.channelId;
    const createdAt = fields.expired ? 0 : Date.now();
    const { type } = fields;
    this.byId.set(id, { token, createdAt, type, channelId, messageId, answer: undefined, answerMessageId: undefined });
    return {
      id,
      application_id: this.guild.applicationId,
      type: fields.type,
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
      ...(fields.message ? { message: fields.message } : {}),
      data: fields.data,
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

  /** The message an interaction's answer is shown in, as it is now (a later click may have updated it). */
  answerMessage(id: string): Json | undefined {
    const messageId = this.byId.get(id)?.answerMessageId;
    return messageId ? this.ephemeral.get(messageId) : undefined;
  }

  /** POST /interactions/:id/:token/callback. */
  callback(id: string, token: string, body: Json | undefined): { status: number; body?: unknown } {
    const pending = this.byId.get(id);
    if (!pending || pending.token !== token || Date.now() - pending.createdAt > CALLBACK_WINDOW_MS) {
      return { status: 404, body: { message: 'Unknown interaction', code: 10062 } };
    }
    if (pending.answer)
      return { status: 400, body: { message: 'Interaction has already been acknowledged.', code: 40060 } };
    const type = Number(body?.type);
    const data = (body?.data ?? {}) as Json;
    // UPDATE_MESSAGE and DEFERRED_UPDATE_MESSAGE only for components; no modal in answer to a modal.
    const fits = !(updatesMessage(type) && pending.type !== 3) && !(type === 9 && pending.type === 5);
    const allowed = [4, 5, 6, 7, 9].includes(type) && fits;
    if (!allowed) {
      return invalid(`type: ${type} cannot answer an interaction of type ${pending.type}`);
    }
    const problem = type === 9 ? modalProblem(data) : messageComponentsProblem(data.components);
    if (problem) return invalid(problem);
    if (String(data.content ?? '').length > 2000) return invalid('content: at most 2000 characters');
    const updates = updatesMessage(type);
    pending.answer = {
      callbackType: type,
      ephemeral: updates ? true : (Number(data.flags ?? 0) & EPHEMERAL) !== 0,
      content: typeof data.content === 'string' ? data.content : undefined,
      allowedMentions: data.allowed_mentions,
      ...(Array.isArray(data.components) && data.components.length > 0 && type !== 9
        ? { components: data.components as Json[] }
        : {}),
      ...(type === 9 ? { modal: data } : {}),
    };
    if (updates) {
      pending.answerMessageId = pending.messageId;
      if (type === 7) this.updateMessage(pending.messageId, data);
    } else if (type === 4 || type === 5) {
      pending.answerMessageId = this.newMessage(pending, type === 4 ? data : { content: '' });
    }
    return { status: 204 };
  }

  /** PATCH /webhooks/:app/:token/messages/@original: fills in or edits the first answer (or the clicked message). */
  editOriginal(applicationId: string, token: string, body: Json | undefined): { status: number; body?: unknown } {
    const pending = [...this.byId.values()].find((p) => p.token === token);
    if (applicationId !== this.guild.applicationId || !pending?.answer || !pending.answerMessageId) {
      return { status: 404, body: { message: 'Unknown Webhook', code: 10015 } };
    }
    const problem = messageComponentsProblem(body?.components);
    if (problem) return invalid(problem);
    pending.answer.content = String(body?.content ?? '');
    pending.answer.allowedMentions = body?.allowed_mentions;
    const components = body?.components;
    if (Array.isArray(components) && components.length > 0) pending.answer.components = components as Json[];
    else delete pending.answer.components;
    return { status: 200, body: this.updateMessage(pending.answerMessageId, body ?? {}) };
  }

  private newMessage(pending: Pending, data: Json): string {
    const content = String(data.content ?? '');
    const message = this.guild.message({ author: this.guild.botId, content, channelId: pending.channelId });
    const app = this.guild.applicationId;
    const flags = pending.answer?.ephemeral ? EPHEMERAL : 0;
    const shown = { ...message, components: data.components ?? [], flags, webhook_id: app, application_id: app };
    this.ephemeral.set(String(message.id), shown);
    return String(message.id);
  }

  private updateMessage(messageId: string | undefined, data: Json): Json {
    const before = messageId ? this.ephemeral.get(messageId) : undefined;
    if (!before || !messageId) throw new Error(`the fake has no message ${messageId} to update`);
    const after = {
      ...before,
      ...(data.content !== undefined ? { content: String(data.content) } : {}),
      ...(data.components !== undefined ? { components: data.components } : {}),
    };
    this.ephemeral.set(messageId, after);
    return after;
  }
}
