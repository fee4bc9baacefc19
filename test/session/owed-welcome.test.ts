import { describe, expect, it } from 'vitest';
import { ChatRouter } from '../../src/chat-router.js';
import { silentLogger } from '../../src/log.js';
import type { ChannelAddress, MessageAddress } from '../../src/port.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { ManualClock } from '../../src/time/manual-clock.js';
import { CrashingPlatform, type PostCrash } from '../support/crashing-platform.js';
import { RecordingPlatform } from '../support/recording-platform.js';
import { waitFor } from '../support/wait-for.js';
import { shippedScript } from '../support/write-test-script.js';

const CHANNEL = 'test:C1';

/** Finds its own replies too, as the Slack, Discord and local adapters do (they look in threads and replies). */
class PlatformFindingReplies extends RecordingPlatform {
  override async findOwnPost(
    channel: ChannelAddress,
    since: number,
    text: string,
  ): Promise<MessageAddress | undefined> {
    const inChannel = (p: RecordingPlatform['posts'][number]) =>
      p.channel === channel || p.replyTo?.startsWith(`${channel}:`);
    const mine = (p: RecordingPlatform['posts'][number]) =>
      inChannel(p) && p.at >= since && p.message.text.startsWith(text);
    return this.posts.find(mine)?.address;
  }
}

/** Ana's first message is stored, then the bot dies at her welcome; a new process recovers the chat. */
async function crashAtTheWelcome(when: PostCrash['when']) {
  const clock = new ManualClock();
  const store = ChatStore.open(':memory:');
  const first = new PlatformFindingReplies(clock);
  const dying = new CrashingPlatform(first);
  dying.arm({ kind: 'first-timer', when });
  const deps = { store, clock, log: silentLogger, closeGraceMs: 0 };
  const host = new ChatRouter({ ...deps, platform: dying });
  await host.startSession({ script: shippedScript('demo'), community: 'c', channel: CHANNEL });
  await clock.advance(20_000); // Q1
  const ana = { id: 'test:U-ana', displayName: 'ana', isBot: false, isHost: false };
  const said = { id: `${CHANNEL}:m1`, channel: CHANNEL, community: 'c', author: ana, text: 'A1: hi', ts: clock.now() };
  first.history.push(said);
  await host.handleMessage(said);
  await waitFor(() => dying.isDead, 'the crash at the welcome');
  void host.stop(); // the dead process's timers go with it

  const platform = new PlatformFindingReplies(clock);
  platform.posts.push(...first.posts);
  platform.history.push(...first.history);
  const again = new ChatRouter({ ...deps, platform });
  const [report] = await again.recover('c');
  await again.stop();
  return { platform, report: report!, store };
}

describe('a first-timer welcome owed when the bot died', () => {
  it('is posted after the restart when it never went out', async () => {
    const { platform, report, store } = await crashAtTheWelcome('before-send');
    expect(report).toMatchObject({ resent: 1, confirmed: 0 });
    const welcomes = platform.ofKind('first-timer');
    expect(welcomes).toHaveLength(1);
    expect(welcomes[0]).toMatchObject({ replyTo: `${CHANNEL}:m1`, message: { mentions: ['test:U-ana'] } });
    const recorded = store.posts.get(1, 'first-timer:test:U-ana');
    expect(recorded).toMatchObject({ state: 'sent', address: welcomes[0]!.address });
  });

  it('is not posted again when it went out before the crash', async () => {
    const { platform, report, store } = await crashAtTheWelcome('after-send');
    expect(report).toMatchObject({ resent: 0, confirmed: 1 });
    expect(platform.ofKind('first-timer')).toHaveLength(1);
    expect(store.posts.get(1, 'first-timer:test:U-ana')).toMatchObject({ state: 'sent' });
  });
});
