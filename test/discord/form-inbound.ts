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

/** A form with one field of each kind, as a planning command might open it. */
export function planForm(guildId: string, guests: string[], id = 'plan:weekly-chat:2026-12-03'): CommandForm {
  return {
    id,
    title: 'Plan a chat',
    submitLabel: 'Save',
    fields: [
      { id: 'topic', label: 'Topic', kind: 'short', required: true, initial: 'Building trust' },
      { id: 'notes', label: 'Notes for the guests', kind: 'paragraph', required: false },
      { id: 'when', label: 'Starts', kind: 'datetime', required: true },
      { id: 'guests', label: 'Guests', kind: 'users', required: false, initial: addresses(guildId, guests) },
    ],
  };
}

function addresses(guildId: string, users: string[]): string {
  return users.map((u) => `discord:${guildId}:${u}`).join(',');
}

/** `count` upcoming episodes, each with Edit and a dangerous Skip. */
export function episodes(count: number, from = 1): ReplyItem[] {
  return Array.from({ length: count }, (_, i) => ({
    text: `Episode ${from + i} — Building trust`,
    actions: [
      { id: `episode:edit:weekly-chat:${from + i}`, label: 'Edit' },
      { id: `episode:skip:weekly-chat:${from + i}`, label: 'Skip', style: 'danger' as const },
    ],
  }));
}

/**
 * The recording core, with canned forms, lists and outcomes: `/emcee plan` opens `form`, `/emcee episodes`
 * lists `items`; a click on Edit opens the form, on Skip answers with the list minus that episode.
 * Submissions get the next of `outcomes` (an Error makes handleFormSubmit throw).
 */
export class FormInbound extends RecordingInbound {
  /** Forms submitted, in order. */
  readonly submits: InboundFormSubmit[] = [];
  /** Clicks, in order. */
  readonly actions: InboundAction[] = [];
  /** What the next submissions get, in order (then ok). */
  readonly outcomes: (FormOutcome | Error)[] = [];
  /** Lines `/emcee episodes` shows. */
  items: ReplyItem[] = episodes(2);
  /** While set, commands and clicks wait for it: a slow core. */
  hold: Promise<void> | undefined;

  constructor(private readonly form: CommandForm) {
    super();
  }

  override async handleCommand(command: InboundCommand): Promise<CommandReply> {
    await this.hold;
    if (command.name === 'plan') {
      this.events.push({ kind: 'command', command });
      return { ok: true, text: 'Plan the next chat', form: this.form };
    }
    if (command.name === 'episodes') {
      this.events.push({ kind: 'command', command });
      return { ok: true, text: 'Upcoming chats', items: this.items };
    }
    return super.handleCommand(command);
  }

  async handleFormSubmit(submit: InboundFormSubmit): Promise<FormOutcome> {
    this.submits.push(submit);
    const next = this.outcomes.shift() ?? { ok: true, text: `Saved ${submit.formId}` };
    if (next instanceof Error) throw next;
    return next;
  }

  async handleAction(action: InboundAction): Promise<CommandReply> {
    await this.hold;
    this.actions.push(action);
    if (action.actionId.startsWith('episode:edit:')) return { ok: true, text: 'Edit the episode', form: this.form };
    this.items = this.items.filter((item) => !item.actions.some((a) => a.id === action.actionId));
    return { ok: true, text: `Skipped ${action.actionId}`, items: this.items };
  }
}
