import { afterEach, describe, expect, it } from 'vitest';
import { LiveFeed } from '../../src/service/live-feed.js';
import { silentLogger } from '../../src/log.js';
import { type LiveChatRig, startLiveChatRig } from '../support/live-chat-rig.js';
import { TEST_HOST, startWebRig, type WebRig } from '../support/web-rig.js';
import { waitFor } from '../support/wait-for.js';

let chat: LiveChatRig | undefined;
let rig: WebRig | undefined;
afterEach(async () => {
  await chat?.close();
  await rig?.close();
  chat = rig = undefined;
});

const HOSTILE = '<img src=x onerror=alert(1)><script>alert(2)</script>';

function form(fields: Record<string, string>) {
  return { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' as const };
}

/** Reads an SSE response until `enough` holds of the events so far (name and JSON data). */
async function readEvents(
  response: Response,
  enough: (events: { event: string; id?: string; data: string }[]) => boolean,
) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  const events: { event: string; id?: string; data: string }[] = [];
  while (!enough(events)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += value;
    const blocks = text.split('\n\n');
    text = blocks.pop()!;
    for (const block of blocks) {
      const fields = Object.fromEntries(
        block
          .split('\n')
          .filter((line) => !line.startsWith(':'))
          .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]),
      );
      if (fields.event) events.push({ event: fields.event, id: fields.id, data: fields.data ?? '' });
    }
  }
  await reader.cancel();
  return events;
}

