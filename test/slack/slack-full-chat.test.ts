import { afterEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../fakes/slack/fake-slack.js';
import { SIGNING_SECRET, startSlackChat, waitFor } from './slack-harness.js';

type Chat = Awaited<ReturnType<typeof startSlackChat>>;
let chat: Chat | undefined;
afterEach(async () => {
  await chat?.stop();
  chat = undefined;
});

const posted = (c: Chat) =>
  c.fake
    .callsTo('chat.postMessage')
    .map(
      (call) => call.args as { text: string; thread_ts?: string; blocks?: { type: string; text?: { text: string } }[] },
    );
const questionPosts = (c: Chat) => posted(c).filter((p) => p.blocks?.[0]?.type === 'header');

/** Drives one short chat; `deliver` sends an event the way the mode does. */
async function runChat(
  c: Chat,
  deliver: {
    say: (user: string, text: string, threadTs?: string) => Promise<string>;
    edit: (ts: string, user: string, text: string) => Promise<void>;
    remove: (ts: string, threadTs?: string) => Promise<void>;
    command: (user: string, text: string) => Promise<void>;
  },
) {
  await deliver.command('UHOST', 'start demo');
  await waitFor(() => posted(c).some((p) => p.text.startsWith('Welcome to #CommunityChat')), 'the welcome');
  await waitFor(
    () => c.fake.callsTo('chat.postEphemeral').some((e) => e.args.text === 'Started "Community Chat (demo)".'),
    'the start reply',
  );

  await c.clock.advance(15_000); // Q1
  await waitFor(() => questionPosts(c).length === 1, 'Q1');
  const q1Ts = String(c.fake.history.get('C1')!.find((m) => m.text.startsWith('Q1:'))!.ts);
  const hello = await deliver.say('U1', 'hello everyone');
  await deliver.say('U1', 'A1: Listen first &lt;3');
  await deliver.say('U2', 'Reply every time', q1Ts); // a thread reply to Q1 answers it
  await waitFor(() => c.fake.callsTo('reactions.add').length === 2, 'two acknowledgements');
  await waitFor(() => posted(c).filter((p) => p.thread_ts).length >= 2, 'first-timer welcomes');

  await deliver.edit(hello, 'U1', 'A1: edited into an answer');
  await waitFor(() => c.fake.callsTo('reactions.add').length === 3, 'the edit acknowledged');

  await c.clock.advance(20_000); // Q2
  await waitFor(() => questionPosts(c).length === 2, 'Q2');
  const late = await deliver.say('U2', 'A2: this one gets deleted');
  await waitFor(() => c.store.messages.get(`slack:T0001:C1:${late}`) !== undefined, 'the answer stored');
  await deliver.remove(late);
  await waitFor(() => c.store.messages.get(`slack:T0001:C1:${late}`)?.deleted_at != null, 'the delete');

  await deliver.command('U3', 'end');
  await waitFor(
    () => c.fake.callsTo('chat.postEphemeral').some((e) => String(e.args.text).startsWith('Only hosts can end')),
    'the refusal',
  );
  expect(posted(c).some((p) => p.text.startsWith("That's a wrap"))).toBe(false);

  await deliver.command('UHOST', 'end');
  await waitFor(() => c.ended.length === 1, 'the chat to end');
}

function expectFinished(c: Chat) {
  expect(questionPosts(c).map((p) => p.blocks![0]!.text!.text)).toEqual(['Q1 #CommunityChat', 'Q2 #CommunityChat']);
  expect(questionPosts(c)[0]!.text).toContain('Q1: How do you build real relationships on social media?');
  const rows = c.store.messages.forSession(1);
  const where = Object.fromEntries(rows.map((r) => [r.text, [r.question_number, r.deleted_at !== null]]));
  expect(where).toMatchObject({
    'A1: edited into an answer': [1, false],
    'A1: Listen first <3': [1, false],
    'Reply every time': [1, false],
    'A2: this one gets deleted': [2, true],
  });
  expect(c.fake.callsTo('reactions.add').every((r) => r.args.name === 'clap')).toBe(true);
  const thanks = posted(c).find((p) => p.text.startsWith('Thank you, everyone'))!;
  expect(thanks.text).toContain('<@U1>');
  expect(thanks.text).toContain('<@U2>');
  expect(thanks.text).not.toContain('<@UHOST>');
  expect(
    posted(c).some((p) =>
      p.text.startsWith('📋 Community Chat (demo) #CommunityChat recap: 2 participants, 3 answers'),
    ),
  ).toBe(true);
  expect(
    c.fake.calls.filter((call) => call.method !== 'response_url' && !/^(xoxb|xapp)-test-token$/.test(call.token ?? '')),
  ).toEqual([]);
  // Four answers were acknowledged, each once: A1, the thread reply, the edit, and A2 before its deletion.
  expect(c.fake.callsTo('reactions.add')).toHaveLength(4);
}

describe('a whole chat through real Bolt against a local Slack', () => {
  it('Socket Mode: ordered questions, channel/thread answers, edits, deletes, refusals, thanks, recap', async () => {
    const c = (chat = await startSlackChat('socket'));
    const envelopes: string[] = [];
    await runChat(c, {
      say: async (user, text, threadTs) => {
        const message = c.fake.userSays({ channel: 'C1', user, text, threadTs });
        return message.ts;
      },
      edit: async (ts, user, text) => {
        envelopes.push(
          c.fake.sendEvent({
            type: 'message',
            subtype: 'message_changed',
            channel: 'C1',
            ts: c.fake.nextTs(),
            message: { type: 'message', user, text, ts, edited: { user, ts: c.fake.nextTs() } },
          }),
        );
      },
      remove: async (ts) => {
        envelopes.push(
          c.fake.sendEvent({
            type: 'message',
            subtype: 'message_deleted',
            channel: 'C1',
            ts: c.fake.nextTs(),
            deleted_ts: ts,
            previous_message: { type: 'message', user: 'U2', text: 'x', ts },
          }),
        );
      },
      command: async (user, text) => {
        envelopes.push(c.fake.slashCommand({ channel: 'C1', user, text }));
      },
    });
    expectFinished(c);
    await waitFor(() => envelopes.every((id) => c.fake.acks.has(id)), 'every envelope acknowledged');
  });

  it('HTTP mode: the same chat through signed Events API requests; bad and stale signatures are refused', async () => {
    const c = (chat = await startSlackChat('http'));
    const event = async (body: Record<string, unknown>, retryNum?: number) => {
      const response = await FakeSlack.postSigned(c.eventsUrl(), c.fake.eventCallback(body), SIGNING_SECRET, {
        retryNum,
      });
      expect(response.status).toBe(200);
    };
    await runChat(c, {
      say: async (user, text, threadTs) => {
        const message = c.fake.userSaysOffline({ channel: 'C1', user, text, threadTs });
        await event({ ...message, channel_type: 'channel', event_ts: message.ts });
        // Slack redelivers when it thinks we were slow: the same event must not count twice.
        await event({ ...message, channel_type: 'channel', event_ts: message.ts }, 1);
        return message.ts;
      },
      edit: (ts, user, text) =>
        event({
          type: 'message',
          subtype: 'message_changed',
          channel: 'C1',
          ts: c.fake.nextTs(),
          message: { type: 'message', user, text, ts, edited: { user, ts: c.fake.nextTs() } },
        }),
      remove: (ts) =>
        event({ type: 'message', subtype: 'message_deleted', channel: 'C1', ts: c.fake.nextTs(), deleted_ts: ts }),
      command: async (user, text) => {
        const form = new URLSearchParams({
          token: 'x',
          team_id: 'T0001',
          channel_id: 'C1',
          user_id: user,
          command: '/emcee',
          text,
          response_url: 'http://127.0.0.1:9/unused',
          trigger_id: 't',
        }).toString();
        const response = await FakeSlack.postSigned(c.eventsUrl(), undefined, SIGNING_SECRET, {
          raw: form,
          contentType: 'application/x-www-form-urlencoded',
        });
        expect(response.status).toBe(200);
      },
    });
    expectFinished(c);

    const body = c.fake.eventCallback({
      type: 'message',
      channel: 'C1',
      user: 'U1',
      text: 'A1: forged',
      ts: c.fake.nextTs(),
    });
    expect((await FakeSlack.postSigned(c.eventsUrl(), body, 'not-the-secret')).status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 10 * 60;
    expect((await FakeSlack.postSigned(c.eventsUrl(), body, SIGNING_SECRET, { timestamp: stale })).status).toBe(401);
  });
});
