import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { LocalRoom } from '../../adapters/local/local-room.js';
import { RoomLog, type RoomLogEntry } from '../../adapters/local/room-log.js';
import { ManualClock } from '../../src/time/manual-clock.js';
import type { ContractDriver, ContractFixture, ContractUser, PlatformPost } from './contract-driver.js';
import type { ContractInbound } from './contract-inbound.js';

/** The terminal room, with a room log in a temporary folder (its history) and a clock moved a second per message. */
export const localFixture: ContractFixture = {
  notApplicable: {
    pings: 'a terminal notifies nobody: mention() only names the person',
    reactionsPerMessage: 'reactions show as one running count on the status line',
    edits: 'a line typed in the terminal cannot be edited',
    deletes: 'a line typed in the terminal cannot be deleted',
    rateLimits: 'no server, so nothing is rate-limited',
    lostConfirmations: 'a post is in the room log before post() returns',
    applause: 'reactions are only counted, never paced',
  },
  start: startLocalDriver,
};

async function startLocalDriver(inbound: ContractInbound): Promise<ContractDriver> {
  const dir = mkdtempSync(join(tmpdir(), 'emcee-contract-'));
  const logPath = join(dir, 'room.jsonl');
  const clock = new ManualClock();
  const output = new Writable({ write: (_chunk, _encoding, done) => done() });
  const input = new PassThrough();
  const room = new LocalRoom({ input, output, clock, userName: 'keyboard', botName: 'emcee', roomLogPath: logPath });
  await room.start(inbound);
  const log = new RoomLog(logPath);
  const user = (name: string): ContractUser => ({ address: `local:${name}`, displayName: name });
  const users = [user('Ana'), user('Bea')] as const;
  const says = async (who: ContractUser, text: string, replyTo?: string): Promise<PlatformPost> => {
    await clock.advance(1000);
    const author = { id: who.address, displayName: who.displayName, isBot: false, isHost: false };
    const key = await room.say(author, text, replyTo);
    return { key, text, conversation: 'room', ...(replyTo ? { replyTo } : {}) };
  };
  const toPost = (entry: RoomLogEntry): PlatformPost => ({
    key: entry.id,
    text: entry.text,
    conversation: 'room',
    ...(entry.replyTo ? { replyTo: entry.replyTo } : {}),
  });
  return {
    adapter: room,
    channel: room.defaultChannel,
    users,
    now: () => clock.now(),
    say: (who, text) => says(who, text),
    sayInThread: (who, parent, text) => says(who, text, parent.key),
    botPosts: () =>
      log
        .readSince(0)
        .entries.filter((entry) => entry.bot)
        .map(toPost),
    reactionCount: () => room.reactions,
    stop: async () => {
      await room.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
