import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { LocalRoom, type RoomPost } from '../../adapters/local/local-room.js';
import { readCoreConfig } from '../../src/config/core-config.js';
import { silentLogger } from '../../src/log.js';
import type { InboundAuthor } from '../../src/port.js';
import { ChatService, type ServedPlatform } from '../../src/service/chat-service.js';
import type { SessionRunner } from '../../src/session/session-runner.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { ManualClock } from '../../src/time/manual-clock.js';
import type { SignedInHost } from '../../web/viewer.js';
import { createBotAccess } from '../../web/bot-access.js';
import { startWebRig, type WebRig } from './web-rig.js';
import { shippedScript } from './write-test-script.js';

/** The demo chat running in the terminal room under a ChatService, and the site served over the same bot. */
export interface LiveChatRig {
  /** The site. */
  web: WebRig;
  /** The bot. */
  service: ChatService;
  /** The room and its router. */
  served: ServedPlatform;
  /** The room (say() delivers a message to the router, as typing would). */
  room: LocalRoom;
  /** The running chat. */
  runner: SessionRunner;
  /** The chat's clock. */
  clock: ManualClock;
  /** Everything the bot posted in the room. */
  posts: RoomPost[];
  /** Identities the host-rights check says yes to (the test host's by default). */
  hosts: Set<string>;
  /** Types a line at the room's keyboard, as the person at the terminal does (as "tester"). */
  type(line: string): void;
  /** Someone in the room. */
  person(name: string): InboundAuthor;
  /** Stops the site, then the bot (which closes the store). */
  close(): Promise<void>;
}

/**
 * Starts the shipped demo chat in the local room on a manual clock, with the website served as `asHost`
 * (or to visitors), its BotAccess built by createBotAccess as the entry point builds it.
 */
export async function startLiveChatRig(asHost?: SignedInHost): Promise<LiveChatRig> {
  const clock = new ManualClock();
  const store = ChatStore.open(':memory:');
  const keyboard = new PassThrough();
  const room = new LocalRoom({
    input: keyboard,
    output: new Writable({ write: (_chunk, _encoding, done) => done() }),
    clock,
    userName: 'tester',
    botName: 'emcee',
  });
  const posts: RoomPost[] = [];
  room.onPost((post) => posts.push(post));
  const recaps = mkdtempSync(join(tmpdir(), 'emcee-live-'));
  const config = readCoreConfig({ EMCEE_RECAP_DIR: recaps });
  const service = new ChatService({ store, clock, log: silentLogger, config });
  const served = await service.connect(room, { servesChannel: () => true });
  const hosts = new Set<string>(asHost ? [asHost.identity] : []);
  const hostRights = async (identity: string) => hosts.has(identity);
  const bot = createBotAccess(service);
  const permalinkOf = (address: string) => `https://chat.example/${encodeURIComponent(address)}`;
  const web = await startWebRig({ store, clock, bot, hostRights, permalinkOf }, asHost);
  const runner = await served.router.startSession({
    script: shippedScript('demo'),
    community: room.community,
    channel: room.defaultChannel,
  });
  return {
    web,
    service,
    served,
    room,
    runner,
    clock,
    posts,
    hosts,
    type: (line) => keyboard.write(`${line}\n`),
    person: (name) => ({ id: `local:${name}`, displayName: name, isBot: false, isHost: false }),
    close: async () => {
      await web.web.close();
      await service.stop();
      await room.stop();
    },
  };
}
