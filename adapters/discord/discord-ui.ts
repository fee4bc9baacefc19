import { Routes, type Client, type REST } from 'discord.js';
import type { Logger } from '../../src/log.js';
import type { ChatInbound, CommandForm, CommandReply, FormOutcome, InboundAuthor } from '../../src/port.js';
import { discordAddress } from './discord-addresses.js';
import { CUSTOM_ID, renderReply, reopenRow, type RenderedMessage } from './discord-components.js';
import { describeDiscordError } from './discord-error-text.js';
import { modalData, readSubmission, type PeopleNames } from './discord-forms.js';
import { interactionAuthor } from './discord-interaction-author.js';
import { DiscordUiMemory } from './discord-ui-memory.js';
import {
  discordComponentInteractionSchema,
  discordModalSubmitSchema,
  submittedInputs,
  type DiscordComponentInteraction,
  type DiscordModalSubmit,
} from './discord-ui-payloads.js';

// Interaction response types and flags, as Discord's documentation names them.
const CHANNEL_MESSAGE_WITH_SOURCE = 4;
const DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE = 5;
const DEFERRED_UPDATE_MESSAGE = 6;
const UPDATE_MESSAGE = 7;
const MODAL = 9;
const EPHEMERAL = 64;
const NO_PINGS = { parse: [] };

/**
 * How long the adapter waits for the core before answering an interaction anyway. Discord's window for
 * the first answer is 3 s of wall time (not the chat's clock); a modal can only be that first answer.
 */
export const ANSWER_BUDGET_MS = 2000;

const EXPIRED_FORM = 'That form has expired (typed answers are kept for 15 minutes): run the command again.';
const EXPIRED_LIST = 'This list has expired: run the command again to see it.';
const STALE_BUTTON = 'This button is out of date: run the command again.';
const FAILED_CLICK = 'Something went wrong with that button; the details are in Emcee’s log.';

/** What answering an interaction needs. */
export interface Answerable {
  /** The interaction's id. */
  id: string;
  /** Its token (a secret: never logged). */
  token: string;
  /** The application it is for. */
  applicationId: string;
}

/** What the interaction handler needs from the receiver. */
export interface DiscordUiDeps {
  /** discord.js's REST client. */
  rest: REST;
  /** The configured guild; interactions from elsewhere are left out. */
  guildId: string;
  /** The host role, if configured. */
  hostRoleId: string | undefined;
  /** The core's handle, once the adapter started. */
  inbound: () => ChatInbound | undefined;
  /** The chat's channel id for an interaction's channel (a thread's parent). */
  chatChannel: (channelId: string, parentId: string | undefined) => Promise<string>;
  /** Member names for `users` fields. */
  names: PeopleNames;
  /** Where failures are reported. */
  log: Logger;
  /** How long to wait for the core before answering anyway (tests shorten it). */
  answerBudgetMs?: number;
  /** The adapter's memory of forms, drafts and lists (tests pass one with their own clock). */
  memory?: DiscordUiMemory;
}

/**
 * Forms, buttons and paged lists on Discord: answers `/emcee` with a modal when the core's reply has a
 * form, reads submitted modals (MODAL_SUBMIT) and button clicks (MESSAGE_COMPONENT) and hands them to the
 * core, and answers ephemerally. A refused or failed submission is kept for 15 minutes behind a button
 * that opens the form again filled with what was typed, so nothing typed is lost.
 */
export class DiscordUi {
  private readonly memory: DiscordUiMemory;
  private readonly budgetMs: number;

  constructor(private readonly deps: DiscordUiDeps) {
    this.memory = deps.memory ?? new DiscordUiMemory();
    this.budgetMs = deps.answerBudgetMs ?? ANSWER_BUDGET_MS;
  }

  /** Whether a raw INTERACTION_CREATE is a click or a submitted modal (handled here, not as a command). */
  static handles(raw: unknown): boolean {
    const type = (raw as { type?: unknown } | null)?.type;
    return type === 3 || type === 5;
  }

  /**
   * Answers a slash command with the core's reply: a modal when it has a form and came within the
   * budget; otherwise a deferred ephemeral reply, filled in once the core answers (a form that came too
   * late is offered behind an "Open the form" button, since only a first answer can be a modal).
   */
  async answerCommand(interaction: Answerable, run: () => Promise<CommandReply>): Promise<void> {
    const work = run();
    const early = await settledWithin(work, this.budgetMs);
    if (early?.form) return this.openForm(interaction, early.form);
    await this.callback(interaction, { type: DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE, data: { flags: EPHEMERAL } });
    await this.editOriginal(interaction, this.replyMessage(early ?? (await work)));
  }

  /** Handles a click or a submitted modal. */
  async handle(raw: unknown): Promise<void> {
    const click = discordComponentInteractionSchema.safeParse(raw);
    if (click.success) return this.inGuild(click.data) ? this.onClick(click.data) : undefined;
    const submit = discordModalSubmitSchema.safeParse(raw);
    if (submit.success) return this.inGuild(submit.data) ? this.onSubmit(submit.data) : undefined;
    this.deps.log.debug('Discord: left out a malformed component or modal interaction');
  }

