import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SeededRandom } from '../../adapters/local/seeded-random.js';
import { slackAddress } from '../../adapters/slack/slack-addresses.js';
import { slackConfigSchema } from '../../adapters/slack/slack-config.js';
import { createSlackAdapter } from '../../adapters/slack/index.js';
import { silentLogger } from '../../src/log.js';
import { runAdapterChaosChat, type ChaosRig, type FakeLine } from '../support/adapter-chaos.js';
import { checkChaosChat, type ChaosFigures } from '../support/chaos-checks.js';
import { CHAOS_SCENARIOS, chaosSeed, CLOSE_CHAOS_SCRIPT, summarize } from '../support/close-chaos-scenarios.js';
import { waitFor } from '../support/wait-for.js';
import { FakeSlack, type FakeSlackMessage } from '../fakes/slack/fake-slack.js';

const TEAM = 'T0001';
const CHANNEL = 'C1';
const PEOPLE = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6'];

/** A fake Slack for one chat; each crashed "process" gets a new Bolt app against it. */
function slackRig(fake: FakeSlack): ChaosRig {
  const config = slackConfigSchema.parse({
    botToken: 'xoxb-test-token',
    appToken: 'xapp-test-token',
    mode: 'socket',
    channel: CHANNEL,
    hostIds: ['UHOST'],
    apiUrl: fake.apiUrl,
    postIntervalMs: 0,
    reactionsPerMinute: 6000,
    clientPingTimeoutMs: 1000,
  });
  const lineOf = (message: FakeSlackMessage): FakeLine => {
    const thread = message.thread_ts && message.thread_ts !== message.ts ? message.thread_ts : undefined;
    return {
      address: slackAddress.message(TEAM, CHANNEL, message.ts, thread),
      authorId: slackAddress.user(TEAM, String(message.user)),
      text: message.text,
      thread: thread ? slackAddress.message(TEAM, CHANNEL, thread) : undefined,
      order: BigInt(message.ts.replace('.', '')),
    };
  };
  const messages = () => fake.history.get(CHANNEL) ?? [];
  return {
    newAdapter: () => createSlackAdapter(config, silentLogger),
    connected: () => waitFor(() => fake.socketCount === 1, 'the Socket Mode connection'),
    disconnected: () => waitFor(() => fake.socketCount === 0, 'the socket to drop'),
    botLines: () =>
      messages()
        .filter((m) => m.user === fake.botUserId)
        .map(lineOf),
    peopleLines: () =>
      messages()
        .filter((m) => m.user !== fake.botUserId)
        .map(lineOf),
    say: (person, text, { thread, live }) => {
      const threadTs = thread?.split(':')[3];
      const fields = { channel: CHANNEL, user: person, text, ...(threadTs ? { threadTs } : {}) };
      if (live) fake.userSays(fields);
      else fake.userSaysOffline(fields);
    },
    userAddress: (person) => slackAddress.user(TEAM, person),
    mentionOf: (userAddress) => `<@${userAddress.split(':')[2]}>`,
    people: PEOPLE,
  };
}

const SEED = chaosSeed();
const figures: (ChaosFigures & { crashes: number })[] = [];
afterAll(() => console.log(summarize('Slack', SEED, figures)));

describe(`crashes around the close against a local Slack (seed ${SEED})`, () => {
  let fake: FakeSlack;
  beforeEach(async () => {
    fake = new FakeSlack();
    await fake.start();
  });
  afterEach(() => fake.stop());

  it.each(CHAOS_SCENARIOS.map((crashes, index) => ({ index, crashes })))(
    'scenario $index: every post once, every answer stored, everyone thanked once',
    async ({ index, crashes }) => {
      for (const id of ['UHOST', ...PEOPLE]) fake.addUser({ id, name: id.toLowerCase(), display: `Person ${id}` });
      const rig = slackRig(fake);
      const outcome = await runAdapterChaosChat(rig, CLOSE_CHAOS_SCRIPT, crashes, new SeededRandom(SEED * 7 + index));
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
