import { waitFor } from '../support/wait-for.js';
import { silentLogger } from '../../src/log.js';
import { adapterChatHost } from '../support/adapter-chat-host.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { ManualClock } from '../../src/time/manual-clock.js';
import { createDiscordAdapter, discordConfigSchema, type DiscordAdapter } from '../../adapters/discord/index.js';
import { FakeDiscord } from '../fakes/discord/fake-discord.js';

/** Member ids of the fake guild. */
export const PEOPLE = {
  host: '100000000000000010',
  ana: '100000000000000011',
  bea: '100000000000000012',
  mallory: '100000000000000013',
  manager: '100000000000000014',
};

/** The real discord.js client wired to the engine, against a fake Discord on 127.0.0.1. */
export async function startDiscordChat(options: { scripts?: string; clockStart?: number } = {}) {
  const fake = new FakeDiscord();
  await fake.start();
  fake.addMember({ id: PEOPLE.host, username: 'hana', roles: [fake.hostRoleId] });
  fake.addMember({ id: PEOPLE.ana, username: 'ana' });
  fake.addMember({ id: PEOPLE.bea, username: 'bea' });
  fake.addMember({ id: PEOPLE.mallory, username: 'mallory' });
  fake.addMember({ id: PEOPLE.manager, username: 'max', roles: [fake.managerRoleId] });
  const config = discordConfigSchema.parse({
    token: 'fake-bot-token',
    guildId: fake.guildId,
    channelId: fake.channelId,
    hostRoleId: fake.hostRoleId,
    apiUrl: fake.apiUrl,
    readyTimeoutMs: 5000,
    postIntervalMs: 0,
  });
  const adapter: DiscordAdapter = createDiscordAdapter(config, silentLogger);
  const store = ChatStore.open(':memory:');
  const clock = new ManualClock(options.clockStart);
  const { host, ended } = adapterChatHost(adapter, store, clock, options.scripts ?? 'prompts');
  return {
    fake,
    adapter,
    clock,
    host,
    store,
    ended,
    start: () => adapter.start(host),
    stop: async () => {
      await host.stop();
      await adapter.stop();
      await fake.stop();
    },
  };
}

export { waitFor };
