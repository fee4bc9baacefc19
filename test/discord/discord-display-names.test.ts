import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait-for.js';
import { startAdapter, type AdapterRig } from './adapter-harness.js';
import { PEOPLE } from './fake-people.js';

let rig: AdapterRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const CARLA = '100000000000000021';
const DEV = '100000000000000022';
const LEFT = '100000000000000023';

describe('Discord display names (displayNameOf)', () => {
  it('a server nickname first, then the display name, then the username', async () => {
    const r = (rig = await startAdapter());
    r.fake.addMember({ id: CARLA, username: 'carla_d', globalName: 'Carla Díaz' });
    r.fake.addMember({ id: DEV, username: 'dev42', globalName: null });
    const nameOf = (id: string) => r.adapter.displayNameOf(r.address.user(id));
    expect(await nameOf(PEOPLE.bea)).toBe('Bea B.');
    expect(await nameOf(CARLA)).toBe('Carla Díaz');
    expect(await nameOf(DEV)).toBe('dev42');
    // None of them had written: each was read once from Discord, then from discord.js's cache.
    const memberReads = () =>
      r.fake.callsTo('GET', /^\/guilds\/\d+\/members\/\d+$/).map((call) => call.path.split('/').at(-1));
    expect(memberReads()).toEqual([PEOPLE.bea, CARLA, DEV]);
    expect(await nameOf(PEOPLE.bea)).toBe('Bea B.');
    expect(memberReads()).toHaveLength(3);
  });

  it('someone seen in a message needs no call', async () => {
    const r = (rig = await startAdapter());
    r.fake.memberSays({ author: PEOPLE.ana, content: 'hello' });
    await waitFor(() => r.inbound.messages.length === 1, "Ana's message");
    expect(await r.adapter.displayNameOf(r.address.user(PEOPLE.ana))).toBe('ana');
    expect(r.fake.callsTo('GET', /members|users\/\d+/)).toHaveLength(0);
  });

  it('someone who left the server is named from their profile; nobody at all rejects', async () => {
    const r = (rig = await startAdapter());
    r.fake.addOutsider({ id: LEFT, username: 'gone_guest', globalName: 'Gone Guest' });
    expect(await r.adapter.displayNameOf(r.address.user(LEFT))).toBe('Gone Guest');
    expect(r.fake.callsTo('GET', new RegExp(`^/users/${LEFT}$`))).toHaveLength(1);
    await expect(r.adapter.displayNameOf(r.address.user('100000000000000029'))).rejects.toThrow(/Unknown User/);
    await expect(r.adapter.displayNameOf('slack:T1:U1')).rejects.toThrow(/Not a Discord user address/);
  });
});
