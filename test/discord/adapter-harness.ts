import { discordConfigSchema, type DiscordConfig } from '../../adapters/discord/discord-config.js';
import { createDiscordAdapter } from '../../adapters/discord/index.js';
import { silentLogger, type Logger } from '../../src/log.js';
import { FAKE_TOKEN, FakeDiscord } from '../fakes/discord/fake-discord.js';
import { addPeople } from './fake-people.js';
import { RecordingInbound } from './recording-inbound.js';

/**
 * The Discord adapter on the real discord.js against a fake Discord, with a recording inbound handle instead of
 * the core.
 */
export async function startAdapter(options: { config?: Partial<DiscordConfig>; log?: Logger; connect?: boolean } = {}) {
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
    ...options.config,
  });
  const adapter = createDiscordAdapter(config, options.log ?? silentLogger);
  const inbound = new RecordingInbound();
  if (options.connect !== false) await adapter.start(inbound);
  const G = fake.guildId;
  return {
    fake,
    adapter,
    inbound,
    /** Addresses as the adapter builds them. */
    address: {
      channel: (id = fake.channelId) => `discord:${G}:${id}`,
      message: (message: Record<string, unknown>) => `discord:${G}:${String(message.channel_id)}:${String(message.id)}`,
      user: (id: string) => `discord:${G}:${id}`,
    },
    stop: async () => {
      await adapter.stop();
      await fake.stop();
    },
  };
}

/** What `startAdapter` gives. */
export type AdapterRig = Awaited<ReturnType<typeof startAdapter>>;
