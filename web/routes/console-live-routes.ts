import type { Context, Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { findWebSession } from '../../src/access/web-sessions.js';
import type { LiveChatEvent } from '../../src/service/live-feed.js';
import type { ChatScript } from '../../src/script/script-schema.js';
import { SystemClock } from '../../src/time/clock.js';
import { chatListPage, type ControlNote, liveChatPage, livePathOf, noChatPage } from '../live/console-page.js';
import { ControlNotes } from '../live/control-notes.js';
import { LiveHub } from '../live/live-hub.js';
import type { WebLifecycle } from '../web-lifecycle.js';
import { answerViewOfEvent, answerViewOfRow, stepViewOfEvent, welcomedAuthors } from '../live/live-view.js';
import { readSessionCookie } from '../auth/session-cookie.js';
import { consoleAuthor, consoleHost } from '../console-host.js';
import { viewerOf, type WebEnv } from '../viewer.js';
import type { RunningChat, WebDeps } from '../web-deps.js';

/** A comment line this often keeps proxies from closing a quiet stream, and finds browsers that left. */
export const HEARTBEAT_MS = 15_000;
// Chat commands the console's buttons give; anything else posted is refused.
const CONTROLS = new Set(['pause', 'resume', 'skip', 'extend', 'end']);

/**
 * The host console's live page: the running chat's step and countdown, its answers by question as they
 * arrive (Server-Sent Events), its participants, and the controls, which act through the command registry.
 */
export function registerConsoleLiveRoutes(app: Hono<WebEnv>, deps: WebDeps, lifecycle: WebLifecycle): void {
  const wall = new SystemClock();
  const subscribe = deps.bot?.subscribeLive;
  const hub = subscribe ? new LiveHub((listener) => subscribe(listener), wall) : undefined;
  lifecycle.onClose(() => hub?.close());
  const notes = new ControlNotes(wall);
  const liveChats = () => deps.bot?.liveChats?.() ?? [];

  const renderChat = (c: Context<WebEnv>, chat: RunningChat, note?: ControlNote) => {
    // Taken before the store is read: what happens meanwhile comes again in the stream (shown once, by address).
    const lastEventId = hub?.latestId ?? '';
    const rows = deps.store.messages.forSession(chat.sessionId).filter((row) => row.deleted_at === null);
    const welcomed = welcomedAuthors(deps.store, chat.sessionId, rows);
    const context = { timezone: chat.timezone, permalinkOf: deps.permalinkOf };
    const participants = new Map<string, string>();
    for (const row of rows)
      if (row.from_host === 0 && !participants.has(row.author_id)) participants.set(row.author_id, row.author_name);
    return c.html(
      liveChatPage(viewerOf(c), {
        chat,
        answers: rows.map((row) => answerViewOfRow(row, welcomed.has(row.author_id), context)),
        participants: [...participants].map(([id, name]) => ({ id, name })),
        lastEventId,
        ...(note ? { note } : {}),
      }),
    );
  };
  const noteOf = (c: Context<WebEnv>) => notes.take(consoleHost(c).identity, c.req.query('note'));

  app.get('/console', (c) => {
    const chats = liveChats();
    const note = noteOf(c);
    if (chats.length === 1) return renderChat(c, chats[0]!, note);
    if (chats.length > 1) return c.html(chatListPage(viewerOf(c), chats));
    return c.html(noChatPage(viewerOf(c), deps.bot?.nextChats?.() ?? [], deps.bot !== undefined, note));
  });

  app.get('/console/live/events', (c) => {
    const channel = c.req.query('channel');
    if (!hub || !channel) return c.text('No live feed here.', 404);
    const after = c.req.header('Last-Event-ID') || c.req.query('after') || undefined;
    const zones = timezonesOf(deps);
    // A stream outlives the request that opened it: it ends once its session does (signed out, expired, or its
    // host's rights removed), before it sends anything more.
    const sessionId = readSessionCookie(c, deps.config);
    const sessionEnded = () => sessionId !== undefined && !findWebSession(deps.store, sessionId, deps.clock.now());
    return streamSSE(c, async (stream) => {
      const client = hub.connect(channel, after);
      stream.onAbort(() => client.close());
      if (client.missedSome) {
        // The events in between are gone: the page renders afresh from the store.
        await stream.writeSSE({ event: 'reload', data: 'missed' });
        client.close();
        return;
      }
      await stream.writeSSE({ event: 'ready', data: '', retry: 1000 });
      for (;;) {
        const batch = await client.next(HEARTBEAT_MS);
        if (!batch) {
          // The server is stopping: the page stops listening rather than retrying a server that is gone.
          if (hub.stopped) await stream.writeSSE({ event: 'bye', data: 'stopping' });
          break;
        }
        if (sessionEnded()) {
          client.close();
          break;
        }
        if (batch.length === 0) await stream.write(': heartbeat\n\n');
        for (const { id, event } of batch) {
          await stream.writeSSE({ id, event: event.kind, data: JSON.stringify(payloadOf(event, zones, deps)) });
        }
      }
    });
  });

  app.get('/console/live/:channel', (c) => {
    const channel = c.req.param('channel');
    const chat = liveChats().find((running) => running.channel === channel);
    const note = noteOf(c);
    if (chat) return renderChat(c, chat, note);
    return c.html(noChatPage(viewerOf(c), deps.bot?.nextChats?.() ?? [], deps.bot !== undefined, note));
  });

  app.post('/console/control', async (c) => {
    const host = consoleHost(c);
    const body = await c.req.parseBody();
    const channel = typeof body.channel === 'string' ? body.channel : '';
    const command = typeof body.command === 'string' ? body.command : '';
    const minutes = typeof body.minutes === 'string' ? body.minutes.trim() : '';
    let reply: ControlNote;
    if (!CONTROLS.has(command)) reply = { ok: false, text: 'The console has no such button.' };
    else if (!deps.bot?.command) reply = { ok: false, text: 'No chat is running: the bot does not serve this site.' };
    else {
      const args = command === 'extend' && minutes ? [minutes] : [];
      const result = await deps.bot.command(channel, consoleAuthor(host), command, args);
      reply = { ok: result.ok, text: result.text };
    }
    if ((c.req.header('Accept') ?? '').includes('application/json')) return c.json(reply);
    const key = notes.put(host.identity, reply);
    return c.redirect(`${channel ? livePathOf(channel) : '/console'}?note=${key}`, 303);
  });
}

// Each session's time zone, read once per stream (a chat's zone never changes while it runs).
function timezonesOf(deps: WebDeps): (sessionId: number) => string {
  const known = new Map<number, string>();
  return (sessionId) => {
    let zone = known.get(sessionId);
    if (zone === undefined) {
      const row = deps.store.sessions.get(sessionId);
      zone = row ? (JSON.parse(row.script_json) as ChatScript).timezone : 'UTC';
      known.set(sessionId, zone);
    }
    return zone;
  };
}

function payloadOf(event: LiveChatEvent, zoneOf: (sessionId: number) => string, deps: WebDeps): unknown {
  const sessionId = event.sessionId;
  switch (event.kind) {
    case 'message':
      return { sessionId, ...answerViewOfEvent(event, { timezone: zoneOf(sessionId), permalinkOf: deps.permalinkOf }) };
    case 'welcomed':
      return { sessionId, authorId: event.authorId };
    case 'step':
      return { sessionId, ...stepViewOfEvent(event) };
  }
}
