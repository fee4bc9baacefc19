import { afterEach } from 'vitest';
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

/** A chat of the harness. */
export type DiscordChat = Awaited<ReturnType<typeof startDiscordChat>>;

/** What a test reads of a message the bot posted. */
export type PostedBody = { content: string; allowed_mentions?: { parse: string[]; users?: string[] } };

/** Every message the bot posted, in any channel (DMs included), oldest first. */
export function postedMessages(chat: DiscordChat): PostedBody[] {
  return chat.fake.callsTo('POST', /^\/channels\/\d+\/messages$/).map((call) => call.body as unknown as PostedBody);
}

/** The texts of the bot's answers to slash commands, oldest first. */
export function commandReplies(chat: DiscordChat): string[] {
  return chat.fake.callsTo('PATCH', /@original$/).map((call) => String(call.body?.content));
}

/** Starts a chat per test and stops it after each (call at the top of a test file). */
export function discordChatPerTest(): (options?: Parameters<typeof startDiscordChat>[0]) => Promise<DiscordChat> {
  let current: DiscordChat | undefined;
  afterEach(async () => {
    await current?.stop();
    current = undefined;
  });
  return async (options) => {
    current = await startDiscordChat(options);
    return current;
  };
}
