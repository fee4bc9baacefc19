import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SeededRandom } from '../../adapters/local/seeded-random.js';
import { discordAddress } from '../../adapters/discord/discord-addresses.js';
import { createDiscordAdapter, discordConfigSchema } from '../../adapters/discord/index.js';
import { silentLogger } from '../../src/log.js';
import { runAdapterChaosChat, type ChaosRig, type FakeLine } from '../support/adapter-chaos.js';
import { checkChaosChat, type ChaosFigures } from '../support/chaos-checks.js';
import { CHAOS_SCENARIOS, chaosSeed, CLOSE_CHAOS_SCRIPT, summarize } from '../support/close-chaos-scenarios.js';
import { waitFor } from '../support/wait-for.js';
import type { Json } from '../fakes/discord/fake-guild.js';
import { FAKE_TOKEN, FakeDiscord } from '../fakes/discord/fake-discord.js';
import { addPeople, PEOPLE } from './fake-people.js';

// Three who answer beyond the cast of fake-people.ts: newcomers while the bot is down.
const NEWCOMERS = ['100000000000000021', '100000000000000022', '100000000000000023'];
const SPEAKERS = [PEOPLE.ana, PEOPLE.bea, PEOPLE.mallory, ...NEWCOMERS];

/** A fake Discord for one chat; each crashed "process" gets a new discord.js client against it. */
function discordRig(fake: FakeDiscord): ChaosRig {
  const config = discordConfigSchema.parse({
    token: FAKE_TOKEN,
    guildId: fake.guildId,
    channelId: fake.channelId,
    hostRoleId: fake.hostRoleId,
    apiUrl: fake.apiUrl,
    readyTimeoutMs: 5000,
    postIntervalMs: 0,
  });
  const lineOf = (message: Json): FakeLine => {
    const channel = String(message.channel_id);
    // A question's thread has the question's id, and the question is in the chat's channel.
    const inThread = fake.threads.has(channel);
    const thread = inThread ? discordAddress.message(fake.guildId, fake.channelId, channel) : undefined;
    return {
      address: discordAddress.message(fake.guildId, channel, String(message.id)),
      authorId: discordAddress.user(fake.guildId, String((message.author as Json).id)),
      text: String(message.content),
      thread,
      order: BigInt(String(message.id)),
    };
  };
  const idOf = (message: Json) => BigInt(String(message.id));
  const messages = () => [...fake.messages.values()].flat().sort((a, b) => (idOf(a) < idOf(b) ? -1 : 1));
  const byBot = (message: Json) => String((message.author as Json).id) === fake.botId;
  return {
    newAdapter: () => createDiscordAdapter(config, silentLogger),
    connected: () => waitFor(() => fake.connected, 'the gateway connection'),
    disconnected: () => waitFor(() => !fake.connected, 'the gateway to close'),
    botLines: () => messages().filter(byBot).map(lineOf),
    peopleLines: () =>
      messages()
        .filter((m) => !byBot(m))
        .map(lineOf),
    say: (person, text, { thread, live }) => {
      const fields = { author: person, content: text, ...(thread ? { channelId: thread.split(':')[3] } : {}) };
      if (live) fake.memberSays(fields);
      else fake.memberSaysUnseen(fields);
    },
    userAddress: (person) => discordAddress.user(fake.guildId, person),
    mentionOf: (userAddress) => `<@${userAddress.split(':')[2]}>`,
    people: SPEAKERS,
  };
}

const SEED = chaosSeed();
const figures: (ChaosFigures & { crashes: number })[] = [];
afterAll(() => console.log(summarize('Discord', SEED, figures)));

describe(`crashes around the close against a local Discord (seed ${SEED})`, () => {
  let fake: FakeDiscord;
  beforeEach(async () => {
    fake = new FakeDiscord();
    await fake.start();
    addPeople(fake);
    for (const [index, id] of NEWCOMERS.entries()) fake.addMember({ id, username: `newcomer${index + 1}` });
  });
  afterEach(() => fake.stop());

  it.each(CHAOS_SCENARIOS.map((crashes, index) => ({ index, crashes })))(
    'scenario $index: every post once, every answer stored, everyone thanked once',
    async ({ index, crashes }) => {
      const rig = discordRig(fake);
      const outcome = await runAdapterChaosChat(rig, CLOSE_CHAOS_SCRIPT, crashes, new SeededRandom(SEED * 11 + index));
      const record = {
        store: outcome.store,
        sessionId: outcome.sessionId,
        recapDir: outcome.recapDir,
        questions: CLOSE_CHAOS_SCRIPT.questions.length,
        botLines: rig.botLines(),
        peopleLines: rig.peopleLines(),
        mentionOf: rig.mentionOf,
      };
      figures.push({ ...checkChaosChat(record), crashes: outcome.crashes });
      expect(record.peopleLines.length).toBeGreaterThan(crashes.length);
      outcome.store.close();
    },
    60_000,
  );
});
