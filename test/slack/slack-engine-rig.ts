import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/index.js';
import { type SlackConfig, type SlackConfigInput, slackConfigSchema } from '../../adapters/slack/slack-config.js';
import { ChatRouter, type ChatRouterDeps } from '../../src/chat-router.js';
import { silentLogger } from '../../src/log.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { ManualClock } from '../../src/time/manual-clock.js';
import { FakeSlack } from '../fakes/slack/fake-slack.js';
import { waitFor } from '../support/wait-for.js';

/** What a test of the whole engine on Slack holds. */
export interface SlackEngineRig {
  fake: FakeSlack;
  adapter: SlackAdapter;
  store: ChatStore;
  /** The chat's clock: starts at the real time, so messages stamped "now" on the fake line up with it. */
  clock: ManualClock;
  router: ChatRouter;
  stop(): Promise<void>;
}

/**
 * The whole engine (a ChatRouter over an in-memory store) behind the real Bolt in Socket Mode, against the fake
 * Slack with a host and three people. The adapter paces its calls in real time (the fake answers in real
 * time); the chat runs on a manual clock. `deps` adds or overrides router dependencies (onEnded, grace…).
 */
export async function startSlackEngine(deps: Partial<ChatRouterDeps> = {}): Promise<SlackEngineRig> {
  const fake = new FakeSlack();
  await fake.start();
  fake.addUser({ id: 'UHOST', name: 'host', display: 'Host Hana' });
  fake.addUser({ id: 'U1', name: 'ana', display: 'Ana' });
  fake.addUser({ id: 'U2', name: 'bea', display: 'Bea' });
  fake.addUser({ id: 'U3', name: 'cy', display: 'Cy' });
  const adapter = createSlackAdapter(slackTestConfig(fake), silentLogger);
  const store = ChatStore.open(':memory:');
  const clock = new ManualClock(Date.now());
  const router = new ChatRouter({ store, platform: adapter, clock, log: silentLogger, ...deps });
  await adapter.start(router);
  await waitFor(() => fake.socketCount === 1, 'the Socket Mode connection');
  const stop = async () => {
    await router.stop();
    await adapter.stop();
    await fake.stop();
  };
  return { fake, adapter, store, clock, router, stop };
}

/**
 * The Slack settings engine tests use against the fake: Socket Mode, channel C1, UHOST a host, no post pacing,
 * reactions far under any limit, and a ping timeout that notices a dead fake within a second.
 */
export function slackTestConfig(fake: FakeSlack, overrides: Partial<SlackConfigInput> = {}): SlackConfig {
  return slackConfigSchema.parse({
    botToken: 'xoxb-test-token',
    appToken: 'xapp-test-token',
    channel: 'C1',
    hostIds: ['UHOST'],
    apiUrl: fake.apiUrl,
    postIntervalMs: 0,
    reactionsPerMinute: 6000,
    clientPingTimeoutMs: 1000,
    ...overrides,
  });
}
