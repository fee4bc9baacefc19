import { describe, expect, it } from 'vitest';
import { planTimeline } from '../../src/script/timeline.js';
import { CLOSE_GRACE_MS } from '../../src/session/session-runner.js';
import { createHarness, CHANNEL } from '../support/chat-harness.js';

const MINUTE = 60_000;

describe('a one-hour chat on a fake clock', () => {
  it('posts the welcome, every question on its planned minute, and closes with thanks', async () => {
    const h = createHarness();
    const start = h.clock.now();
    const runner = await h.start();
    const plan = planTimeline(h.script);

    // Three people answer every question a minute after it is posted; one only chats.
    for (let q = 1; q <= h.script.questions.length; q++) {
      await h.clock.advanceTo(start + plan.questionOffsets[q - 1]! + MINUTE);
      await h.say('ana', `A${q}: answer ${q} from ana`);
      await h.say('li_wei', `#CommunityChat a${q}) li's take on ${q}`);
      await h.say('omar', `@community_host A${q} - omar thinks ${q}`);
      if (q === 2) await h.say('quiet_kim', 'Loving this chat');
    }
    await h.clock.advanceTo(start + 60 * MINUTE);
    await runner.done;

    const questions = h.platform.ofKind('question');
    expect(questions.map((p) => p.message.question?.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(questions.map((p) => p.at - start)).toEqual(plan.questionOffsets);
    expect(questions[0]!.message.text).toContain(
      'Q1: How do you build real relationships on social media? #CommunityChat',
    );
    expect(questions[0]!.message.text).toContain('Reply with A1: … and add #CommunityChat');
    expect(h.platform.ofKind('opening')[0]!.at).toBe(start);

    const rows = h.store.messages.forSession(runner.id);
    expect(rows.filter((r) => r.question_number !== null)).toHaveLength(18);
    expect(rows.every((r) => r.author_name === 'quiet_kim' || r.question_number !== null)).toBe(true);
    expect(h.platform.reactions).toHaveLength(18);

    const thanks = h.platform.ofKind('thanks');
    expect(thanks.length).toBe(1);
    const text = thanks[0]!.message.text;
    for (const name of ['ana', 'li_wei', 'omar', 'quiet_kim']) expect(text).toContain(`<@test:U-${name}>`);
    expect(text).toContain('6 answers');
    expect(thanks[0]!.message.mentions).toHaveLength(4);
    // The thanks wait a short grace after the closing post for answers still on their way.
    expect(thanks[0]!.at - start).toBe(plan.closingOffset + CLOSE_GRACE_MS);
    expect(h.ended).toEqual([runner.id]);
    expect(h.store.sessions.get(runner.id)!.state).toBe('ended');
  });

  it('never thanks two people in a row with the same words', async () => {
    const h = createHarness();
    const runner = await h.start();
    await h.clock.advance(6 * MINUTE);
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) await h.say(name, 'A1: yes');
    await runner.end();
    await h.clock.advance(CLOSE_GRACE_MS);
    const lines = h.platform.ofKind('thanks')[0]!.message.text.split('\n').slice(1);
    expect(lines).toHaveLength(7);
    const shapes = lines.map((line) => line.replace(/<@[^>]+>/g, '@'));
    for (let i = 1; i < shapes.length; i++) expect(shapes[i]).not.toBe(shapes[i - 1]);
  });

  it('welcomes a first-timer once, ever, in this community', async () => {
    const h = createHarness();
    const first = await h.start();
    await h.say('ana', 'Hello from Milan!');
    await h.say('ana', 'Still here');
    await first.end();
    await h.clock.advance(CLOSE_GRACE_MS);
    await first.done;
    const second = await h.start();
    await h.say('ana', 'Back again');
    await h.say('bea', 'First time here');
    await second.end();
    await h.clock.advance(CLOSE_GRACE_MS);
    const welcomes = h.platform.ofKind('first-timer');
    expect(welcomes.map((w) => w.message.mentions)).toEqual([['test:U-ana'], ['test:U-bea']]);
    expect(welcomes[0]!.message.text).toContain('<@test:U-ana>');
    expect(welcomes[0]!.replyTo).toBe(`${CHANNEL}:m1`);
  });
});

describe('host controls', () => {
  it('pause freezes the clock, resume restarts it, extend adds minutes, skip posts the next question now', async () => {
    const h = createHarness();
    const start = h.clock.now();
    await h.start();
    await h.clock.advanceTo(start + 6 * MINUTE); // Q1 open since minute 5, due to close at 13
    expect(h.status().openQuestion).toBe(1);

    const host = h.person('community_host', { isHost: true });
    const cmd = (name: string, args: string[] = []) =>
      h.host.handleCommand({ channel: CHANNEL, community: 'test:community', by: host, name, args });

    expect((await cmd('pause')).ok).toBe(true);
    await h.clock.advance(30 * MINUTE);
    expect(h.platform.ofKind('question')).toHaveLength(1);
    expect(h.status().timeLeftMs).toBe(7 * MINUTE);
    expect((await cmd('pause')).ok).toBe(false);

    expect((await cmd('resume')).ok).toBe(true);
    expect((await cmd('extend', ['3'])).ok).toBe(true);
    await h.clock.advance(9 * MINUTE + 59_000);
    expect(h.platform.ofKind('question')).toHaveLength(1);
    await h.clock.advance(1000);
    expect(h.platform.ofKind('question')).toHaveLength(2);

    const beforeSkip = h.clock.now();
    expect((await cmd('skip')).ok).toBe(true);
    const q3 = h.platform.ofKind('question')[2]!;
    expect(q3.message.question?.number).toBe(3);
    expect(q3.at).toBe(beforeSkip);
    // Q3 now runs its full eight minutes from the skip.
    await h.clock.advance(8 * MINUTE - 1);
    expect(h.platform.ofKind('question')).toHaveLength(3);
    await h.clock.advance(1);
    expect(h.platform.ofKind('question')).toHaveLength(4);

    expect((await cmd('status')).text).toMatch(/Q4 of 6, 8:00 left/);
    expect((await cmd('end')).ok).toBe(true);
    expect(h.platform.ofKind('closing')).toHaveLength(1);
    expect(h.platform.ofKind('question')).toHaveLength(4);
    expect((await cmd('end')).ok).toBe(false);
  });

  it('refuses controls from anyone but a host, and changes nothing', async () => {
    const h = createHarness();
    await h.start();
    const reply = await h.host.handleCommand({
      channel: CHANNEL,
      community: 'test:community',
      by: h.person('mallory'),
      name: 'end',
      args: [],
    });
    expect(reply).toEqual({ ok: false, text: expect.stringContaining('Only hosts can end') });
    expect(h.platform.ofKind('closing')).toHaveLength(0);
    expect(h.status().state).toBe('running');
  });
});

describe('/emcee recap', () => {
  it('says where the last recap is, and that a running chat has none yet', async () => {
    const h = createHarness();
    const ask = () =>
      h.host.handleCommand({
        channel: CHANNEL,
        community: 'test:community',
        by: h.person('anyone'),
        name: 'recap',
        args: [],
      });
    expect((await ask()).text).toBe('No chat has finished in this channel yet.');
    const runner = await h.start();
    expect((await ask()).text).toBe('The recap comes as soon as this chat ends.');
    await h.clock.advance(6 * 60_000);
    await h.say('ana', 'A1: yes');
    await runner.end();
    await h.clock.advance(CLOSE_GRACE_MS);
    expect((await ask()).text).toBe(`Community Chat (session ${runner.id}): 1 answer from 1 person.`);
  });
});
