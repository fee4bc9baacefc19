import { afterEach, describe, expect, it } from 'vitest';
import { splitText } from '../../adapters/discord/discord-host-notice.js';
import type { HostNotice } from '../../src/port.js';
import { startAdapter, type AdapterRig } from './adapter-harness.js';
import { PEOPLE } from './fake-people.js';

let rig: AdapterRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const CLOSED = '100000000000000015';

async function start(hostIds: string[]) {
  rig = await startAdapter({ config: { hostIds } });
  rig.fake.addMember({ id: CLOSED, username: 'quiet', roles: [rig.fake.hostRoleId], dmsClosed: true });
  return rig;
}

// Every byte value, so a file mangled by a text encoding along the way cannot pass.
const BINARY = Uint8Array.from({ length: 512 }, (_, i) => (i * 7) % 256);
const RECAP = '# Recap — Weekly chat\n\n- Ana: “home is people” @everyone\n';
const notice: HostNotice = {
  text: 'The recap of Weekly chat and its follow-up list are attached. @everyone <@100000000000000011>',
  files: [
    { name: 'recap.md', content: RECAP, mimeType: 'text/markdown' },
    { name: 'answers.bin', content: BINARY },
  ],
};

describe('Discord host notices through the real discord.js', () => {
  it("reach each host's DM with the text and both files byte for byte; closed DMs are reported", async () => {
    const { fake, adapter } = await start([PEOPLE.host, CLOSED, PEOPLE.manager]);
    const result = await adapter.notifyHosts(notice);

    expect(result.reached).toBe(2);
    const closed = new RegExp(`^${CLOSED}: .*50007.*Cannot send messages to this user`);
    expect(result.failed).toEqual([expect.stringMatching(closed)]);
    for (const host of [PEOPLE.host, PEOPLE.manager]) {
      const dm = fake.dms.channels.get(host)!;
      const [message, ...more] = fake.dms.messages.get(dm)!;
      expect(more).toHaveLength(0);
      expect(message!.content).toBe(notice.text);
      const files = fake.dms.files.get(String(message!.id))!;
      expect(files.map((file) => file.filename)).toEqual(['recap.md', 'answers.bin']);
      expect(files[0]!.bytes.toString('utf8')).toBe(RECAP);
      expect(files[0]!.content_type).toBe('text/markdown');
      expect(Buffer.compare(files[1]!.bytes, Buffer.from(BINARY))).toBe(0);
    }
    // The notice pings nobody, and nothing reached the chat channel.
    const posts = fake.callsTo('POST', /^\/channels\/\d+\/messages$/);
    for (const call of posts) expect(call.body?.allowed_mentions).toEqual({ parse: [] });
    expect(fake.messages.get(fake.channelId) ?? []).toHaveLength(0);
  });

  it('a long notice comes in pieces of at most 2,000 characters, cut at lines, the files with the last', async () => {
    const { fake, adapter } = await start([PEOPLE.host]);
    const lines = Array.from({ length: 120 }, (_, i) => `${i + 1}. Follow up with member ${i + 1} about their answer`);
    const files = [{ name: 'list.csv', content: 'a,b\n1,2\n' }];
    const result = await adapter.notifyHosts({ text: lines.join('\n'), files });
    expect(result).toEqual({ reached: 1, failed: [] });
    const messages = fake.dms.messages.get(fake.dms.channels.get(PEOPLE.host)!)!;
    expect(messages.length).toBeGreaterThan(2);
    for (const message of messages) expect(String(message.content).length).toBeLessThanOrEqual(2000);
    expect(messages.map((m) => m.content).join('')).toBe(lines.join('\n'));
    const attached = messages.map((m) => fake.dms.files.get(String(m.id))!.length);
    expect(attached).toEqual([...messages.slice(1).map(() => 0), 1]);
  });

  it('says no host is configured when DISCORD_HOST_IDS is empty, and sends nothing', async () => {
    const { fake, adapter } = await start([]);
    const result = await adapter.notifyHosts(notice);
    expect(result).toEqual({ reached: 0, failed: [], noHosts: expect.stringContaining('DISCORD_HOST_IDS') });
    expect(fake.callsTo('POST', /^\/users\/@me\/channels$/)).toHaveLength(0);
  });
});

describe('splitText', () => {
  it('keeps short text whole, cuts after a line, and never splits a surrogate pair', () => {
    expect(splitText('short', 10)).toEqual(['short']);
    expect(splitText('aaaa\nbbbb\ncc', 10)).toEqual(['aaaa\nbbbb\n', 'cc']);
    expect(splitText('abcdefghi😀xyz', 10)).toEqual(['abcdefghi', '😀xyz']);
  });

  it("still uploads when a newer undici (Slack's) created the process-wide dispatcher first", async () => {
    // What running Slack and Discord in one process does: @slack/socket-mode's undici 7 sets the global
    // dispatcher, which discord.js's undici 6 would otherwise pick up and fail on its own FormData.
    type Undici = { Agent: new () => unknown; getGlobalDispatcher(): unknown; setGlobalDispatcher(d: unknown): void };
    const newer = (await import('undici')) as unknown as Undici;
    const before = newer.getGlobalDispatcher();
    newer.setGlobalDispatcher(new newer.Agent());
    try {
      const { adapter } = await start([PEOPLE.host]);
      expect(await adapter.notifyHosts(notice)).toEqual({ reached: 1, failed: [] });
    } finally {
      newer.setGlobalDispatcher(before);
    }
  });
});
