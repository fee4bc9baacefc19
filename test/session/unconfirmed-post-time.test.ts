import { describe, expect, it } from 'vitest';
import { ChatRouter } from '../../src/chat-router.js';
import { silentLogger } from '../../src/log.js';
import { planTimeline } from '../../src/script/timeline.js';
import { CHANNEL, COMMUNITY, createHarness } from '../support/chat-harness.js';
import { RecordingPlatform } from '../support/recording-platform.js';

const MINUTE = 60_000;

describe('a question that went out just before a crash, confirmed at the restart', () => {
  it('counts as asked when it went out: an answer written to it while the bot was down is attributed', async () => {
    const h = createHarness();
    const start = h.clock.now();
    const plan = planTimeline(h.script);
    await h.start();
    await h.clock.advanceTo(start + plan.questionOffsets[1]! + MINUTE); // Q2 open
    await h.host.stop();
    const session = h.store.sessions.unfinished()[0]!;
    // The old process sent Q3 and died before recording the confirmation.
    await h.clock.advanceTo(start + plan.questionOffsets[2]!);
    const askedAt = h.clock.now();
    h.store.sessions.update(session.id, { step: 3, step_started_at: askedAt, step_deadline: askedAt + 8 * MINUTE });
    const q3 = 'Q3: How quickly should a brand answer a mention? #CommunityChat';
    h.store.posts.recordPending({
      sessionId: session.id,
      purpose: 'question:3',
      kind: 'question',
      questionNumber: 3,
      text: q3,
      now: askedAt,
    });
    await h.platform.post(CHANNEL, { kind: 'question', text: `${q3}\nReply with A3: …` });
    // While it is down, Bea answers Q3 in the channel; the bot comes back two minutes later.
    await h.clock.advance(MINUTE);
    const answer = { id: `${CHANNEL}:down-bea`, channel: CHANNEL, community: COMMUNITY, text: 'A3: while down' };
    h.platform.history.push({ ...answer, author: h.person('bea'), ts: h.clock.now() });
    await h.clock.advance(2 * MINUTE);

    const platform = new RecordingPlatform(h.clock);
    platform.history.push(...h.platform.history);
    platform.posts.push(...h.platform.posts);
    const host = new ChatRouter({ store: h.store, platform, clock: h.clock, log: silentLogger });
    const [report] = await host.recover(COMMUNITY);

    expect(report).toMatchObject({ confirmed: 1, backfilled: 1 });
    expect(h.store.posts.get(session.id, 'question:3')).toMatchObject({ state: 'sent', sent_at: askedAt });
    expect(h.store.messages.get(answer.id)).toMatchObject({ question_number: 3, reason: null });
    await host.stop();
  });
});
