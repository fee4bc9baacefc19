import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type {
  ChannelAddress,
  CommandReply,
  HostNotice,
  HostNoticeResult,
  InboundAuthor,
  UserAddress,
} from '../../src/port.js';
import { writeSessionRecap } from '../../src/recap/session-recap.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { ManualClock } from '../../src/time/manual-clock.js';
import { finishingChatRouter } from '../support/finishing-chat-router.js';
import { RecordingPlatform } from '../support/recording-platform.js';
import { waitFor } from '../support/wait-for.js';
import { shippedScript } from '../support/write-test-script.js';

export const CHANNEL = 'test:C1';
export const COMMUNITY = 'test:community';

/** The recording platform, with direct messages that carry files and host notices, as Slack and Discord have. */
export class PlatformWithDirectMessages extends RecordingPlatform {
  readonly shared: { channel: ChannelAddress; notice: HostNotice }[] = [];
  readonly hostNotices: HostNotice[] = [];

  async openDirectChannel(user: UserAddress): Promise<ChannelAddress> {
    return `dm:${user}`;
  }

  async shareFiles(channel: ChannelAddress, notice: HostNotice): Promise<void> {
    this.shared.push({ channel, notice });
  }

  async notifyHosts(notice: HostNotice): Promise<HostNoticeResult> {
    this.hostNotices.push(notice);
    return { reached: 1, failed: [] };
  }
}

export const person = (name: string, isHost = false): InboundAuthor => ({
  id: `test:U-${name.toLowerCase().replace(/\s+/g, '-')}`,
  displayName: name,
  isBot: false,
  isHost,
});

/**
 * A community in a database file (so its bytes can be searched), with recap files written as a finished chat's
 * are, and a router over a recording platform. `chat` runs one demo chat where each line is said after Q1.
 */
export function rightsCommunity(platform = new PlatformWithDirectMessages(new ManualClock())) {
  const dir = mkdtempSync(join(tmpdir(), 'emcee-rights-'));
  const dbPath = join(dir, 'emcee.db');
  const recapDir = join(dir, 'recaps');
  const clock = new ManualClock();
  const store = ChatStore.open(dbPath);
  const { router, ended } = finishingChatRouter({ store, platform, clock, recapDir }, async (session) =>
    writeSessionRecap(store, session.id, recapDir),
  );
  const host = person('Hana Host', true);
  let seq = 0;
  const command = (by: InboundAuthor, name: string, args: string[] = []): Promise<CommandReply> =>
    router.handleCommand({ channel: CHANNEL, community: COMMUNITY, by, name, args });
  const chat = async (lines: [InboundAuthor, string][], script = shippedScript('demo')) => {
    await router.startSession({ script, community: COMMUNITY, channel: CHANNEL });
    await clock.advance(20_000); // Q1
    for (const [author, text] of lines) {
      const id = `${CHANNEL}:m${++seq}`;
      await router.handleMessage({ id, channel: CHANNEL, community: COMMUNITY, author, text, ts: clock.now() });
    }
    const before = ended.length;
    await command(host, 'end');
    await waitFor(() => ended.length === before + 1, 'the chat to end');
    await router.drain();
    await clock.advance(7 * 24 * 3600_000);
  };
  const stop = async () => {
    await router.stop();
    store.close();
  };
  return { dir, dbPath, recapDir, clock, store, router, platform, host, command, chat, stop };
}

/** A community from `rightsCommunity`. */
export type RightsCommunity = ReturnType<typeof rightsCommunity>;

/** Makes each test's community (call it at the top of a test file); the one a test made is stopped after it. */
export function rightsCommunityPerTest(): (platform?: PlatformWithDirectMessages) => RightsCommunity {
  let current: RightsCommunity | undefined;
  afterEach(async () => {
    await current?.stop();
    current = undefined;
  });
  return (platform) => {
    current = rightsCommunity(platform);
    return current;
  };
}