describe('the live console', () => {
  it('sends visitors to sign in, for the page, the stream and the controls alike', async () => {
    chat = await startLiveChatRig();
    const { url } = chat.web;
    for (const path of ['/console', '/console/live/local%3Aroom', '/console/live/events?channel=local%3Aroom']) {
      const response = await fetch(`${url}${path}`);
      expect(response.status, path).toBe(401);
      expect(await response.text()).toContain('Sign in to open the console.');
    }
    const posted = await fetch(`${url}/console/control`, form({ channel: 'local:room', command: 'skip' }));
    expect(posted.status).toBe(403);
    expect(chat.runner.status().openQuestion).toBe(0);
  });

  it('refuses a control posted without the session’s CSRF token', async () => {
    chat = await startLiveChatRig(TEST_HOST);
    const { url } = chat.web;
    const without = await fetch(`${url}/console/control`, form({ channel: 'local:room', command: 'skip' }));
    expect(without.status).toBe(403);
    const wrong = await fetch(
      `${url}/console/control`,
      form({ _csrf: 'nope', channel: 'local:room', command: 'skip' }),
    );
    expect(wrong.status).toBe(403);
    expect(chat.runner.status().openQuestion).toBe(0);
  });

  it('shows the running chat: its step, countdown, answers by question, first-timers, participants', async () => {
    chat = await startLiveChatRig(TEST_HOST);
    await chat.clock.advance(20_000);
    await chat.room.say(chat.person('ana'), `A1: ${HOSTILE}`);
    await chat.room.say(chat.person('bo'), 'hello everyone');
    await waitFor(() => chat!.posts.some((post) => post.message.kind === 'first-timer'), 'a welcome');
    const page = await (await fetch(`${chat.web.url}/console`)).text();
    expect(page).toContain('Live: ');
    expect(page).toContain('data-step-label>Q1 of ');
    expect(page).toMatch(/data-countdown data-remaining-ms="\d+"/);
    expect(page).toContain('Participants so far: <span data-participant-count>2</span>');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;');
    expect(page).not.toContain('<script>alert');
    const q1 = page.slice(page.indexOf('data-question="1"'), page.indexOf('data-question="none"'));
    expect(q1).toContain('ana');
    expect(q1).toMatch(/First time,\s<span data-welcomed>welcomed<\/span>/);
    expect(q1).toContain('href="https://chat.example/local%3Aroom');
    expect(page.slice(page.indexOf('data-question="none"'))).toContain('hello everyone');
  });

  it('acts through the command registry: skip posts the next question, with the slash command’s reply', async () => {
    chat = await startLiveChatRig(TEST_HOST);
    await chat.clock.advance(20_000);
    const { url } = chat.web;
    const posted = await fetch(
      `${url}/console/control`,
      form({ _csrf: TEST_HOST.csrf, channel: 'local:room', command: 'skip' }),
    );
    expect(posted.status).toBe(303);
    const back = posted.headers.get('location')!;
    expect(back).toMatch(/^\/console\/live\/local%3Aroom\?note=[0-9a-f]+$/);
    expect(
      chat.posts.filter((post) => post.message.kind === 'question').map((p) => p.message.question?.number),
    ).toEqual([1, 2]);
    const shown = await (await fetch(`${url}${back}`)).text();
    expect(shown).toContain('class="control-reply ok" role="status" data-control-reply>Posted Q2.</p>');
    // The note is read once.
    expect(await (await fetch(`${url}${back}`)).text()).not.toContain('Posted Q2.');

    const asJson = await fetch(`${url}/console/control`, {
      method: 'POST',
      headers: { Accept: 'application/json' },
      body: new URLSearchParams({ _csrf: TEST_HOST.csrf, channel: 'local:room', command: 'extend', minutes: '0' }),
    });
    expect(await asJson.json()).toEqual({
      ok: false,
      text: 'Give the minutes to add, from 1 to 120, e.g. "extend 5".',
    });
  });

  it('asks for host rights when the button is pressed: a host removed meanwhile is refused as in chat', async () => {
    chat = await startLiveChatRig(TEST_HOST);
    chat.hosts.clear();
    const response = await fetch(`${chat.web.url}/console/control`, {
      method: 'POST',
      headers: { Accept: 'application/json' },
      body: new URLSearchParams({ _csrf: TEST_HOST.csrf, channel: 'local:room', command: 'pause' }),
    });
    expect(response.status).toBe(401);
    // Behind the gate the registry still refuses anyone who is not a host, in the chat's own words.
    const reply = await chat.web.deps.bot!.command!(
      'local:room',
      { id: TEST_HOST.identity, displayName: 'Hana', isBot: false, isHost: false },
      'pause',
      [],
    );
    expect(reply).toEqual({ ok: false, text: 'Only hosts can pause a chat. Ask a host of this community.' });
    expect(chat.runner.status().state).toBe('running');
  });

  it('streams answers and steps as they happen, and replays what a reconnecting browser missed', async () => {
    chat = await startLiveChatRig(TEST_HOST);
    const page = await (await fetch(`${chat.web.url}/console`)).text();
    const after = /data-last-event-id="([^"]+)"/.exec(page)![1]!;
    const stream = `${chat.web.url}/console/live/events?channel=local%3Aroom&after=${encodeURIComponent(after)}`;
    const response = await fetch(stream);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reading = readEvents(response, (events) => events.some((e) => e.event === 'message'));
    await chat.clock.advance(20_000);
    await chat.room.say(chat.person('ana'), 'A1: first!');
    const events = await reading;
    const step = JSON.parse(events.find((e) => e.event === 'step')!.data);
    expect(step).toMatchObject({ label: 'Q1 of 6', state: 'running', openQuestion: 1 });
    const message = events.find((e) => e.event === 'message')!;
    expect(JSON.parse(message.data)).toMatchObject({ who: 'ana', text: 'A1: first!', question: 1, firstTime: true });

    await chat.room.say(chat.person('bo'), 'A1: second');
    const again = await fetch(stream, { headers: { 'Last-Event-ID': message.id! } });
    const missed = await readEvents(again, (got) => got.some((e) => e.event === 'message'));
    expect(missed.filter((e) => e.event === 'message').map((e) => JSON.parse(e.data).who)).toEqual(['bo']);

    const stale = await fetch(stream, { headers: { 'Last-Event-ID': 'another-run.3' } });
    expect((await readEvents(stale, (got) => got.length > 0)).map((e) => e.event)).toEqual(['reload']);
  });

  it('says when no chat runs, and that chats show only when the bot serves the site', async () => {
    rig = await startWebRig(
      { bot: { runningChats: () => 0, liveChats: () => [], nextChats: () => ['Next: X'] } },
      TEST_HOST,
    );
    const page = await (await fetch(`${rig.url}/console`)).text();
    expect(page).toContain('No chat is running now.');
    expect(page).toContain('<li>Next: X</li>');
    await rig.close();
    rig = await startWebRig({}, TEST_HOST);
    expect(await (await fetch(`${rig.url}/console`)).text()).toContain('served without the bot');
  });

  it('ends the streams when the server stops', async () => {
    const feed = new LiveFeed(silentLogger);
    rig = await startWebRig({ bot: { runningChats: () => 0, subscribeLive: (l) => feed.subscribe(l) } }, TEST_HOST);
    const response = await fetch(`${rig.url}/console/live/events?channel=x`);
    const reader = response.body!.getReader();
    await reader.read();
    await waitFor(() => feed.listenerCount === 1, 'the hub listening');
    await rig.web.close();
    // The stream ends (cleanly or cut off) rather than waiting for events that never come.
    const outcome = await (async () => {
      try {
        for (;;) if ((await reader.read()).done) return 'ended';
      } catch {
        return 'cut';
      }
    })();
    expect(['ended', 'cut']).toContain(outcome);
    rig.deps.store.close();
    rig = undefined;
  });
});
