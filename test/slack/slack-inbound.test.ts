import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait-for.js';
import { RecordingInbound } from './recording-inbound.js';
import { postSigned, slackSignature } from '../fakes/slack/signed-request.js';
import { startSlackAdapter, TEST_SIGNING_SECRET } from './slack-adapter-harness.js';

type Running = Awaited<ReturnType<typeof startSlackAdapter>>;
let running: Running | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe.each(['socket', 'http'] as const)('Slack inbound through real Bolt (%s mode)', (mode) => {
  async function start() {
    const inbound = new RecordingInbound();
    running = await startSlackAdapter(mode, inbound);
    return { ...running, inbound };
  }

  it('a channel message and a thread reply become the InboundMessages the core expects', async () => {
    const { fake, deliver, inbound } = await start();
    const answer = fake.userSaysOffline({ channel: 'C1', user: 'U1', text: 'A1: listen first &lt;3 &amp; <@U2>' });
    await deliver(fake.messageEvent(answer));
    const reply = fake.userSaysOffline({ channel: 'C1', user: 'U2', text: 'agreed', threadTs: answer.ts });
    await deliver(fake.messageEvent(reply));
    await waitFor(() => inbound.messages.length === 2, 'two messages');

    expect(inbound.messages[0]).toEqual({
      id: `slack:T0001:C1:${answer.ts}`,
      channel: 'slack:T0001:C1',
      community: 'slack:T0001',
      author: { id: 'slack:T0001:U1', displayName: 'Ana', isBot: false, isHost: false },
      // Unescaped for the core; mentions stay in Slack's form.
      text: 'A1: listen first <3 & <@U2>',
      ts: Math.round(Number(answer.ts) * 1000),
    });
    expect(inbound.messages[1]).toEqual({
      // A thread reply's address carries its thread, so a reply to it lands in the same thread.
      id: `slack:T0001:C1:${reply.ts}:${answer.ts}`,
      channel: 'slack:T0001:C1',
      community: 'slack:T0001',
      author: { id: 'slack:T0001:U2', displayName: 'Bea', isBot: false, isHost: false },
      text: 'agreed',
      ts: Math.round(Number(reply.ts) * 1000),
      replyTo: `slack:T0001:C1:${answer.ts}`,
    });
  });

  it('hosts are the configured ids and workspace admins; names come from users.info, asked once each', async () => {
    const { fake, deliver, inbound } = await start();
    for (const user of ['UHOST', 'UADMIN', 'U1', 'U1', 'U1'])
      await deliver(fake.messageEvent(fake.userSaysOffline({ channel: 'C1', user, text: 'hi' })));
    await waitFor(() => inbound.messages.length === 5, 'five messages');
    expect(inbound.messages.map((m) => [m.author.displayName, m.author.isHost])).toEqual([
      ['Host Hana', true],
      ['Admin Ada', true],
      ['Ana', false],
      ['Ana', false],
      ['Ana', false],
    ]);
    expect(
      fake
        .callsTo('users.info')
        .map((c) => c.args.user)
        .sort(),
    ).toEqual(['U1', 'UADMIN', 'UHOST']);
  });

  it('edits and deletes reach the core under the address the message was given, in channel and threads', async () => {
    const { fake, deliver, inbound } = await start();
    const answer = fake.userSaysOffline({ channel: 'C1', user: 'U1', text: 'A1: first' });
    const reply = fake.userSaysOffline({ channel: 'C1', user: 'U2', text: 'A1: in thread', threadTs: answer.ts });
    await deliver(fake.messageEvent(answer));
    await deliver(fake.messageEvent(reply));
    await waitFor(() => inbound.messages.length === 2, 'the messages');
    const [answerId, replyId] = inbound.messages.map((m) => m.id);

    const edit = fake.editEvent('C1', answer.ts, 'A1: first, edited');
    await deliver(edit);
    await deliver(fake.editEvent('C1', reply.ts, 'A1: thread, edited'));
    await waitFor(() => inbound.edits.length === 2, 'two edits');
    expect(inbound.edits[0]).toEqual({
      id: answerId,
      text: 'A1: first, edited',
      editedAt: Math.round(Number((edit.message as { edited: { ts: string } }).edited.ts) * 1000),
    });
    expect(inbound.edits[1]).toMatchObject({ id: replyId, text: 'A1: thread, edited' });

    // Slack's documented message_deleted has no previous_message: the thread is found from what was seen.
    const { previous_message: _omitted, ...bareDelete } = fake.deleteEvent('C1', reply.ts);
    await deliver(bareDelete);
    await deliver(fake.deleteEvent('C1', answer.ts));
    await waitFor(() => inbound.deletes.length === 2, 'two deletes');
    expect(inbound.deletes).toEqual([replyId, answerId]);
  });

  it('a deleted thread parent (a tombstone) is a delete; an unfurl is not an edit', async () => {
    const { fake, deliver, inbound } = await start();
    const answer = fake.userSaysOffline({ channel: 'C1', user: 'U1', text: 'A1: see https://example.com' });
    await deliver(fake.messageEvent(answer));
    await waitFor(() => inbound.messages.length === 1, 'the message');
    await deliver({
      type: 'message',
      subtype: 'message_changed',
      channel: 'C1',
      ts: fake.nextTs(),
      message: { ...answer, attachments: [{ from_url: 'https://example.com' }] },
      previous_message: answer,
    });
    await deliver({
      type: 'message',
      subtype: 'message_changed',
      channel: 'C1',
      ts: fake.nextTs(),
      message: {
        type: 'message',
        subtype: 'tombstone',
        user: 'USLACKBOT',
        text: 'This message was deleted.',
        ts: answer.ts,
        thread_ts: answer.ts,
      },
      previous_message: answer,
    });
    await waitFor(() => inbound.deletes.length === 1, 'the delete');
    expect(inbound.deletes).toEqual([inbound.messages[0]!.id]);
    expect(inbound.edits).toEqual([]);
  });

  it("other bots, the bot's own posts and channel joins never reach the core", async () => {
    const { fake, deliver, inbound } = await start();
    await deliver({
      type: 'message',
      subtype: 'bot_message',
      channel: 'C1',
      text: 'A1: I am a bot',
      ts: fake.nextTs(),
      bot_id: 'B9',
      username: 'github',
    });
    await deliver({
      type: 'message',
      channel: 'C1',
      user: 'UBOT',
      bot_id: 'BBOT',
      text: 'Q1: ours',
      ts: fake.nextTs(),
    });
    await deliver({
      type: 'message',
      channel: 'C1',
      user: 'U9',
      bot_id: 'B9',
      text: 'A1: app user',
      ts: fake.nextTs(),
    });
    await deliver({
      type: 'message',
      subtype: 'channel_join',
      channel: 'C1',
      user: 'U2',
      text: '<@U2> has joined the channel',
      ts: fake.nextTs(),
    });
    // The person, delivered last, is the barrier: the others are dropped on arrival, before any await, while
    // the person's message waits for a users.info round trip; so once it is through, the others are done.
    await deliver(fake.messageEvent(fake.userSaysOffline({ channel: 'C1', user: 'U1', text: 'A1: a person' })));
    await waitFor(() => inbound.messages.length === 1, 'the person');
    expect(inbound.messages.map((m) => m.text)).toEqual(['A1: a person']);
  });

  it('a redelivered event is dispatched once; one whose handling failed is dispatched again', async () => {
    const { fake, deliver, inbound } = await start();
    const again = await deliver(
      fake.messageEvent(fake.userSaysOffline({ channel: 'C1', user: 'U1', text: 'A1: once' })),
    );
    await waitFor(() => inbound.messages.length === 1, 'the message');
    await again();
    await again();
    expect(inbound.messages).toHaveLength(1);

    inbound.failNext = 1;
    const retry = await deliver(
      fake.messageEvent(fake.userSaysOffline({ channel: 'C1', user: 'U2', text: 'A1: failed first' })),
    );
    // The failing dispatch is the barrier: the redeliveries came before it (and a dispatched one would have
    // been recorded, or failed in its place and let it through).
    await waitFor(() => inbound.failNext === 0, 'the dispatch that fails');
    expect(inbound.messages).toHaveLength(1);
    await retry();
    await waitFor(() => inbound.messages.length === 2, 'the retried message');
  });

  it('/emcee from a non-host: the core refuses, and only the caller sees the refusal', async () => {
    const { fake, command, inbound } = await start();
    await command('U1', 'end');
    await waitFor(() => fake.ephemerals.length === 1, 'the ephemeral reply');
    expect(inbound.commands[0]).toEqual({
      channel: 'slack:T0001:C1',
      community: 'slack:T0001',
      by: { id: 'slack:T0001:U1', displayName: 'Ana', isBot: false, isHost: false },
      name: 'end',
      args: [],
    });
    expect(fake.ephemerals[0]).toEqual({ channel: 'C1', user: 'U1', text: 'Only hosts can end a chat.' });
    // Nothing was posted for everyone.
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
    if (mode === 'socket') expect([...fake.envelopes.values()].every((e) => e.ackedAt !== undefined)).toBe(true);
  });

  it("a host's /emcee passes the subcommand and words; if chat.postEphemeral fails, response_url answers", async () => {
    const { fake, command, inbound } = await start();
    await command('UHOST', 'extend 5');
    await waitFor(() => fake.ephemerals.length === 1, 'the reply');
    expect(inbound.commands[0]).toMatchObject({ name: 'extend', args: ['5'], by: { isHost: true } });
    expect(fake.ephemerals[0]!.text).toBe('Did extend 5');

    // Someone the fake does not count as in the channel: chat.postEphemeral refuses with user_not_in_channel.
    await command('UGUEST', 'status');
    await waitFor(() => fake.responses.length === 1, 'the response_url reply');
    expect(fake.responses[0]).toMatchObject({ response_type: 'ephemeral', text: 'Did status' });
  });
});

