import { App, LogLevel, SocketModeReceiver, webApi } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../support/wait-for.js';
import { FakeSlack } from './fake-slack.js';
import { postSigned } from './signed-request.js';

const SECRET = 'fake-signing-secret-0123456789abcdef';
let fake: FakeSlack;
let app: App | undefined;
let receiver: SocketModeReceiver | undefined;

afterEach(async () => {
  if (receiver) {
    // app.stop() resolves before the socket closes; the fake must outlive the socket.
    const client = receiver.client;
    const closed = new Promise<void>((resolve) => client.once('disconnected', () => resolve()));
    await app?.stop();
    await closed;
  } else {
    await app?.stop();
  }
  app = receiver = undefined;
  await fake.stop();
});

async function startFake() {
  fake = new FakeSlack();
  await fake.start();
  fake.addUser({ id: 'U1', name: 'ana', display: 'Ana' });
}

function quietApp(options: ConstructorParameters<typeof App>[0]) {
  return new App({
    logLevel: LogLevel.ERROR,
    deferInitialization: true,
    ...options,
    clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
  });
}

describe('the fake Slack with the real Bolt', () => {
  it('Socket Mode: apps.connections.open, hello, an events_api envelope delivered and acked', async () => {
    await startFake();
    receiver = new SocketModeReceiver({
      appToken: 'xapp-1-A0001-test',
      clientPingTimeout: 100,
      logLevel: LogLevel.ERROR,
      installerOptions: { clientOptions: { slackApiUrl: fake.apiUrl } },
    });
    app = quietApp({ token: 'xoxb-test-token', receiver });
    const seen: { text?: string; user?: string }[] = [];
    app.message(async ({ message }) => void seen.push(message as { text?: string; user?: string }));
    await app.init();
    await app.start();
    await waitFor(() => fake.socketCount === 1, 'the socket');

    const message = fake.userSays({ channel: 'C1', user: 'U1', text: 'A1: hello' });
    await waitFor(() => seen.length === 1, 'the message event');
    expect(seen[0]).toMatchObject({ text: 'A1: hello', user: 'U1' });
    const [envelope] = [...fake.envelopes.values()];
    await waitFor(() => fake.acks.has(envelope!.envelope_id), 'the ack');
    expect(envelope!.payload).toMatchObject({ type: 'event_callback', event: { ts: message.ts } });
    // The app-level token opened the socket; the bot token alone would have been refused.
    expect(fake.callsTo('apps.connections.open').map((c) => c.token)).toEqual(['xapp-1-A0001-test']);
  });

  it('HTTP mode: a signed event is delivered; a bad signature gets 401', async () => {
    await startFake();
    app = quietApp({ token: 'xoxb-test-token', signingSecret: SECRET });
    const seen: string[] = [];
    app.message(async ({ message }) => void seen.push((message as { text: string }).text));
    await app.init();
    const server = (await app.start({ port: 0, host: '127.0.0.1' } as never)) as unknown as {
      address(): { port: number; address: string };
    };
    expect(server.address().address).toBe('127.0.0.1');
    const url = `http://127.0.0.1:${server.address().port}/slack/events`;

    const body = fake.eventCallback(
      fake.messageEvent(fake.userSaysOffline({ channel: 'C1', user: 'U1', text: 'A1: over HTTP' })),
    );
    expect((await postSigned(url, body, SECRET)).status).toBe(200);
    await waitFor(() => seen.length === 1, 'the message event');
    expect(seen).toEqual(['A1: over HTTP']);
    expect((await postSigned(url, body, 'wrong-secret')).status).toBe(401);
    expect(seen).toHaveLength(1);
  });
});