  private inGuild(interaction: DiscordComponentInteraction | DiscordModalSubmit): boolean {
    const inside = interaction.guild_id === this.deps.guildId && interaction.member !== undefined;
    if (!inside) this.deps.log.debug('Discord: left out an interaction outside the configured server');
    return inside;
  }

  private async onClick(click: DiscordComponentInteraction): Promise<void> {
    const answerable = answerableOf(click);
    const customId = click.data.custom_id;
    if (customId.startsWith(CUSTOM_ID.page)) return this.turnPage(answerable, customId.slice(CUSTOM_ID.page.length));
    if (customId.startsWith(CUSTOM_ID.reopen)) {
      const draft = this.memory.draft(customId.slice(CUSTOM_ID.reopen.length));
      if (!draft) return this.say(answerable, EXPIRED_FORM);
      return this.openForm(answerable, draft.form, draft.typed);
    }
    const actionId = customId.startsWith(CUSTOM_ID.action)
      ? customId.slice(CUSTOM_ID.action.length)
      : customId.startsWith(CUSTOM_ID.actionKey)
        ? this.memory.longId(customId.slice(CUSTOM_ID.actionKey.length))
        : undefined;
    const inbound = this.deps.inbound();
    if (actionId === undefined || !inbound?.handleAction) return this.say(answerable, STALE_BUTTON);
    const where = await this.where(click);
    const work = inbound.handleAction({ actionId, ...where }).catch((error: unknown): CommandReply => {
      this.deps.log.error(`A Discord button (${actionId}) failed`, { error: describeDiscordError(error) });
      return { ok: false, text: FAILED_CLICK };
    });
    const early = await settledWithin(work, this.budgetMs);
    if (early?.form) return this.openForm(answerable, early.form);
    if (early) {
      return this.callback(answerable, { type: UPDATE_MESSAGE, data: this.messageBody(this.replyMessage(early)) });
    }
    // The core is slow: keep the message as it is for now and change it once it answers.
    await this.callback(answerable, { type: DEFERRED_UPDATE_MESSAGE });
    await this.editOriginal(answerable, this.replyMessage(await work));
  }

  private async turnPage(interaction: Answerable, rest: string): Promise<void> {
    const [key = '', page = '0'] = rest.split(':');
    const list = this.memory.list(key);
    const message = list
      ? renderReply(list.reply, { action: (id) => this.actionCustomId(id), listKey: () => key }, Number(page))
      : { content: EXPIRED_LIST, components: [] };
    await this.callback(interaction, { type: UPDATE_MESSAGE, data: this.messageBody(message) });
  }

  private async onSubmit(submit: DiscordModalSubmit): Promise<void> {
    const answerable = answerableOf(submit);
    const customId = submit.data.custom_id;
    const formId = customId.startsWith(CUSTOM_ID.form)
      ? customId.slice(CUSTOM_ID.form.length)
      : customId.startsWith(CUSTOM_ID.formKey)
        ? this.memory.longId(customId.slice(CUSTOM_ID.formKey.length))
        : undefined;
    const read = readSubmission(submittedInputs(submit), this.deps.guildId, this.deps.names);
    // Handed on even if the deferral fails: what was typed reaches the core either way.
    const deferral = { type: DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE, data: { flags: EPHEMERAL } };
    const deferred = this.callback(answerable, deferral);
    if (formId === undefined) {
      await deferred;
      const typed = Object.entries(read.typed).map(([id, value]) => `• ${id}: ${value}`);
      const text = ['This form can no longer be matched to its command (Emcee restarted). What you typed:', ...typed];
      return this.editOriginal(answerable, { content: text.join('\n').slice(0, 2000), components: [] });
    }
    const form: CommandForm = this.memory.form(formId) ?? {
      id: formId,
      title: 'Send again',
      submitLabel: 'Send',
      fields: read.fields,
    };
    const values = Object.fromEntries(form.fields.map((field) => [field.id, read.values[field.id] ?? '']));
    const outcome = this.submitToCore(formId, values, await this.where(submit));
    await deferred;
    const result = await outcome;
    if (result?.ok) return this.editOriginal(answerable, { content: result.text.slice(0, 2000), components: [] });
    const key = this.memory.keepDraft({ form, typed: read.typed });
    const message = result
      ? { content: errorList(form, result.errors), components: [reopenRow(key, 'Fix and send again')] }
      : { content: COULD_NOT_SAVE, components: [reopenRow(key, 'Send again')] };
    await this.editOriginal(answerable, message);
  }

