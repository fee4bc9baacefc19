import { afterEach, describe, expect, it } from 'vitest';
import { capturingLogger } from '../support/capturing-logger.js';
import { waitFor } from '../support/wait-for.js';
import { startSlackAdapter } from './slack-adapter-harness.js';
import { RecordingInbound } from './recording-inbound.js';

type Rig = Awaited<ReturnType<typeof startSlackAdapter>>;
let rig: Rig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const question = { number: 1, text: 'Why?', hashtag: '#C', hint: 'A1', openThread: true };

describe('a Socket Mode socket reopened after an outage catches up from history', () => {
  it('an abrupt cut: what was said meanwhile, in the channel and the question thread, arrives once', async () => {
    const log = capturingLogger();
    const inbound = new RecordingInbound();
    const r = (rig = await startSlackAdapter('socket', inbound, {}, log));
    const posted = await r.adapter.post(r.adapter.defaultChannel, { kind: 'question', text: 'Q1: Why? #C', question });
    const q1 = r.fake.history.get('C1')!.at(-1)!;
    r.fake.userSays({ channel: 'C1', user: 'U1', text: 'A1: live, before the cut' });
    await waitFor(() => inbound.messages.length === 1, 'the live answer');

    r.fake.refuseSockets();
    r.fake.cutSockets();
    await waitFor(() => log.lines.some((line) => line.includes('connection lost')), 'the loss noticed');
    r.fake.userSaysOffline({ channel: 'C1', user: 'U2', text: 'A1: in the channel while down' });
    r.fake.userSaysOffline({ channel: 'C1', user: 'U1', text: 'A1: in the thread while down', threadTs: q1.ts });
    // Also sent as an event while no socket was open: Slack's retry and the history both bring it.
    r.fake.userSays({ channel: 'C1', user: 'U2', text: 'A1: retried by Slack too' });
    r.fake.refuseSockets(false);

    const caughtUp = () => log.lines.some((line) => line.includes('caught up after the reconnect'));
    await waitFor(caughtUp, 'the catch-up', 10_000);
    await waitFor(() => inbound.messages.length === 4, 'every answer');
    // A later live message: any duplicate of the catch-up would have been delivered before it.
    r.fake.userSays({ channel: 'C1', user: 'U1', text: 'later, live' });
    await waitFor(() => inbound.messages.some((m) => m.text === 'later, live'), 'a later live message');
    const texts = inbound.messages
      .map((m) => m.text)
      .filter((text) => text !== 'later, live')
      .sort();
    expect(texts).toEqual(
      [
        'A1: live, before the cut',
        'A1: in the channel while down',
        'A1: in the thread while down',
        'A1: retried by Slack too',
      ].sort(),
    );
    const inThread = inbound.messages.find((m) => m.text === 'A1: in the thread while down')!;
    expect(inThread.replyTo).toBe(posted.address);
    // The platform's own time, not the time of the catch-up.
    const stored = r.fake.history.get('C1')!.find((m) => m.text === 'A1: in the thread while down')!;
    expect(inThread.ts).toBe(Math.round(Number(stored.ts) * 1000));

    const info = log.lines.filter((line) => line.startsWith('info Slack'));
    expect(info.filter((line) => line.includes('connection lost'))).toEqual([
      'info Slack connection lost (the socket was cut without a close frame or an error message); reconnecting',
    ]);
    const back = /connection back after \d+\.\d s on a new session \(Socket Mode opened a new socket\)/;
    expect(info.some((line) => back.test(line))).toBe(true);
    expect(info.some((line) => /caught up after the reconnect: 2 missed message\(s\) handed on/.test(line))).toBe(true);
    // No error or warning line without its message (Bolt used to log "WebSocket error occurred: " twice).
    expect(log.lines.filter((line) => /^(error|warn) .*(:\s*|SMWebsocketError)$/.test(line))).toEqual([]);
    expect(log.lines.filter((line) => /^(error|warn) /.test(line))).toEqual([]);
  });

  it('a refresh Slack asks for reads no history: Slack sends again what it could not deliver', async () => {
    const log = capturingLogger();
    const inbound = new RecordingInbound();
    const r = (rig = await startSlackAdapter('socket', inbound, {}, log));
    r.fake.dropSockets();
    await waitFor(() => log.lines.some((line) => line.includes('connection back')), 'the new socket', 10_000);
    expect(log.lines.filter((line) => line.startsWith('info Slack'))).toEqual([
      'info Slack connection lost (Slack asked for a new socket: refresh_requested); reconnecting',
      expect.stringMatching(/^info Slack connection back after \d+\.\d s; Slack sends again what it could not deliver/),
    ]);
    // Only the channel check at start-up: the refresh itself reads no history.
    expect(r.fake.callsTo('conversations.history')).toHaveLength(1);
  });
});
