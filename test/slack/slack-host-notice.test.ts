import { afterEach, describe, expect, it } from 'vitest';
import type { HostNotice } from '../../src/port.js';
import { RecordingInbound } from './recording-inbound.js';
import { startSlackAdapter } from './slack-adapter-harness.js';

type Running = Awaited<ReturnType<typeof startSlackAdapter>>;
let running: Running | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

async function start(hostIds: string[]) {
  running = await startSlackAdapter('socket', new RecordingInbound(), { hostIds });
  return running;
}

// Every byte value, so a file mangled by a text encoding along the way cannot pass.
const BINARY = Uint8Array.from({ length: 512 }, (_, i) => (i * 7) % 256);
const RECAP = '# Recap — Weekly chat\n\n- Ana: “home is people” & <tips>\n';
const notice: HostNotice = {
  text: 'The recap of Weekly chat & its follow-up list: <see the files>',
  files: [
    { name: 'recap.md', content: RECAP, mimeType: 'text/markdown' },
    { name: 'answers.bin', content: BINARY },
  ],
};

describe('Slack host notices through the real WebClient', () => {
  it("reach each host's DM with the text and both files byte for byte; a host whose DM fails is reported", async () => {
    const { fake, adapter } = await start(['UHOST', 'UGONE', 'UADMIN']);
    const result = await adapter.notifyHosts(notice);

    expect(result.reached).toBe(2);
    expect(result.failed).toEqual([expect.stringMatching(/^UGONE: .*channel_not_found/)]);
    expect(result.noHosts).toBeUndefined();
    for (const host of ['UHOST', 'UADMIN']) {
      const dm = fake.dms.get(host)!;
      expect(dm).toMatch(/^D/);
      const escaped = 'The recap of Weekly chat &amp; its follow-up list: &lt;see the files&gt;';
      expect(fake.history.get(dm)?.[0]?.text).toBe(escaped);
      const files = fake.files.shared.filter((file) => file.channel === dm);
      expect(files.map((file) => file.name).sort()).toEqual(['answers.bin', 'recap.md']);
      expect(files.find((file) => file.name === 'recap.md')!.bytes.toString('utf8')).toBe(RECAP);
      expect(Buffer.compare(files.find((file) => file.name === 'answers.bin')!.bytes, Buffer.from(BINARY))).toBe(0);
    }
    // Nothing reached the user who is not in the workspace, and nothing went to the chat channel.
    expect(fake.files.shared).toHaveLength(4);
    expect(fake.history.get('C1') ?? []).toHaveLength(0);
    expect(
      fake
        .callsTo('files.completeUploadExternal')
        .map((call) => call.args.channel_id)
        .sort(),
    ).toEqual([fake.dms.get('UADMIN'), fake.dms.get('UHOST')].sort());
  });

  it('a notice without files is one message per host, and no upload is started', async () => {
    const { fake, adapter } = await start(['UHOST']);
    const text = 'The chat at 18:00 did not start: the bot was down.';
    expect(await adapter.notifyHosts({ text })).toEqual({ reached: 1, failed: [] });
    expect(fake.history.get(fake.dms.get('UHOST')!)!.map((m) => m.text)).toEqual([text]);
    expect(fake.callsTo('files.getUploadURLExternal')).toHaveLength(0);
  });

  it('says no host is configured when SLACK_HOST_IDS is empty, and sends nothing', async () => {
    const { fake, adapter } = await start([]);
    const result = await adapter.notifyHosts(notice);
    expect(result).toEqual({ reached: 0, failed: [], noHosts: expect.stringContaining('SLACK_HOST_IDS') });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('reports a host whose files failed after the message arrived, naming the files', async () => {
    const { fake, adapter } = await start(['UHOST', 'UADMIN']);
    fake.failNext('files.completeUploadExternal', 1, 500);
    const result = await adapter.notifyHosts(notice);
    expect(result.reached).toBe(1);
    const filesLost = /^UHOST: the message arrived but the files \(recap\.md, answers\.bin\).*HTTP 500/;
    expect(result.failed).toEqual([expect.stringMatching(filesLost)]);
    expect(fake.files.shared.filter((file) => file.channel === fake.dms.get('UADMIN'))).toHaveLength(2);
  });
});