  // undefined: the core could not take it (no form handling, or it threw); the caller offers it again.
  private async submitToCore(
    formId: string,
    values: Record<string, string>,
    where: Where,
  ): Promise<FormOutcome | undefined> {
    const inbound = this.deps.inbound();
    if (!inbound?.handleFormSubmit) return undefined;
    try {
      return await inbound.handleFormSubmit({ formId, values, ...where });
    } catch (error) {
      this.deps.log.error(`A Discord form (${formId}) could not be saved`, { error: describeDiscordError(error) });
      return undefined;
    }
  }

  private async where(interaction: DiscordComponentInteraction | DiscordModalSubmit): Promise<Where> {
    const channelId = interaction.channel?.id ?? interaction.channel_id ?? '';
    const parentId = interaction.channel?.parent_id ?? undefined;
    return {
      channel: discordAddress.channel(this.deps.guildId, await this.deps.chatChannel(channelId, parentId)),
      community: discordAddress.community(this.deps.guildId),
      by: interactionAuthor(interaction.member!, this.deps.guildId, this.deps.hostRoleId),
    };
  }

  private async openForm(interaction: Answerable, form: CommandForm, typed?: Record<string, string>): Promise<void> {
    this.memory.keepForm(form);
    const fits = CUSTOM_ID.form.length + form.id.length <= 100;
    const customId = fits ? `${CUSTOM_ID.form}${form.id}` : `${CUSTOM_ID.formKey}${this.memory.shorten(form.id)}`;
    await this.callback(interaction, { type: MODAL, data: modalData(form, customId, this.deps.names, typed) });
  }

  // A reply as a message: its text and buttons; a form that could not open as the first answer gets a button.
  private replyMessage(reply: CommandReply): RenderedMessage {
    let listKey: string | undefined;
    const ids = {
      action: (id: string) => this.actionCustomId(id),
      listKey: () => (listKey ??= this.memory.keepList({ reply })),
    };
    const message = renderReply(reply, ids);
    if (!reply.form) return message;
    const open = reopenRow(this.memory.keepDraft({ form: reply.form, typed: {} }), 'Open the form');
    this.memory.keepForm(reply.form);
    return { content: message.content, components: [open, ...message.components].slice(0, 5) };
  }

  private actionCustomId(actionId: string): string {
    const plain = `${CUSTOM_ID.action}${actionId}`;
    return plain.length <= 100 ? plain : `${CUSTOM_ID.actionKey}${this.memory.shorten(actionId)}`;
  }

  private messageBody(message: RenderedMessage): Record<string, unknown> {
    return { content: message.content, components: message.components, allowed_mentions: NO_PINGS };
  }

  private say(interaction: Answerable, text: string): Promise<void> {
    const data = { content: text, flags: EPHEMERAL, allowed_mentions: NO_PINGS };
    return this.callback(interaction, { type: CHANNEL_MESSAGE_WITH_SOURCE, data });
  }

  private async callback(interaction: Answerable, body: Record<string, unknown>): Promise<void> {
    await this.deps.rest.post(Routes.interactionCallback(interaction.id, interaction.token), { body, auth: false });
  }

  private async editOriginal(interaction: Answerable, message: RenderedMessage): Promise<void> {
    const route = Routes.webhookMessage(interaction.applicationId, interaction.token, '@original');
    await this.deps.rest.patch(route, { body: this.messageBody(message), auth: false });
  }
}

type Where = { channel: string; community: string; by: InboundAuthor };

const COULD_NOT_SAVE =
  'Your form could not be saved: something went wrong on Emcee’s side (the details are in its log). ' +
  'Nothing you typed is lost: press “Send again” to open it filled in.';

function answerableOf(interaction: DiscordComponentInteraction | DiscordModalSubmit): Answerable {
  return { id: interaction.id, token: interaction.token, applicationId: interaction.application_id };
}

// Each error beside its field's label; an error for the whole form (id "") or an unknown field stands alone.
function errorList(form: CommandForm, errors: Record<string, string>): string {
  const lines = Object.entries(errors).map(([id, error]) => {
    const field = form.fields.find((f) => f.id === id);
    return field ? `• **${field.label}**: ${error}` : `• ${error}`;
  });
  const text = ['Some answers need another look:', ...lines, '', 'Press “Fix and send again” to correct them.'];
  return text.join('\n').slice(0, 2000);
}

// The value when `work` settles within `ms`, else undefined (work never rejects: callers catch).
async function settledWithin<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Member names from discord.js's member cache (members seen in messages and interactions). */
export function cachedNames(client: Client, guildId: string): PeopleNames {
  const members = () => client.guilds.cache.get(guildId)?.members.cache;
  return {
    idOf: (name) => {
      const wanted = name.toLowerCase();
      type Named = { user: { username: string; globalName: string | null }; nickname: string | null };
      const names = (m: Named) => [m.user.username, m.user.globalName, m.nickname];
      return members()?.find((m) => names(m).some((n) => n?.toLowerCase() === wanted))?.id;
    },
    nameOf: (id) => members()?.get(id)?.user.username,
  };
}
