import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LocalRoom } from '../../adapters/local/local-room.js';
import { ManualClock } from '../../src/time/manual-clock.js';

function room() {
  const output = new PassThrough();
  let shown = '';
  output.on('data', (chunk: Buffer) => (shown += chunk.toString('utf8')));
  const clock = new ManualClock();
  const local = new LocalRoom({ input: new PassThrough(), output, clock, userName: 'tester', botName: 'emcee' });
  return { local, shown: () => shown };
}

describe('host notices in the terminal room', () => {
  it('are shown to the person at the keyboard, who hosts the room, with each file by name and size', async () => {
    const { local, shown } = room();
    const result = await local.notifyHosts({
      text: 'Recap of Weekly chat written.\nTwo follow-ups are waiting.',
      files: [
        { name: 'recap.md', content: 'é'.repeat(1000) },
        { name: 'answers.bin', content: new Uint8Array(512) },
      ],
    });
    expect(result).toEqual({ reached: 1, failed: [] });
    expect(shown()).toBe(
      '(to the hosts) Recap of Weekly chat written.\n      Two follow-ups are waiting.\n' +
        '      files: recap.md (2.0 kB), answers.bin (512 B)\n',
    );
  });

  it('show a notice without files as its text alone', async () => {
    const { local, shown } = room();
    await local.notifyHosts({ text: 'The chat at 18:00 did not start.' });
    expect(shown()).toBe('(to the hosts) The chat at 18:00 did not start.\n');
  });
});
