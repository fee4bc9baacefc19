import type { ChatInbound } from '../../src/port.js';
import type { ViewInput } from '../fakes/slack/fake-slack.js';
import { interactionForm, postSigned, slashCommandForm } from '../fakes/slack/signed-request.js';
import { waitFor } from '../support/wait-for.js';
import { startSlackAdapter, TEST_SIGNING_SECRET } from './slack-adapter-harness.js';

/**
 * The Slack adapter on real Bolt against the fake, with a person's interactions delivered the way the mode
 * does it: Socket Mode `interactive` envelopes (the answer is the ack's payload) or signed form posts of
 * `payload=<JSON>` to /slack/events (the answer is the response body).
 */
export async function startInteractive(mode: 'socket' | 'http', inbound: ChatInbound) {
  const running = await startSlackAdapter(mode, inbound);
  const { fake, eventsUrl } = running;
  const postForm = (raw: string) =>
    postSigned(eventsUrl, undefined, TEST_SIGNING_SECRET, { raw, contentType: 'application/x-www-form-urlencoded' });

  /** `/emcee <text>` from `user`, with a trigger the fake issued (so the reply may open a modal). */
  const command = async (user: string, text: string, channel = 'C1'): Promise<void> => {
    if (mode === 'socket') return void fake.slashCommand({ channel, user, text });
    const triggerId = fake.views.issueTrigger(user);
    const raw = slashCommandForm({ team: fake.team, channel, user, text, responseUrl: fake.responseUrl(), triggerId });
    const response = await postForm(raw);
    if (response.status !== 200) throw new Error(`commands endpoint answered ${response.status}`);
  };

  /** Delivers an interaction payload; resolves with the app's answer (undefined for a plain ack). */
  const interact = async (payload: Record<string, unknown>): Promise<unknown> => {
    if (mode === 'socket') {
      const id = fake.sendInteractive(payload);
      await waitFor(() => fake.envelopes.get(id)!.ackedAt !== undefined, 'the ack of the interaction');
      return fake.envelopes.get(id)!.ackPayload;
    }
    const response = await postForm(interactionForm(payload));
    if (response.status !== 200) throw new Error(`interactivity endpoint answered ${response.status}`);
    const answer = response.text ? (JSON.parse(response.text) as unknown) : undefined;
    if (payload.type === 'view_submission') fake.views.settle((payload.view as { id: string }).id, answer);
    return answer;
  };

  /** `user` submits the modal last opened for them with `input` by block id; resolves with the app's answer. */
  const submit = (user: string, input: ViewInput): Promise<unknown> => {
    const view = fake.views.latestFor(user);
    if (!view) throw new Error(`no modal open for ${user}`);
    return interact(fake.views.submission(view, input, fake.users.get(user)?.name ?? user));
  };

  /** `user` clicks the button `actionId` in the latest ephemeral message showing it to them. */
  const click = (user: string, actionId: string): Promise<unknown> => interact(fake.clickPayload(user, actionId));

  return { ...running, command, interact, submit, click };
}
