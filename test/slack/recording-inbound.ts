import type {
  ChatInbound,
  CommandReply,
  InboundCommand,
  InboundEdit,
  InboundMessage,
  MessageAddress,
} from '../../src/port.js';

/**
 * A ChatInbound that keeps everything an adapter hands the core, and answers commands the way the core's
 * rule reads: controls only for hosts, with the refusal text shown to the caller.
 */
export class RecordingInbound implements ChatInbound {
  readonly messages: InboundMessage[] = [];
  readonly edits: InboundEdit[] = [];
  readonly deletes: MessageAddress[] = [];
  readonly commands: InboundCommand[] = [];
  /** Makes the next handleMessage calls throw, like a core that failed mid-way. */
  failNext = 0;

  async handleMessage(message: InboundMessage): Promise<void> {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('the core failed');
    }
    this.messages.push(message);
  }

  async handleEdit(edit: InboundEdit): Promise<void> {
    this.edits.push(edit);
  }

  async handleDelete(id: MessageAddress): Promise<void> {
    this.deletes.push(id);
  }

  async handleCommand(command: InboundCommand): Promise<CommandReply> {
    this.commands.push(command);
    if (command.name !== 'status' && !command.by.isHost)
      return { ok: false, text: `Only hosts can ${command.name} a chat.` };
    return { ok: true, text: `Did ${command.name} ${command.args.join(' ')}`.trim() };
  }
}
