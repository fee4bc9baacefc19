import type { ChatInbound, CommandReply, InboundEdit, InboundMessage, MessageAddress } from '../../src/port.js';
import { waitFor } from '../support/wait-for.js';

/** A ChatInbound standing in for the core: it keeps what the adapter hands over and lets the suite wait for it. */
export class ContractInbound implements ChatInbound {
  /** Messages handed over, in order. */
  readonly messages: InboundMessage[] = [];
  /** Edits handed over, in order. */
  readonly edits: InboundEdit[] = [];
  /** Deleted addresses handed over, in order. */
  readonly deletes: MessageAddress[] = [];

  async handleMessage(message: InboundMessage): Promise<void> {
    this.messages.push(message);
  }

  async handleEdit(edit: InboundEdit): Promise<void> {
    this.edits.push(edit);
  }

  async handleDelete(id: MessageAddress): Promise<void> {
    this.deletes.push(id);
  }

  async handleCommand(): Promise<CommandReply> {
    return { ok: true, text: 'noted' };
  }

  /** Waits until a message with exactly this text arrived, and returns it. */
  async message(text: string): Promise<InboundMessage> {
    await waitFor(() => this.messages.some((m) => m.text === text), `the adapter to deliver "${text}"`);
    return this.messages.find((m) => m.text === text)!;
  }
}
