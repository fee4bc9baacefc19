import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import type { InboundMessage } from '../../src/port.js';
import type { AnswerIntake } from '../../src/session/answer-intake.js';
import { backfillHistory } from '../../src/session/history-backfill.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { FakeSlack } from '../fakes/slack/fake-slack.js';
import { startSlackAdapter } from './slack-adapter-harness.js';
import { RecordingInbound } from './recording-inbound.js';

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

const question = { number: 1, text: 'Why?', hashtag: '#C', hint: 'A1', openThread: true };
const slackTs = (ms: number) => (ms / 1000).toFixed(6);

describe("a restart's backfill reads the questions' threads", () => {
  it('an answer in the thread of a question asked long before the last known message is backfilled', async () => {
    const fake = new FakeSlack();
    await fake.start();
    cleanup.push(() => fake.stop());
    fake.addUser({ id: 'U1', name: 'ana', display: 'Ana' });
    fake.addUser({ id: 'U2', name: 'bea', display: 'Bea' });
    const store = ChatStore.open(':memory:');
    cleanup.push(async () => store.close());

    // Before the crash: Q1 is asked and an answer arrives two minutes later (the last message the store knows).
    const first = await startSlackAdapter('socket', new RecordingInbound(), {}, silentLogger, undefined, fake);
    const asked = { kind: 'question' as const, text: 'Q1: Why? #C', question };
    const posted = await first.adapter.post(first.adapter.defaultChannel, asked);
    await first.stop();
    const askedAt = Math.round(Number(posted.address.split(':')[3]) * 1000);
    store.sessions.ensureCommunity('slack:T0001', 'slack', askedAt);
    const channel = first.adapter.defaultChannel;
    const sessionId = store.sessions.create({
      communityId: 'slack:T0001',
      channel,
      scriptId: 's',
      scriptJson: '{}',
      now: askedAt - 10_000,
    });
    store.posts.recordPending({
      sessionId,
      purpose: 'question:1',
      kind: 'question',
      questionNumber: 1,
      text: 'Q1: Why? #C',
      now: askedAt,
    });
    store.posts.confirm(sessionId, 'question:1', posted.address, askedAt);
    const lastKnown = askedAt + 120_000;
    store.messages.insert({
      address: `slack:T0001:C1:${slackTs(lastKnown)}`,
      session_id: sessionId,
      author_id: 'slack:T0001:U1',
      author_name: 'Ana',
      text: 'A1: known',
      ts: lastKnown,
      reply_to: null,
      from_host: 0,
      first_time: 1,
      open_question: 1,
      asked_questions: 1,
      question_number: 1,
      part: null,
      late: 0,
      via: null,
      reason: null,
      received_at: lastKnown,
    });

    // While down, Bea answers in Q1's thread, three minutes after Q1: after the backfill's start, Q1 before it.
    const questionTs = posted.address.split(':')[3]!;
    const answeredAt = askedAt + 180_000;
    fake.userSaysOffline({
      channel: 'C1',
      user: 'U2',
      text: 'A1: in the thread while down',
      threadTs: questionTs,
      ts: slackTs(answeredAt),
    });

    const second = await startSlackAdapter('socket', new RecordingInbound(), {}, silentLogger, undefined, fake);
    cleanup.push(() => second.stop());
    const handed: InboundMessage[] = [];
    const intake = { handleMessage: (message: InboundMessage) => void handed.push(message) } as unknown as AnswerIntake;
    const result = await backfillHistory(
      { store, platform: second.adapter, log: silentLogger },
      { id: sessionId, channel: second.adapter.defaultChannel, startedAt: askedAt - 10_000 },
      intake,
    );
    expect(result).toEqual({ backfilled: 1 });
    const got = handed.map((m) => [m.text, m.replyTo, m.ts]);
    expect(got).toEqual([['A1: in the thread while down', posted.address, answeredAt]]);
    expect(fake.callsTo('conversations.replies').map((call) => call.args.ts)).toEqual([questionTs]);
  });
});
