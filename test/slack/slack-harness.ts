import { waitFor } from '../support/wait-for.js';
import { silentLogger } from '../../src/log.js';
import { adapterChatRouter } from '../support/adapter-chat-router.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { ManualClock } from '../../src/time/manual-clock.js';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/index.js';
import { slackConfigSchema, type SlackConfigInput } from '../../adapters/slack/slack-config.js';
import { FakeSlack } from '../fakes/slack/fake-slack.js';
import { TEST_SIGNING_SECRET } from './slack-adapter-harness.js';

/** The signing secret the HTTP-mode chat shares with the fake. */
export const SIGNING_SECRET = TEST_SIGNING_SECRET;

/** A real Bolt app wired to the engine, against a fake Slack on 127.0.0.1. */
export async function startSlackChat(
  mode: 'socket' | 'http',
  overrides: Partial<SlackConfigInput> = {},
  store = ChatStore.open(':memory:'),
) {
  const fake = new FakeSlack();
  await fake.start();
  fake.addUser({ id: 'UHOST', name: 'host', display: 'Host Hana', isAdmin: false });
  fake.addUser({ id: 'U1', name: 'ana', display: 'Ana' });
  fake.addUser({ id: 'U2', name: 'bea', display: 'Bea' });
  fake.addUser({ id: 'U3', name: 'mallory', display: 'Mallory' });
  const config = slackConfigSchema.parse({
    botToken: 'xoxb-test-token',
    mode,
    ...(mode === 'socket'
      ? { appToken: 'xapp-test-token' }
      : { signingSecret: SIGNING_SECRET, port: 0, host: '127.0.0.1' }),
    channel: 'C1',
    hostIds: ['UHOST'],
    apiUrl: fake.apiUrl,
    postIntervalMs: 0,
    reactionsPerMinute: 6000,
    // Short enough to notice a dead fake within a second, long enough that a busy test process (SQLite,
    // recap rendering) is not taken for a dead connection.
    clientPingTimeoutMs: 1000,
    ...overrides,
  });
  const adapter: SlackAdapter = createSlackAdapter(config, silentLogger);
  const clock = new ManualClock();
  const { host, ended } = adapterChatRouter(adapter, store, clock, 'prompts');
  await adapter.start(host);
  if (mode === 'socket') await waitFor(() => fake.socketCount === 1, 'the Socket Mode connection');
  const eventsUrl = () => `http://127.0.0.1:${adapter.httpPort}/slack/events`;
  const stop = async () => {
    await host.stop();
    await adapter.stop();
    await fake.stop();
  };
  return { fake, adapter, clock, host, store, ended, eventsUrl, stop };
}

export { waitFor };
