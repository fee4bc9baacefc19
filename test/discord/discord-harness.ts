import { waitFor } from '../support/wait-for.js';
import { silentLogger } from '../../src/log.js';
import { adapterChatRouter } from '../support/adapter-chat-router.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { ManualClock } from '../../src/time/manual-clock.js';
import { createDiscordAdapter, discordConfigSchema, type DiscordAdapter } from '../../adapters/discord/index.js';
import { FAKE_TOKEN, FakeDiscord } from '../fakes/discord/fake-discord.js';
import { addPeople, PEOPLE } from './fake-people.js';

export { PEOPLE };

/**
 * The real discord.js client wired to the engine, against a fake Discord on 127.0.0.1. `hostIds` are the hosts
 * who get direct messages; with `followUps` they get the follow-up list after each chat.
 */
export async function startDiscordChat(
  options: { scripts?: string; clockStart?: number; hostIds?: string[]; followUps?: boolean } = {},
) {
  const fake = new FakeDiscord();
  await fake.start();
  addPeople(fake);
  const config = discordConfigSchema.parse({
    token: FAKE_TOKEN,
    guildId: fake.guildId,
    channelId: fake.channelId,
    hostRoleId: fake.hostRoleId,
    apiUrl: fake.apiUrl,
    readyTimeoutMs: 5000,
    postIntervalMs: 0,
    ...(options.hostIds ? { hostIds: options.hostIds } : {}),
  });
  const adapter: DiscordAdapter = createDiscordAdapter(config, silentLogger);
  const store = ChatStore.open(':memory:');
  const clock = new ManualClock(options.clockStart);
  const { host, ended } = adapterChatRouter(adapter, store, clock, options.scripts ?? 'prompts', {
    followUps: options.followUps ?? false,
  });
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
