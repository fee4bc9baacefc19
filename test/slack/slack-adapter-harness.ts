import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/index.js';
import { slackConfigSchema, type SlackConfigInput } from '../../adapters/slack/slack-config.js';
import { silentLogger, type Logger } from '../../src/log.js';
import type { ChatInbound } from '../../src/port.js';
import { SystemClock, type Clock } from '../../src/time/clock.js';
import { FakeSlack } from '../fakes/slack/fake-slack.js';
import { postSigned, slashCommandForm } from '../fakes/slack/signed-request.js';
import { waitFor } from '../support/wait-for.js';

/** The signing secret the HTTP-mode tests share with the fake. */
export const TEST_SIGNING_SECRET = '8f742231b10e8888abcd99aaaaaa85a5';

/** The Slack adapter alone (no engine) on real Bolt against a fake Slack, with delivery the way the mode does it. */
export async function startSlackAdapter(
  mode: 'socket' | 'http',
  inbound: ChatInbound,
  overrides: Partial<SlackConfigInput> = {},
  log: Logger = silentLogger,
  clock: Clock = new SystemClock(),
  // Another adapter over the same fake (a restart); then stop() leaves the fake running.
  sharedFake?: FakeSlack,
) {
  const fake = sharedFake ?? new FakeSlack();
  if (!sharedFake) {
    await fake.start();
    fake.addUser({ id: 'UHOST', name: 'host', display: 'Host Hana' });
    fake.addUser({ id: 'UADMIN', name: 'admin', display: 'Admin Ada', isAdmin: true });
    fake.addUser({ id: 'U1', name: 'ana', display: 'Ana' });
    fake.addUser({ id: 'U2', name: 'bea', display: 'Bea' });
  }
  const config = slackConfigSchema.parse({
    botToken: 'xoxb-test-token',
    mode,
    ...(mode === 'socket'
      ? { appToken: 'xapp-test-token' }
      : { signingSecret: TEST_SIGNING_SECRET, port: 0, host: '127.0.0.1' }),
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
  const adapter: SlackAdapter = createSlackAdapter(config, log, clock);
  try {
    await adapter.start(inbound);
  } catch (error) {
    if (!sharedFake) await fake.stop();
    throw error;
  }
  if (mode === 'socket') await waitFor(() => fake.socketCount === 1, 'the Socket Mode connection');
  const eventsUrl = `http://127.0.0.1:${adapter.httpPort}/slack/events`;

  /** Delivers an event; returns a function that delivers the very same event again (a Slack retry). */
  const deliver = async (event: Record<string, unknown>): Promise<() => Promise<void>> => {
    if (mode === 'socket') {
      const id = fake.sendEvent(event);
      return async () => void fake.redeliver(id);
    }
    const body = fake.eventCallback(event);
    const response = await postSigned(eventsUrl, body, TEST_SIGNING_SECRET);
    if (response.status !== 200) throw new Error(`events endpoint answered ${response.status}`);
    return async () => void (await postSigned(eventsUrl, body, TEST_SIGNING_SECRET, { retryNum: 1 }));
  };

  /** Gives a slash command as Slack does in this mode. */
  const command = async (user: string, text: string, channel = 'C1'): Promise<void> => {
    if (mode === 'socket') {
      fake.slashCommand({ channel, user, text });
      return;
    }
    const raw = slashCommandForm({ team: fake.team, channel, user, text, responseUrl: fake.responseUrl() });
    const response = await postSigned(eventsUrl, undefined, TEST_SIGNING_SECRET, {
      raw,
      contentType: 'application/x-www-form-urlencoded',
    });
    if (response.status !== 200) throw new Error(`commands endpoint answered ${response.status}`);
  };

  const stop = async () => {
    await adapter.stop();
    if (!sharedFake) await fake.stop();
  };
  return { fake, adapter, eventsUrl, deliver, command, stop };
}
