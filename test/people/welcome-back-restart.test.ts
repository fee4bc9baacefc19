import { describe, expect, it } from 'vitest';
import { ChatRouter } from '../../src/chat-router.js';
import { silentLogger } from '../../src/log.js';
import type { ChannelAddress, InboundMessage, MessageAddress } from '../../src/port.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { ManualClock } from '../../src/time/manual-clock.js';
import { CrashingPlatform, type PostCrash } from '../support/crashing-platform.js';
import { RecordingPlatform } from '../support/recording-platform.js';
import { waitFor } from '../support/wait-for.js';
import { shippedScript } from '../support/write-test-script.js';

const CHANNEL = 'test:C1';
const WEEK = 7 * 24 * 60 * 60 * 1000;
const script = shippedScript('demo');

/** Finds its own replies too, as the Slack, Discord and local adapters do. */
class PlatformFindingReplies extends RecordingPlatform {
  override async findOwnPost(channel: ChannelAddress, since: number, text: string) {
    const mine = (p: RecordingPlatform['posts'][number]) =>
      (p.channel === channel || p.replyTo?.startsWith(`${channel}:`)) &&
      p.at >= since &&
      p.message.text.startsWith(text);
    return this.posts.find(mine)?.address as MessageAddress | undefined;
  }
}

const person = (name: string) => ({ id: `test:U-${name}`, displayName: name, isBot: false, isHost: false });

/**
 * Ana comes to the first weekly chat, misses four, and is back in the sixth: the bot dies at her welcome-back;
 * a new process recovers the chat.
 */
async function crashAtTheWelcomeBack(when: PostCrash['when']) {
  const clock = new ManualClock();
  const store = ChatStore.open(':memory:');
  const first = new PlatformFindingReplies(clock);
  const dying = new CrashingPlatform(first);
  const deps = { store, clock, log: silentLogger, closeGraceMs: 0 };
  const host = new ChatRouter({ ...deps, platform: dying });
  const start = clock.now();
  let seq = 0;
  const say = async (name: string, text: string) => {
    const message: InboundMessage = {
      id: `${CHANNEL}:m${++seq}`,
      channel: CHANNEL,
      community: 'c',
      author: person(name),
      text,
      ts: clock.now(),
    };
    first.history.push(message);
    await host.handleMessage(message);
    return message.id;
  };
  for (let week = 0; week < 5; week++) {
    await clock.advanceTo(start + week * WEEK);
    const runner = await host.startSession({ script, community: 'c', channel: CHANNEL });
    await clock.advance(20_000);
    await say(week === 0 ? 'ana' : 'bo', 'A1: here');
    await runner.end();
    await runner.done;
  }
  await clock.advanceTo(start + 5 * WEEK);
  await host.startSession({ script, community: 'c', channel: CHANNEL });
  await clock.advance(20_000);
  dying.arm({ kind: 'welcome-back', when });
  const back = await say('ana', 'A1: I am back!');
  await waitFor(() => dying.isDead, 'the crash at the welcome-back');
  void host.stop();

  const platform = new PlatformFindingReplies(clock);
  platform.posts.push(...first.posts);
  platform.history.push(...first.history);
  const again = new ChatRouter({ ...deps, platform });
  const [report] = await again.recover('c');
  const sixth = again.runnerFor(CHANNEL)!;
  // Her next message after the restart is not her first of the chat: no second welcome-back.
  await again.handleMessage({
    ...platform.history.at(-1)!,
    id: `${CHANNEL}:m-after`,
    text: 'still here',
    ts: clock.now(),
  });
  await sixth.drain();
  await again.stop();
  return { platform, report: report!, store, back, sessionId: sixth.id };
}

describe('a welcome-back owed when the bot died', () => {
  it('is posted after the restart, replying to their first message, when it never went out', async () => {
    const { platform, report, store, back, sessionId } = await crashAtTheWelcomeBack('before-send');
    expect(report).toMatchObject({ resent: 1, confirmed: 0 });
    const welcomes = platform.ofKind('welcome-back');
    expect(welcomes).toHaveLength(1);
    expect(welcomes[0]).toMatchObject({ replyTo: back, message: { mentions: ['test:U-ana'] } });
    expect(welcomes[0]!.message.text).toContain('<@test:U-ana>');
    expect(welcomes[0]!.message.text).toMatch(/5 weeks/);
    expect(store.posts.get(sessionId, 'welcome-back:test:U-ana')).toMatchObject({ state: 'sent' });
  });

  it('is not posted again when it went out before the crash', async () => {
    const { platform, report } = await crashAtTheWelcomeBack('after-send');
    expect(report).toMatchObject({ resent: 0, confirmed: 1 });
    expect(platform.ofKind('welcome-back')).toHaveLength(1);
  });
});