describe('Slack HTTP mode endpoint', () => {
  it("answers Slack's signed url_verification challenge, so the app settings can save the Request URL", async () => {
    running = await startSlackAdapter('http', new RecordingInbound());
    const response = await postSigned(
      running.eventsUrl,
      { token: 'x', challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P', type: 'url_verification' },
      TEST_SIGNING_SECRET,
    );
    expect(response.status).toBe(200);
    expect(response.text).toContain('3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P');
  });

  it('refuses a bad signature, a stale timestamp and a tampered body with 401, and delivers nothing', async () => {
    const inbound = new RecordingInbound();
    running = await startSlackAdapter('http', inbound);
    const { fake, eventsUrl } = running;
    const body = fake.eventCallback(
      fake.messageEvent(fake.userSaysOffline({ channel: 'C1', user: 'U1', text: 'A1: forged' })),
    );
    expect((await postSigned(eventsUrl, body, 'not-the-secret')).status).toBe(401);
    expect(
      (await postSigned(eventsUrl, body, TEST_SIGNING_SECRET, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }))
        .status,
    ).toBe(401);
    const signedFor = JSON.stringify(body);
    const now = Math.floor(Date.now() / 1000);
    const tampered = await postSigned(eventsUrl, undefined, TEST_SIGNING_SECRET, {
      raw: signedFor.replace('forged', 'tampered'),
      timestamp: now,
      signature: slackSignature(TEST_SIGNING_SECRET, now, signedFor),
    });
    expect(tampered.status).toBe(401);
    expect(inbound.messages).toEqual([]);
    // A genuine event after the refused ones is the barrier: once it is through, a refused one would be too.
    const said = fake.userSaysOffline({ channel: 'C1', user: 'U1', text: 'A1: genuine' });
    const genuine = fake.eventCallback(fake.messageEvent(said));
    expect((await postSigned(eventsUrl, genuine, TEST_SIGNING_SECRET)).status).toBe(200);
    await waitFor(() => inbound.messages.length === 1, 'the genuine event');
    expect(inbound.messages.map((m) => m.text)).toEqual(['A1: genuine']);
  });
});
