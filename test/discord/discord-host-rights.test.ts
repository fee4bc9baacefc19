import { afterEach, describe, expect, it } from 'vitest';
import { startAdapter, type AdapterRig } from './adapter-harness.js';
import { PEOPLE } from './fake-people.js';

let rig: AdapterRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

describe('Discord host rights for the website (isHost)', () => {
  it('read the member afresh each time: the host role or Manage Events, lost as soon as it is taken', async () => {
    const r = (rig = await startAdapter());
    const isHost = (id: string) => r.adapter.isHost(r.address.user(id));
    expect(await isHost(PEOPLE.host)).toBe(true);
    expect(await isHost(PEOPLE.manager)).toBe(true);
    expect(await isHost(PEOPLE.ana)).toBe(false);
    r.fake.members.get(PEOPLE.host)!.roles = [];
    expect(await isHost(PEOPLE.host)).toBe(false);
    const reads = r.fake.callsTo('GET', new RegExp(`^/guilds/\\d+/members/${PEOPLE.host}$`));
    expect(reads).toHaveLength(2);
  });

  it('are false for someone who left the server and for addresses of elsewhere', async () => {
    const r = (rig = await startAdapter());
    r.fake.members.delete(PEOPLE.manager);
    expect(await r.adapter.isHost(r.address.user(PEOPLE.manager))).toBe(false);
    expect(await r.adapter.isHost('slack:T1:U1')).toBe(false);
    expect(await r.adapter.isHost(`discord:999999999999999999:${PEOPLE.host}`)).toBe(false);
  });
});
