import { loadScript } from '../../src/script/load-script.js';
import type { ChatScript } from '../../src/script/script-schema.js';
import type { ChatStore } from '../../src/store/chat-store.js';
import { type ArchivedMessage, archiveChat } from '../support/archive-chat.js';

/** The weekly chat of prompts/ (series "weekly-chat", New York time, Thursdays at 13:00). */
export const WEEKLY: ChatScript = loadScript(new URL('../../prompts/weekly-chat.yaml', import.meta.url).pathname);

// Each payload would set a flag or open a dialog if it ever ran (as in test/recap/html-browser.test.ts).
export const HOSTILE =
  'A1: <script>window.__pwned = true; alert(1)</script><img src=x onerror="window.__pwned = true; ' +
  'alert(2)"> & "quotes"';
export const HOSTILE_LINK = 'A2: see https://example.org/x"onmouseover="alert(3) <svg onload=alert(4)>';
export const HOSTILE_NAME = 'mallory<img src=x onerror=alert(5)>';

const say = (n: number, who: string, text: string, question: number | null, minute: number): ArchivedMessage => ({
  address: `slack:T1:C1:17000000${String(n).padStart(2, '0')}.000100`,
  authorId: `slack:T1:U-${who}`,
  authorName: who,
  text,
  question,
  minute,
});

/** The sessions the page tests read: two chats on 19 November (New York), one on the 26th, a rehearsal, one running. */
export interface PagesArchive {
  first: number;
  secondSameDay: number;
  later: number;
  rehearsal: number;
  running: number;
}

/** Fills the store with the weekly chat's archive. */
export function fillArchive(store: ChatStore): PagesArchive {
  const first = archiveChat(store, {
    script: WEEKLY,
    startedAt: Date.UTC(2026, 10, 19, 18, 0),
    messages: [
      say(1, 'ana', 'A1: Listening first, always, with curiosity', 1, 6),
      say(2, HOSTILE_NAME, HOSTILE, 1, 7),
      say(3, 'li', HOSTILE_LINK, 2, 16),
      say(4, 'bo', 'hi all <iframe src="https://example.org"></iframe>', null, 2),
    ],
  });
  const secondSameDay = archiveChat(store, {
    script: WEEKLY,
    startedAt: Date.UTC(2026, 10, 19, 22, 0),
    messages: [say(5, 'ana', 'A1: The evening edition answer', 1, 6), say(6, 'cy', 'A1: New here', 1, 7)],
  });
  const later = archiveChat(store, {
    script: WEEKLY,
    startedAt: Date.UTC(2026, 10, 26, 18, 0),
    messages: [say(7, 'cy', 'A1: Back again', 1, 6), say(8, 'di', 'A1: First time for me', 1, 7)],
  });
  const rehearsal = archiveChat(store, {
    script: WEEKLY,
    startedAt: Date.UTC(2026, 10, 27, 18, 0),
    rehearsal: true,
    messages: [say(9, 'host', 'A1: Rehearsal words nobody may read', 1, 6)],
  });
  const running = archiveChat(store, {
    script: WEEKLY,
    startedAt: Date.UTC(2026, 11, 1, 11, 30),
    running: true,
    messages: [say(10, 'ana', 'A1: Still running', 1, 6)],
  });
  return { first, secondSameDay, later, rehearsal, running };
}
