import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LocalRoom } from '../../adapters/local/local-room.js';
import { hostRightsFrom } from '../../src/access/host-rights.js';
import { ManualClock } from '../../src/time/manual-clock.js';

describe('host rights in the terminal room', () => {
  it('belong to the person at the keyboard only, so the website’s console follows the room', async () => {
    const clock = new ManualClock();
    const room = new LocalRoom({
      input: new PassThrough(),
      output: new PassThrough(),
      clock,
      userName: 'tester',
      botName: 'emcee',
    });
    const rights = hostRightsFrom([room]);
    expect(await rights('local:tester')).toBe(true);
    expect(await rights('local:crowd-7')).toBe(false);
    await expect(rights('slack:T1:U1')).rejects.toThrow(/No connected platform can tell/);
  });
});
