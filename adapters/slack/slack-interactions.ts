import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { CommandReply, FormOutcome } from '../../src/port.js';
import { slackAddress, userIdOf } from './slack-addresses.js';
import {
  blockErrors,
  firstBlockId,
  FORM_CALLBACK_ID,
  formView,
  readFormMetadata,
  readFormValues,
  viewSubmissionSchema,
} from './slack-forms.js';
import type { SlackInboundContext } from './slack-inbound.js';
import { withRateLimitRetry } from './slack-rate-limit.js';
import { replyMessage } from './slack-reply-blocks.js';

/** A message for the person, through a slash command's or a click's response_url. */
export type RespondBody = { response_type: 'ephemeral'; text: string; blocks?: object[]; replace_original?: boolean };
/** Sends through the response_url of the interaction being answered. */
export type Respond = (body: RespondBody) => Promise<void>;

/** Who gets a reply and how it can reach them. */
export interface ReplyTarget {
  /** The Slack channel id the command or click came from. */
  channel: string;
  /** The Slack user id of the person. */
  user: string;
  /** The interaction's trigger_id: lets a form open as a modal within 3 s of the interaction. */
  triggerId?: string;
  /** The interaction's response_url, where there is one. */
  respond?: Respond;
}

/** The part of a `block_actions` payload Emcee reads. */
const blockActionsSchema = z.object({
  type: z.literal('block_actions'),
  team: z.object({ id: z.string() }).nullish(),
  user: z.object({ id: z.string(), team_id: z.string().optional() }),
  trigger_id: z.string().optional(),
  channel: z.object({ id: z.string() }).nullish(),
  container: z.object({ channel_id: z.string().optional() }).passthrough().nullish(),
  actions: z.array(z.object({ type: z.string(), action_id: z.string(), value: z.string().optional() })).min(1),
});

const NOT_SAVED = 'This could not be saved. Please try again.';
/** How a submission is answered: the ack's body (field errors keep the modal open), then what follows it. */
type SubmitAnswer = { ack?: object; after?: () => Promise<void> };
const STARTING = 'Emcee is starting up; try again in a moment.';

/**
 * Forms and buttons on Slack: a reply's form opens as a modal (views.open with the interaction's trigger),
 * its items as Block Kit buttons; submissions (`view_submission`, callback `emcee_form`) reach
 * handleFormSubmit and clicks (`block_actions`) handleAction. The core's field errors keep the modal open.
 */
export class SlackInteractions {
  constructor(private readonly ctx: SlackInboundContext) {}

  /** Attaches the submission and click listeners to a Bolt app. */
  register(app: App): void {
    // Slack waits 3 s for a submission's ack, and the ack is where field errors go: the core answers first.
    app.view(FORM_CALLBACK_ID, async ({ ack, body }) => {
      const answer = await this.onSubmit(body).catch((error: unknown): SubmitAnswer => {
        this.ctx.log.error('A Slack form submission failed', { error });
        // Whatever failed, the modal stays open with what was typed where it has a block to say so on.
        const blocks = (body as { view?: { blocks?: unknown } }).view?.blocks;
        const first = Array.isArray(blocks) ? firstBlockId({ blocks }) : undefined;
        return first ? { ack: { response_action: 'errors', errors: { [first]: NOT_SAVED } } } : {};
      });
      await ack(answer?.ack as never);
      await answer?.after?.().catch((error: unknown) => {
        this.ctx.log.warn('Could not confirm a form submission', { error });
      });
    });
    app.action(/.+/, async ({ ack, body, respond }) => {
      await ack();
      const hasUrl = 'response_url' in body && Boolean(body.response_url);
      const viaUrl: Respond | undefined = hasUrl ? (b) => respond(b).then(() => undefined) : undefined;
      await this.onAction(body, viaUrl).catch((error: unknown) => {
        this.ctx.log.error('A Slack button click failed', { error });
      });
    });
  }

  /**
   * Shows a command's or a click's reply to the person: its form as a modal where a trigger allows (else the
   * text, which says what to type instead), its items as buttons, all visible to them only.
   */
  async showReply(reply: CommandReply, target: ReplyTarget, replaceOriginal = false): Promise<void> {
    if (reply.form && target.triggerId) {
      try {
        const view = formView(reply.form, target.channel, addressToUserId);
        // No retry: the trigger is spent or expires within 3 s; the text below is the way out.
        await this.ctx.client.views.open({ trigger_id: target.triggerId, view: view as never });
        return;
      } catch (error) {
        this.ctx.log.warn('views.open failed; answering with the text instead', { error });
      }
    }
    const message = replyMessage(reply, target.channel);
    if (replaceOriginal && target.respond) {
      await target.respond({ response_type: 'ephemeral', replace_original: true, ...message });
      return;
    }
    await this.replyEphemeral(target, message);
  }

