import { afterEach, describe, expect, it } from 'vitest';
import { EMCEE_COMMAND, registerDiscordCommands } from '../../adapters/discord/discord-commands.js';
import { FAKE_TOKEN, FakeDiscord } from '../fakes/discord/fake-discord.js';
import { startAdapter, type AdapterRig } from './adapter-harness.js';

const SUBCOMMANDS = [
  'start',
  'pause',
  'resume',
  'skip',
  'extend',
  'end',
  'status',
  'next',
  'recap',
  'plan',
  'episodes',
  'rehearse',
  'console',
  'publish',
  'unpublish',
  'quiet',
  'unquiet',
  'my-data',
  'forget-me',
  'help',
];
let fake: FakeDiscord | undefined;
let rig: AdapterRig | undefined;
afterEach(async () => {
  await fake?.stop();
  await rig?.stop();
  fake = rig = undefined;
});

describe('/emcee registration', () => {
  it('the adapter puts /emcee on the guild at start-up, as one bulk overwrite', async () => {
    rig = await startAdapter();
    const puts = rig.fake.callsTo('PUT', /^\/applications\/\d+\/guilds\/\d+\/commands$/);
    expect(puts.map((p) => p.path)).toEqual([
      `/applications/${rig.fake.applicationId}/guilds/${rig.fake.guildId}/commands`,
    ]);
    const [command] = puts[0]!.body as unknown as {
      name: string;
      options: { name: string; type: number; options?: { name: string; type: number; required: boolean }[] }[];
    }[];
    expect(command!.name).toBe('emcee');
    expect(command!.options.map((o) => o.name)).toEqual(SUBCOMMANDS);
    expect(command!.options.every((o) => o.type === 1)).toBe(true);
    expect(command!.options.find((o) => o.name === 'extend')!.options).toEqual([
      expect.objectContaining({ name: 'minutes', type: 4, required: true }),
    ]);
    expect(command!.options.find((o) => o.name === 'start')!.options).toEqual([
      expect.objectContaining({ name: 'script', type: 3, required: true }),
    ]);
  });

  it('registerDiscordCommands works without the gateway, for `emcee discord register`', async () => {
    fake = new FakeDiscord();
    await fake.start();
    const names = await registerDiscordCommands({ token: FAKE_TOKEN, guildId: fake.guildId, apiUrl: fake.apiUrl });
    expect(names).toEqual(['emcee']);
    expect(fake.callsTo('GET', /^\/applications\/@me$/)).toHaveLength(1);
    expect(fake.commands).toEqual([expect.objectContaining(EMCEE_COMMAND)]);
    expect(fake.handshakes.identify).toBe(0);
    // Running it again replaces rather than duplicates.
    await registerDiscordCommands({ token: FAKE_TOKEN, guildId: fake.guildId, apiUrl: fake.apiUrl });
    expect(fake.commands).toHaveLength(1);
  });

  it('a refused token names DISCORD_TOKEN', async () => {
    fake = new FakeDiscord();
    await fake.start();
    await expect(
      registerDiscordCommands({ token: 'wrong-token-value', guildId: fake.guildId, apiUrl: fake.apiUrl }),
    ).rejects.toThrow(/DISCORD_TOKEN/);
  });
});