describe('the fake Web API', () => {
  it('answers form-encoded and JSON posts, records them, and checks token types', async () => {
    await startFake();
    const client = new webApi.WebClient('xoxb-test-token', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
    const posted = await client.chat.postMessage({
      channel: 'C1',
      text: 'hi',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*hi*' } }],
    });
    expect(posted.ok).toBe(true);
    const call = fake.callsTo('chat.postMessage')[0]!;
    expect(call.contentType).toContain('application/x-www-form-urlencoded');
    expect(call.args.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: '*hi*' } }]);

    const json = await fetch(`${fake.apiUrl}reactions.add`, {
      method: 'POST',
      headers: { authorization: 'Bearer xoxb-test-token', 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ channel: 'C1', timestamp: posted.ts, name: 'clap' }),
    });
    expect(await json.json()).toEqual({ ok: true });
    expect(fake.reactions.get(`C1:${posted.ts}`)).toEqual(['clap']);

    const errorOf = (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: { data?: { error?: string } }) => e.data?.error,
      );
    expect(await errorOf(client.reactions.add({ channel: 'C1', timestamp: posted.ts!, name: 'clap' }))).toBe(
      'already_reacted',
    );
    expect(await errorOf(client.reactions.add({ channel: 'C1', timestamp: posted.ts!, name: ':tada:' }))).toBe(
      'invalid_name',
    );
    expect(await errorOf(client.reactions.add({ channel: 'C1', timestamp: '1.000001', name: 'tada' }))).toBe(
      'message_not_found',
    );
    expect(await errorOf(client.apps.connections.open())).toBe('not_allowed_token_type');
    expect(
      await errorOf(
        client.chat.postMessage({
          channel: 'C1',
          text: 'x',
          blocks: [{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }],
        }),
      ),
    ).toBe('invalid_blocks');
    expect(
      await errorOf(
        new webApi.WebClient('xoxb-invalid', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } }).auth.test(),
      ),
    ).toBe('invalid_auth');
  });

  it('answers 429 with Retry-After when throttled, as @slack/web-api reads it', async () => {
    await startFake();
    const client = new webApi.WebClient('xoxb-test-token', {
      slackApiUrl: fake.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    });
    fake.throttle('chat.postMessage', 1, 7);
    const error = await client.chat.postMessage({ channel: 'C1', text: 'x' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: webApi.ErrorCode.RateLimitedError, retryAfter: 7 });
    expect((await client.chat.postMessage({ channel: 'C1', text: 'x' })).ok).toBe(true);
  });

  it('pages history newest first and answers replies for a parent or any reply in its thread', async () => {
    await startFake();
    const client = new webApi.WebClient('xoxb-test-token', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
    const parent = fake.userSaysOffline({ channel: 'C1', user: 'U1', text: 'Q' });
    const reply = fake.userSaysOffline({ channel: 'C1', user: 'U1', text: 'r', threadTs: parent.ts });
    fake.userSaysOffline({ channel: 'C1', user: 'U1', text: 'later' });
    const first = await client.conversations.history({ channel: 'C1', limit: 1 });
    expect(first.messages!.map((m) => m.text)).toEqual(['later']);
    const second = await client.conversations.history({
      channel: 'C1',
      limit: 1,
      cursor: first.response_metadata!.next_cursor,
    });
    expect(second.messages![0]).toMatchObject({ text: 'Q', reply_count: 1, thread_ts: parent.ts });
    const thread = await client.conversations.replies({ channel: 'C1', ts: reply.ts });
    expect(thread.messages!.map((m) => m.text)).toEqual(['Q', 'r']);
  });

  it("opens the app's DM (conversations.open, or a post to the user id) and completes external uploads", async () => {
    await startFake();
    const client = new webApi.WebClient('xoxb-test-token', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
    const errorOf = (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: { data?: { error?: string } }) => e.data?.error,
      );
    const opened = await client.conversations.open({ users: 'U1' });
    expect(opened.channel?.id).toMatch(/^D/);
    expect((await client.conversations.open({ users: 'U1' })).already_open).toBe(true);
    expect(await errorOf(client.conversations.open({ users: 'UNOBODY' }))).toBe('user_not_found');
    const posted = await client.chat.postMessage({ channel: 'U1', text: 'hi' });
    expect(posted.channel).toBe(opened.channel?.id);
    expect(await errorOf(client.chat.postMessage({ channel: 'UNOBODY', text: 'hi' }))).toBe('channel_not_found');

    // Completing before the bytes arrived fails; after the upload the file is shared with its bytes.
    const url = await client.files.getUploadURLExternal({ filename: 'a.txt', length: 3 });
    const complete = (channel: string) =>
      client.files.completeUploadExternal({ files: [{ id: url.file_id!, title: 'A' }], channel_id: channel });
    expect(await errorOf(complete(posted.channel!))).toBe('file_not_found');
    const upload = await fetch(url.upload_url!, { method: 'POST', body: new Uint8Array([0, 255, 10]) });
    expect(upload.status).toBe(200);
    expect(await errorOf(complete('CNOPE'))).toBe('channel_not_found');
    await complete(posted.channel!);
    const shared = { name: 'a.txt', title: 'A', channel: posted.channel, length: 3 };
    expect(fake.files.shared).toEqual([expect.objectContaining(shared)]);
    expect([...fake.files.shared[0]!.bytes]).toEqual([0, 255, 10]);
  });
});
