import { CLOSE_GRACE_MS } from '../../src/session/session-runner.js';
import { describe, expect, it } from 'vitest';
import { ChatRouter } from '../../src/chat-router.js';
import { silentLogger } from '../../src/log.js';
import { planTimeline } from '../../src/script/timeline.js';
import { createHarness, CHANNEL, COMMUNITY } from '../support/chat-harness.js';
import { RecordingPlatform } from '../support/recording-platform.js';

const MINUTE = 60_000;

/** Runs a chat, "crashes" it (timers gone, nothing ended), and returns what a restart needs. */
async function crashDuringQ2() {
  const h = createHarness();
  const start = h.clock.now();
  const plan = planTimeline(h.script);
  await h.start();
  await h.clock.advanceTo(start + plan.questionOffsets[1]! + MINUTE); // Q2 open
  await h.say('ana', 'A2: before the crash');
  await h.host.stop(); // the process dies: no timers, session left running in the store
  return { h, start, plan };
}

function restart(h: ReturnType<typeof createHarness>) {
  const platform = new RecordingPlatform(h.clock);
  platform.history.push(...h.platform.history);
  // The new process's platform still shows what the old one posted.
  platform.posts.push(...h.platform.posts);
  const host = new ChatRouter({ store: h.store, platform, clock: h.clock, log: silentLogger });
  return { host, platform };
}

describe('recovery after a crash', () => {
  it('posts the overdue question at once, backfills answers sent while down, and posts nothing twice', async () => {
    const { h, start, plan } = await crashDuringQ2();
    const q2 = h.platform.ofKind('question')[1]!;
    // While the bot is down: an answer, a thread reply to Q2, and a redelivery of a known message.
    const down = (name: string, text: string, at: number, replyTo?: string) =>
      h.platform.history.push({
        id: `${CHANNEL}:down-${name}-${at}`,
        channel: CHANNEL,
        community: COMMUNITY,
        author: h.person(name),
        text,
        ts: at,
        ...(replyTo ? { replyTo } : {}),
      });
    down('bea', 'A2: sent while the bot was down', start + plan.questionOffsets[1]! + 2 * MINUTE);
    down('cy', 'Thread reply while down', start + plan.questionOffsets[1]! + 3 * MINUTE, q2.address);
    await h.clock.advanceTo(start + plan.questionOffsets[2]! + 4 * MINUTE); // Q3 was due 4 minutes ago

    const { host, platform } = restart(h);
    const [report] = await host.recover(COMMUNITY, 'resume');
    expect(report).toMatchObject({ backfilled: 2, caughtUp: 'resume', resent: 0 });

    const questions = platform.ofKind('question').map((p) => p.message.question?.number);
    expect(questions).toEqual([1, 2, 3]);
    const q3 = platform.ofKind('question')[2]!;
    expect(q3.at).toBe(h.clock.now());

    const rows = h.store.messages.forSession(report!.sessionId);
    expect(rows.map((r) => [r.author_name, r.question_number, r.late])).toEqual([
      ['ana', 2, 0],
      ['bea', 2, 0],
      ['cy', 2, 0],
    ]);
    // Q4 follows Q3's full window from the catch-up.
    await h.clock.advance(8 * MINUTE);
    expect(platform.ofKind('question').map((p) => p.message.question?.number)).toEqual([1, 2, 3, 4]);
    await host.handleCommand({
      channel: CHANNEL,
      community: COMMUNITY,
      by: h.person('host', { isHost: true }),
      name: 'end',
      args: [],
    });
    await h.clock.advance(CLOSE_GRACE_MS);
    expect(platform.ofKind('closing')).toHaveLength(1);
    expect(platform.ofKind('thanks')[0]!.message.text).toContain('<@test:U-bea>');
  });

  it('confirms a post that went out just before the crash instead of sending it again', async () => {
    const { h, start, plan } = await crashDuringQ2();
    const runnerRow = h.store.sessions.unfinished()[0]!;
    // The old process sent Q3 and died before recording the confirmation.
    await h.clock.advanceTo(start + plan.questionOffsets[2]!);
    h.store.sessions.update(runnerRow.id, {
      step: 3,
      step_started_at: h.clock.now(),
      step_deadline: h.clock.now() + 8 * MINUTE,
    });
    const q3Text = 'Q3: How quickly should a brand answer a mention? #CommunityChat';
    h.store.posts.recordPending({
      sessionId: runnerRow.id,
      purpose: 'question:3',
      kind: 'question',
      questionNumber: 3,
      text: q3Text,
      now: h.clock.now(),
    });
    await h.platform.post(CHANNEL, { kind: 'question', text: `${q3Text}\nReply with A3: …` });

    const { host, platform } = restart(h);
    const [report] = await host.recover(COMMUNITY);
    expect(report).toMatchObject({ confirmed: 1, resent: 0, caughtUp: 'on-time' });
    expect(platform.posts.filter((p) => p.message.text.startsWith('Q3:'))).toHaveLength(1);
    expect(h.store.posts.get(runnerRow.id, 'question:3')).toMatchObject({ state: 'sent' });
  });

  it('compress: the remaining questions share what is left, and the chat still ends on time', async () => {
    const { h, start, plan } = await crashDuringQ2();
    await h.clock.advanceTo(start + plan.questionOffsets[2]! + 10 * MINUTE);
    const { host, platform } = restart(h);
    await host.recover(COMMUNITY, 'compress');
    await h.clock.advanceTo(start + plan.closingOffset);
    expect(platform.ofKind('question').map((p) => p.message.question?.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(platform.ofKind('closing')).toHaveLength(1);
    expect(Math.abs(platform.ofKind('closing')[0]!.at - (start + plan.closingOffset))).toBeLessThanOrEqual(1000);
  });

  it('close: an overdue chat goes straight to thanks', async () => {
    const { h, start, plan } = await crashDuringQ2();
    await h.clock.advanceTo(start + plan.questionOffsets[2]! + MINUTE);
    const { host, platform } = restart(h);
    const [report] = await host.recover(COMMUNITY, 'close');
    await h.clock.advance(CLOSE_GRACE_MS);
    expect(report!.caughtUp).toBe('close');
    expect(platform.ofKind('question')).toHaveLength(2);
    expect(platform.ofKind('thanks')[0]!.message.text).toContain('<@test:U-ana>');
    expect(h.store.sessions.get(report!.sessionId)!.state).toBe('ended');
  });
});
