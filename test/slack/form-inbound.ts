import type {
  CommandForm,
  CommandReply,
  FormOutcome,
  InboundAction,
  InboundCommand,
  InboundFormSubmit,
  ReplyItem,
} from '../../src/port.js';
import { RecordingInbound } from './recording-inbound.js';

/** The form `/emcee plan` answers with: every field kind, with initial values and a placeholder. */
export const PLAN_FORM: CommandForm = {
  id: 'plan:weekly-chat:2026-12-03',
  title: 'Plan an episode',
  submitLabel: 'Save',
  fields: [
    { id: 'topic', label: 'Topic', kind: 'short', required: true, placeholder: 'Building trust' },
    { id: 'when', label: 'Starts', kind: 'datetime', required: true, initial: '2026-12-03 12:30' },
    { id: 'guests', label: 'Guests', kind: 'users', required: false, initial: 'slack:T0001:U1' },
    { id: 'notes', label: 'Notes for the guests', kind: 'paragraph', required: false },
    { id: 'rehearsal', label: 'Rehearsal', kind: 'datetime', required: false },
  ],
};

/** The lines `/emcee episodes` answers with. */
export const EPISODES: ReplyItem[] = [
  {
    text: 'Thu 3 Dec, 1:00 PM — Building trust (guest: Ana)',
    actions: [
      { id: 'episode:edit:weekly-chat:2026-12-03', label: 'Edit', style: 'primary' },
      { id: 'episode:skip:weekly-chat:2026-12-03', label: 'Skip', style: 'danger' },
    ],
  },
  {
    text: 'Thu 10 Dec, 1:00 PM — Saying no',
    actions: [{ id: 'episode:skip:weekly-chat:2026-12-10', label: 'Skip' }],
  },
];

/**
 * A ChatInbound with canned answers: `plan` opens PLAN_FORM, `episodes` lists EPISODES with buttons;
 * submissions get the queued outcomes (or throw), clicks a canned reply per action. Everything is recorded.
 */
export class FormInbound extends RecordingInbound {
  readonly submits: InboundFormSubmit[] = [];
  readonly actions: InboundAction[] = [];
  /** What the next submissions get, in order; an Error is thrown. Empty: `{ ok: true, text: 'Saved.' }`. */
  readonly outcomes: (FormOutcome | Error)[] = [];

  override async handleCommand(command: InboundCommand): Promise<CommandReply> {
    if (command.name === 'plan') {
      this.commands.push(command);
      return { ok: true, text: 'Type /emcee plan weekly-chat 2026-12-03 13:00 "topic" to plan it.', form: PLAN_FORM };
    }
    if (command.name === 'episodes') {
      this.commands.push(command);
      return { ok: true, text: 'Coming episodes of weekly-chat:', items: EPISODES };
    }
    return super.handleCommand(command);
  }

  async handleFormSubmit(submit: InboundFormSubmit): Promise<FormOutcome> {
    this.submits.push(submit);
    const next = this.outcomes.shift() ?? { ok: true, text: 'Saved.' };
    if (next instanceof Error) throw next;
    return next;
  }

  async handleAction(action: InboundAction): Promise<CommandReply> {
    this.actions.push(action);
    if (!action.by.isHost) return { ok: false, text: 'Only hosts can change episodes.' };
    if (action.actionId.startsWith('episode:edit:')) return { ok: true, text: 'Edit it in the form.', form: PLAN_FORM };
    return { ok: true, text: 'Skipped Thu 3 Dec. Coming episodes of weekly-chat:', items: EPISODES.slice(1) };
  }
}