  // chat.postEphemeral first (Tier 4, and not counted against the channel's posting allowance); where the
  // bot is not in the channel it fails, and the interaction's response_url still reaches the person.
  private async replyEphemeral(target: ReplyTarget, message: { text: string; blocks?: object[] }): Promise<void> {
    try {
      const { channel, user } = target;
      const post = () => this.ctx.client.chat.postEphemeral({ channel, user, ...message });
      await withRateLimitRetry(post, this.ctx.log, 3);
    } catch (error) {
      if (!target.respond) throw error;
      this.ctx.log.debug('chat.postEphemeral failed; answering through response_url', { error });
      await target.respond({ response_type: 'ephemeral', ...message });
    }
  }

  // What to ack the submission with, and what to do once acked (tell the person).
  private async onSubmit(raw: unknown): Promise<SubmitAnswer> {
    const { team: rawTeam, user, view } = viewSubmissionSchema.parse(raw);
    const first = firstBlockId(view);
    const metadata = readFormMetadata(view.private_metadata);
    if (!metadata) {
      this.ctx.log.error('A Slack form submission without Emcee private_metadata', { callbackId: view.callback_id });
      return first ? { ack: { response_action: 'errors', errors: { [first]: NOT_SAVED } } } : {};
    }
    const tell = (text: string): SubmitAnswer => ({
      after: () => this.replyEphemeral({ channel: metadata.channel, user: user.id }, { text }),
    });
    // Errors go on the modal's blocks; a form without fields has none, so it closes and the errors come as a message.
    const showErrors = (errors: Record<string, string>, onBlocks = blockErrors(errors, view)): SubmitAnswer =>
      Object.keys(onBlocks).length
        ? { ack: { response_action: 'errors', errors: onBlocks } }
        : tell(Object.values(errors).join(' '));
    const team = this.ctx.team() || rawTeam?.id || user.team_id || '';
    const read = readFormValues(view, (id) => slackAddress.user(team, id));
    if (read.errors) return showErrors(read.errors, read.errors);
    const inbound = this.ctx.inbound();
    if (!inbound?.handleFormSubmit) return showErrors({ '': STARTING });
    let outcome: FormOutcome;
    try {
      outcome = await inbound.handleFormSubmit({
        formId: metadata.form,
        channel: slackAddress.channel(team, metadata.channel),
        community: `slack:${team}`,
        by: await this.ctx.people.author(team, user.id),
        values: read.values,
      });
    } catch (error) {
      // Never a silent loss: the modal stays open with everything typed, and says to submit again.
      this.ctx.log.error('handleFormSubmit failed', { error });
      return showErrors({ '': NOT_SAVED });
    }
    return outcome.ok ? tell(outcome.text) : showErrors(outcome.errors);
  }

  private async onAction(raw: unknown, respond: Respond | undefined): Promise<void> {
    const payload = blockActionsSchema.parse(raw);
    const action = payload.actions[0]!;
    // Only Emcee's buttons: input elements in its modals dispatch no actions, and nothing else is Emcee's.
    if (action.type !== 'button') return;
    const channel = action.value || payload.channel?.id || payload.container?.channel_id;
    if (!channel) throw new Error(`A click on ${action.action_id} names no channel`);
    const team = this.ctx.team() || payload.team?.id || payload.user.team_id || '';
    const target: ReplyTarget = { channel, user: payload.user.id, triggerId: payload.trigger_id, respond };
    const inbound = this.ctx.inbound();
    if (!inbound?.handleAction) return this.showReply({ ok: false, text: STARTING }, target);
    let reply: CommandReply;
    try {
      reply = await inbound.handleAction({
        actionId: action.action_id,
        channel: slackAddress.channel(team, channel),
        community: `slack:${team}`,
        by: await this.ctx.people.author(team, payload.user.id),
      });
    } catch (error) {
      this.ctx.log.error('handleAction failed', { error });
      reply = { ok: false, text: 'That did not work. Please try again.' };
    }
    // A done action replaces the list it was clicked in, so the list shows what is true now.
    await this.showReply(reply, target, reply.ok && !reply.form);
  }
}

function addressToUserId(address: string): string | undefined {
  try {
    return userIdOf(address);
  } catch {
    return undefined;
  }
}
