import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalRoom } from '../../adapters/local/local-room.js';
import { screenWidth } from '../../adapters/local/screen-width.js';
import type { ChatInbound, InboundMessage } from '../../src/port.js';
import { ManualClock } from '../../src/time/manual-clock.js';
import { VirtualTerminal } from '../support/virtual-terminal.js';
import { waitFor } from '../support/wait-for.js';

const STATUS = 'Community Chat (demo): Q1 of 6, 0:20 left · 3 answers · 2 👏';
const LEFT = '\x1b[D';

/** A terminal room on a fake TTY drawn into a VirtualTerminal, with an inbound that records messages. */
function openRoom(columns = 30) {
  const vt = new VirtualTerminal(columns, 12, true);
  const output = Object.assign(new EventEmitter(), {
    isTTY: true,
    columns,
    write(chunk: string | Uint8Array) {
      vt.write(chunk);
      return true;
    },
  }) as unknown as NodeJS.WritableStream & { isTTY: boolean; columns: number };
  const input = Object.assign(new PassThrough(), { isTTY: true });
  const received: InboundMessage[] = [];
  let interrupted = 0;
  const inbound: ChatInbound = {
    handleMessage: async (message) => void received.push(message),
    handleEdit: async () => undefined,
    handleDelete: async () => undefined,
    handleCommand: async () => ({ ok: true, text: 'done' }),
  };
  const room = new LocalRoom({
    input,
    output,
    clock: new ManualClock(),
    userName: 'tester',
    botName: 'emcee',
    colors: true,
    onInterrupt: () => interrupted++,
  });
  const crowd = { id: 'local:ana', displayName: 'ana', isBot: false, isHost: false };
  // Keys reach readline through stream events; they are handled once the event loop has turned.
  const type = async (keys: string) => {
    input.write(keys);
    await new Promise((resolve) => setImmediate(resolve));
  };
  const promptRows = () => vt.history().filter((row) => row.startsWith('you ›'));
  const statusRows = () => vt.history().filter((row) => row.startsWith('Community Chat'));
  return { vt, room, inbound, received, crowd, type, promptRows, statusRows, interrupted: () => interrupted };
}

const rooms: LocalRoom[] = [];
afterEach(async () => {
  for (const room of rooms.splice(0)) await room.stop();
});

async function started(columns?: number) {
  const opened = openRoom(columns);
  rooms.push(opened.room);
  await opened.room.start(opened.inbound);
  return opened;
}

describe('the terminal room prompt', () => {
  it('draws chat and status above the prompt, keeping half-typed text and the cursor through redraws', async () => {
    const { vt, room, crowd, type, promptRows, statusRows } = await started();
    room.terminal.setStatus(STATUS, 'q1');
    await type('A1: 你好 wor');
    await room.say(crowd, 'A1: from the crowd');
    room.terminal.setStatus(STATUS.replace('0:20', '0:19'), 'q1');

    const screen = vt.screen();
    const { row, col } = vt.cursor();
    expect(screen[row]).toBe('you › A1: 你好 wor');
    expect(col).toBe(screenWidth('you › A1: 你好 wor'));
    expect(screen[row - 1]).toMatch(/^Community Chat \(demo\): Q1 of…$/);
    expect(screenWidth(screen[row - 1]!)).toBeLessThanOrEqual(29);
    expect(screen[row - 2]).toBe('00:00 ana: A1: from the crowd');
    expect(promptRows()).toHaveLength(1);
    expect(statusRows()).toHaveLength(1);

    await type('ld');
    expect(vt.screen()[vt.cursor().row]).toBe('you › A1: 你好 world');
  });

  it('keeps a line typed past the screen edge, with the cursor moved into it, through redraws', async () => {
    const { vt, room, crowd, type, received, promptRows, statusRows } = await started();
    room.terminal.setStatus(STATUS, 'q1');
    const long = 'A1: a long answer that wraps past the edge';
    await type(long);
    await type(LEFT.repeat(5));
    for (let i = 1; i <= 3; i++) await room.say(crowd, `chat line ${i}`);
    room.terminal.setStatus(STATUS.replace('0:20', '0:18'), 'q1');
    await type('X');

    const expected = `${long.slice(0, -5)}X${long.slice(-5)}`;
    const screen = vt.screen();
    const promptAt = screen.findIndex((line) => line.startsWith('you ›'));
    expect(`${screen[promptAt]}${screen[promptAt + 1]}`).toBe(`you › ${expected}`);
    expect(screen[promptAt - 1]).toMatch(/^Community Chat/);
    expect(screen[promptAt - 2]).toBe('00:00 ana: chat line 3');
    // The cursor sits just after the inserted X: 6 + 37 columns in, on a 30-column screen.
    expect(vt.cursor()).toEqual({ row: promptAt + 1, col: 6 + long.length - 5 + 1 - 30 });
    expect(promptRows()).toHaveLength(1);
    expect(statusRows()).toHaveLength(1);

    await type('\r');
    const typed = () => received.filter((message) => message.author.displayName === 'tester');
    await waitFor(() => typed().length === 1, 'the typed answer to reach the chat');
    expect(typed()[0]!.text).toBe(expected);
  });

  it('on Enter moves the typed line out of the prompt into the chat, intact', async () => {
    const { vt, room, type, received, promptRows, statusRows } = await started();
    room.terminal.setStatus(STATUS, 'q1');
    await type('Hello 👋 from the keyboard, in two rows\r');
    await waitFor(() => received.length === 1, 'the typed line to reach the chat');

    expect(received[0]).toMatchObject({
      text: 'Hello 👋 from the keyboard, in two rows',
      author: { displayName: 'tester' },
    });
    const screen = vt.screen();
    const { row } = vt.cursor();
    expect(screen[row]).toBe('you ›');
    expect(screen[row - 1]).toMatch(/^Community Chat/);
    expect(`${screen[row - 3]}${screen[row - 2]}`).toBe('00:00 tester: Hello 👋 from the keyboard, in two rows');
    expect(promptRows()).toHaveLength(1);
    expect(statusRows()).toHaveLength(1);
  });

  it('hands Ctrl-C to the interrupt handler instead of swallowing it', async () => {
    const { type, interrupted } = await started();
    await type('\x03');
    expect(interrupted()).toBe(1);
  });

  it('after Ctrl-D goes on with the status line alone, and stop clears it', async () => {
    const { vt, room, type, promptRows, statusRows } = await started();
    room.terminal.setStatus(STATUS, 'q1');
    await type('\x04');
    room.terminal.setStatus(STATUS.replace('0:20', '0:17'), 'q1');
    expect(promptRows()).toHaveLength(0);
    expect(statusRows()).toEqual([expect.stringContaining('Community Chat (demo): Q1')]);
    expect(vt.screen()[vt.cursor().row]).toMatch(/^Community Chat/);

    await room.stop();
    room.terminal.print('Chat finished.');
    expect(statusRows()).toHaveLength(0);
    expect(vt.screen()).toContain('Chat finished.');
  });
});
