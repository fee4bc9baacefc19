import type {
  ChatInbound,
  CommandReply,
  InboundCommand,
  InboundEdit,
  InboundMessage,
  MessageAddress,
} from '../../src/port.js';

/** One call the adapter made on the inbound handle. */
export type InboundEvent =
  | { kind: 'message'; message: InboundMessage }
  | { kind: 'edit'; edit: InboundEdit }
  | { kind: 'delete'; id: MessageAddress }
  | { kind: 'command'; command: InboundCommand };

/**
 * A ChatInbound that records every call in order, standing in for the core so adapter tests see exactly
 * what the adapter hands over. Commands are answered as the core would: hosts get "Done", anyone else a
 * refusal for controls — the text the adapter must show ephemerally.
 */
export class RecordingInbound implements ChatInbound {
  /** Every call, in order. */
  readonly events: InboundEvent[] = [];
  /** Makes the next handleCommand throw, like a bug in the core. */
  failNextCommand = false;

  /** The messages handed over, in order. */
  get messages(): InboundMessage[] {
    return this.events.flatMap((e) => (e.kind === 'message' ? [e.message] : []));
  }

  /** The commands handed over, in order. */
  get commands(): InboundCommand[] {
    return this.events.flatMap((e) => (e.kind === 'command' ? [e.command] : []));
  }

  /** The message with this text, if it arrived. */
  said(text: string): InboundMessage | undefined {
    return this.messages.find((m) => m.text === text);
  }

  async handleMessage(message: InboundMessage): Promise<void> {
    this.events.push({ kind: 'message', message });
  }

  async handleEdit(edit: InboundEdit): Promise<void> {
    this.events.push({ kind: 'edit', edit });
  }

  async handleDelete(id: MessageAddress): Promise<void> {
    this.events.push({ kind: 'delete', id });
  }

  async handleCommand(command: InboundCommand): Promise<CommandReply> {
    this.events.push({ kind: 'command', command });
    if (this.failNextCommand) {
      this.failNextCommand = false;
      throw new Error('core bug');
    }
    if (['start', 'pause', 'resume', 'skip', 'extend', 'end'].includes(command.name) && !command.by.isHost) {
      return { ok: false, text: `Only hosts can ${command.name} a chat. Ask a host of this community.` };
    }
    return { ok: true, text: `Done: ${[command.name, ...command.args].join(' ')}` };
  }
}
