import type { Hono } from 'hono';
import { z } from 'zod';
import { followUpsFor } from '../../src/people/follow-ups.js';
import { finishedChats } from '../archive-query.js';
import { consoleHost } from '../console-host.js';
import { followUpsPage } from '../follow-ups-page.js';
import type { WebEnv } from '../viewer.js';
import type { WebDeps } from '../web-deps.js';

/** How many of the latest chats the page offers to switch to. */
export const RECENT_CHATS = 20;

const sessionId = z
  .string()
  .regex(/^[1-9]\d{0,12}$/)
  .transform(Number);

/**
 * The console's Follow-ups: the latest finished chat's follow-up list, or any chat's with `?session=N`. An
 * unknown chat and a rehearsal (which has no list) are both "not found".
 */
export function registerConsoleFollowUpsRoutes(app: Hono<WebEnv>, deps: WebDeps): void {
  app.get('/console/followups', (c) => {
    const host = consoleHost(c);
    const recent = finishedChats(deps.store, { limit: RECENT_CHATS });
    const asked = c.req.query('session');
    const base = { choices: recent, ...(deps.permalinkOf ? { permalinkOf: deps.permalinkOf } : {}) };
    if (asked === undefined) {
      const latest = recent[0];
      if (!latest) {
        const note =
          'No chat has finished yet. After each chat its follow-up list appears here: the first-timers to ' +
          'welcome, the regulars to check on, and the questions still waiting for an answer.';
        return c.html(followUpsPage(host, { ...base, note }));
      }
      return c.html(followUpsPage(host, { ...base, chat: latest, list: followUpsFor(deps.store, latest.sessionId) }));
    }
    const id = sessionId.safeParse(asked);
    const session = id.success ? deps.store.sessions.get(id.data) : undefined;
    if (!id.success || !session || session.rehearsal === 1) return c.notFound();
    const chat = recent.find((r) => r.sessionId === id.data) ?? finishedChats(deps.store, { sessionId: id.data })[0];
    if (!chat) {
      const note = `Chat ${id.data} has not finished yet: its follow-up list appears here when it ends.`;
      return c.html(followUpsPage(host, { ...base, note }));
    }
    // An older chat than the latest 20 stays selectable while it is shown.
    const choices = recent.includes(chat) ? recent : [...recent, chat];
    return c.html(followUpsPage(host, { ...base, choices, chat, list: followUpsFor(deps.store, chat.sessionId) }));
  });
}
