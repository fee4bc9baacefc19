import { describe, expect, it } from 'vitest';
import { ChatRouter } from '../../src/chat-router.js';
import { silentLogger } from '../../src/log.js';
import { type LiveEvent, LiveFeed, type LiveMessage, type LiveStep } from '../../src/service/live-feed.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { ManualClock } from '../../src/time/manual-clock.js';
import { capturingLogger } from '../support/capturing-logger.js';
import { RecordingPlatform } from '../support/recording-platform.js';
import { waitFor } from '../support/wait-for.js';
import { shippedScript } from '../support/write-test-script.js';

const CHANNEL = 'test:C1';
const ana = { id: 'test:U-ana', displayName: 'ana', isBot: false, isHost: false };

function message(n: number, text: string, ts: number) {
  return { id: `${CHANNEL}:m${n}`, channel: CHANNEL, community: 'c', author: ana, text, ts };
}

describe('the live feed', () => {
  it('tells every listener in order, until it unsubscribes', () => {
    const feed = new LiveFeed(silentLogger);
    const seen: string[] = [];
    const stop = feed.subscribe((event) => seen.push(`a:${event.kind}`));
    feed.subscribe((event) => seen.push(`b:${event.kind}`));
    const welcome = { kind: 'welcomed', sessionId: 1, channel: CHANNEL, series: 's', rehearsal: false, authorId: 'u' };
    feed.publish(welcome as LiveEvent);
    stop();
    feed.publish(welcome as LiveEvent);
    expect(seen).toEqual(['a:welcomed', 'b:welcomed', 'b:welcomed']);
    expect(feed.listenerCount).toBe(1);
  });

  it('logs a listener that throws and still tells the others; the publisher never sees the error', () => {
    const log = capturingLogger();
    const feed = new LiveFeed(log);
    const seen: string[] = [];
    feed.subscribe(() => {
      throw new Error('a broken console');
    });
    feed.subscribe((event) => seen.push(event.kind));
    const event = { kind: 'welcomed', sessionId: 1, channel: CHANNEL, series: 's', rehearsal: false, authorId: 'u' };
    expect(() => feed.publish(event as LiveEvent)).not.toThrow();
    expect(seen).toEqual(['welcomed']);
    expect(log.lines).toEqual(['warn A live-feed listener failed; the chat goes on']);
  });

  it('carries a real chat: steps with their deadlines, answers with their question, welcomes', async () => {
    const clock = new ManualClock();
    const store = ChatStore.open(':memory:');
    const platform = new RecordingPlatform(clock);
    const live = new LiveFeed(silentLogger);
    const events: LiveEvent[] = [];
    live.subscribe((event) => events.push(event));
    const router = new ChatRouter({ store, clock, log: silentLogger, platform, closeGraceMs: 0, live });
    const script = shippedScript('demo');
    await router.startSession({ script, community: 'c', channel: CHANNEL });
    const steps = () => events.filter((e): e is LiveStep => e.kind === 'step');
    expect(steps().map((s) => s.change)).toEqual(['opening']);
    const opening = steps()[0]!;

    await clock.advance(20_000);
    const q1 = steps().at(-1)!;
    expect(q1).toMatchObject({ change: 'question', openQuestion: 1, questionText: script.questions[0]!.text });
    // Told when Q1 began, at the opening's deadline; the clock has moved past it since.
    expect(q1.deadline! - q1.timeLeftMs!).toBe(opening.deadline);
    expect(q1.series).toBe(script.id);

    await router.handleMessage(message(1, 'A1: <b>hello</b>', clock.now()));
    await router.handleMessage(message(1, 'A1: <b>hello</b>', clock.now())); // a redelivery: told once
    const answers = events.filter((e): e is LiveMessage => e.kind === 'message');
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({
      address: `${CHANNEL}:m1`,
      author: { id: ana.id, name: 'ana' },
      text: 'A1: <b>hello</b>',
      question: 1,
      firstTime: true,
      late: false,
      fromHost: false,
      channel: CHANNEL,
    });
    await waitFor(() => events.some((e) => e.kind === 'welcomed'), 'the welcome');
    expect(events.find((e) => e.kind === 'welcomed')).toMatchObject({
      authorId: ana.id,
      sessionId: answers[0]!.sessionId,
    });

    const runner = router.runnerFor(CHANNEL)!;
    await clock.advance(1_000);
    const left = q1.deadline! - clock.now();
    await runner.pause();
    expect(steps().at(-1)).toMatchObject({ change: 'paused', state: 'paused', deadline: null, timeLeftMs: left });
    await runner.resume();
    expect(steps().at(-1)).toMatchObject({ change: 'resumed', state: 'running', deadline: clock.now() + left });
    await runner.extend(2);
    expect(steps().at(-1)).toMatchObject({ change: 'extended', timeLeftMs: left + 120_000 });
    await runner.skip();
    expect(steps().at(-1)).toMatchObject({ change: 'question', openQuestion: 2 });
    await runner.end();
    await runner.done;
    expect(
      steps()
        .slice(-2)
        .map((s) => s.change),
    ).toEqual(['closing', 'ended']);
    await router.stop();
  });
});
