import { afterEach, describe, expect, it } from 'vitest';
import { loadScript } from '../../src/script/load-script.js';
import { planTimeline } from '../../src/script/timeline.js';
import { CLOSE_GRACE_MS } from '../../src/session/session-runner.js';
import { waitFor } from '../support/wait-for.js';
import { startSlackEngine } from './slack-engine-rig.js';

const CHANNEL = 'slack:T0001:C1';
let stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.reverse()) await stop();
  stops = [];
});

/**
 * The whole engine behind the real Bolt, against the fake Slack, with the thanks' grace as in production. The
 * chat's clock starts at the real time, so what people write while the socket is down carries chat-time stamps.
 */
async function slackChat() {
  const rewrites: number[] = [];
  const rig = await startSlackEngine({ onRecapChanged: async (session) => void rewrites.push(session.id) });
  stops.push(rig.stop);
  const { fake, clock, store, router: host } = rig;
  const script = loadScript(new URL('../../prompts/weekly-chat.yaml', import.meta.url).pathname);
  const start = clock.now();
  const runner = await host.startSession({ script, community: 'slack:T0001', channel: CHANNEL });
  const plan = planTimeline(script);
  /** A message written at chat time `at` while the socket is down: it lands only in the channel's history. */
  const writtenWhileDown = (user: string, text: string, at: number) =>
    fake.userSaysOffline({ channel: 'C1', user, text, ts: (at / 1000).toFixed(6) });
  const outage = async (during: () => Promise<void>) => {
    fake.refuseSockets();
    fake.cutSockets();
    await during();
    fake.refuseSockets(false);
  };
  const stored = (text: string) => store.messages.forSession(runner.id).find((m) => m.text === text);
  return { fake, clock, store, runner, plan, start, writtenWhileDown, outage, stored, rewrites };
}

describe('a dropped Slack connection loses nothing, and places answers by when they were written', () => {
  it('answers written during Q3 that arrive after Q4 (a reconnect between) count for Q3, not late', async () => {
    const c = await slackChat();
    await c.clock.advanceTo(c.start + c.plan.questionOffsets[2]! + 60_000); // Q3 open
    await c.outage(async () => {
      c.writtenWhileDown('U1', 'A3: written while Q3 was open', c.clock.now());
      await c.clock.advanceTo(c.start + c.plan.questionOffsets[3]! + 1000); // Q4 posted meanwhile
    });
    await waitFor(() => c.stored('A3: written while Q3 was open') !== undefined, 'the catch-up', 15_000);
    expect(c.stored('A3: written while Q3 was open')).toMatchObject({ question_number: 3, late: 0, open_question: 3 });
    await waitFor(() => [...c.fake.reactions.values()].flat().length > 0, 'the acknowledgement');
  });

  it('answers written just before the closing post that arrive 2.6 s after it are counted in the thanks', async () => {
    const c = await slackChat();
    const closing = c.start + c.plan.closingOffset;
    await c.clock.advanceTo(closing - 5000);
    await c.outage(async () => {
      c.writtenWhileDown('U1', 'A6: one, 1.8 s before the close', closing - 1800);
      c.writtenWhileDown('U2', 'A6: two, 0.8 s before the close', closing - 800);
      await c.clock.advanceTo(closing + 2600); // the closing post goes out; the thanks wait for the grace
    });
    await waitFor(() => c.stored('A6: two, 0.8 s before the close') !== undefined, 'the catch-up', 15_000);
    expect(c.stored('A6: one, 1.8 s before the close')).toMatchObject({ question_number: 6, late: 0 });
    await c.clock.advanceTo(closing + CLOSE_GRACE_MS);
    await c.runner.done;
    const thanks = c.fake.history.get('C1')!.filter((m) => m.text?.includes('<@U1>') && m.text.includes('<@U2>'));
    expect(thanks).toHaveLength(1);
    const thanked = c.store.thanks.forSession(c.runner.id).map((t) => [t.user_id, t.answers]);
    expect(thanked).toEqual(
      expect.arrayContaining([
        ['slack:T0001:U1', 1],
        ['slack:T0001:U2', 1],
      ]),
    );
    expect(c.rewrites).toEqual([]);
  });

  it('an answer written before the close arriving after the thanks is stored, acknowledged, in the recap', async () => {
    const c = await slackChat();
    const closing = c.start + c.plan.closingOffset;
    await c.clock.advanceTo(closing - 5000);
    await c.outage(async () => {
      c.writtenWhileDown('U3', 'A6: very late, written before the close', closing - 1000);
      await c.clock.advanceTo(closing + CLOSE_GRACE_MS); // thanks and recap happen before the reconnect
      await c.runner.done;
    });
    await waitFor(() => c.stored('A6: very late, written before the close') !== undefined, 'the catch-up', 15_000);
    expect(c.stored('A6: very late, written before the close')).toMatchObject({ question_number: 6, late: 0 });
    await waitFor(() => [...c.fake.reactions.values()].flat().length > 0, 'the acknowledgement');
    await c.clock.advance(5000);
    expect(c.rewrites).toEqual([c.runner.id]);
  });
});
