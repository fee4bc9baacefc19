import { ChatRouter } from '../../src/chat-router.js';
import { silentLogger } from '../../src/log.js';
import type { InboundAuthor, InboundMessage } from '../../src/port.js';
import { loadScript } from '../../src/script/load-script.js';
import type { ChatScript } from '../../src/script/script-schema.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { ManualClock } from '../../src/time/manual-clock.js';
import { RecordingPlatform } from './recording-platform.js';

export const CHANNEL = 'test:C1';
export const COMMUNITY = 'test:community';

/** A whole chat in memory with a hand-moved clock: the shape of every engine test. */
export function createHarness(options: { script?: ChatScript; store?: ChatStore; clock?: ManualClock } = {}) {
  const clock = options.clock ?? new ManualClock();
  const store = options.store ?? ChatStore.open(':memory:');
  const platform = new RecordingPlatform(clock);
  const ended: number[] = [];
  const host = new ChatRouter({
    store,
    platform,
    clock,
    log: silentLogger,
    onEnded: async (session) => void ended.push(session.id),
  });
  const script = options.script ?? loadScript(new URL('../../prompts/weekly-chat.yaml', import.meta.url).pathname);
  let seq = 0;

  const person = (name: string, extra: Partial<InboundAuthor> = {}): InboundAuthor => ({
    id: `test:U-${name}`,
    displayName: name,
    isBot: false,
    isHost: false,
    ...extra,
  });

  /** Sends a message from `name` now; returns its address. */
  const say = async (name: string, text: string, extra: Partial<InboundMessage> & { author?: InboundAuthor } = {}) => {
    const id = extra.id ?? `${CHANNEL}:m${++seq}`;
    await host.handleMessage({
      id,
      channel: CHANNEL,
      community: COMMUNITY,
      author: extra.author ?? person(name),
      text,
      ts: clock.now(),
      ...extra,
    });
    return id;
  };

  const start = () => host.startSession({ script, community: COMMUNITY, channel: CHANNEL });

  /** Status of the session in the test channel (throws when none runs). */
  const status = () => {
    const current = host.status(CHANNEL);
    if (!current) throw new Error('no session is running');
    return current;
  };

  return { clock, store, platform, host, script, say, person, start, ended, status };
}
