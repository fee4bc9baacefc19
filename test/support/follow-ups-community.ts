import { FIRST_CHAT_AT, SERIES, weeklyStore, writeChats } from '../people/weekly-community.js';

const WEEK = 7 * 24 * 3_600_000;

/** Answer text that would run script, load an image from elsewhere, or break out of an attribute if not escaped. */
export const HOSTILE_TEXT = `A1: <script>alert("x")</script><img src="https://evil.example/x" onerror="alert(1)"> '"&`;

/**
 * The 12 weekly chats of test/people/weekly-community.ts, then a 13th, the latest, where a first-timer (Mal)
 * answers with hostile text. Returns the weekly store's handles and the 13th chat's session id.
 */
export function weeklyStoreWithHostileChat() {
  const weekly = weeklyStore();
  const [hostile] = writeChats(weekly.store, [
    {
      series: SERIES,
      at: FIRST_CHAT_AT + 12 * WEEK,
      said: [
        { who: 'host', host: true, text: 'Welcome to chat 13' },
        { who: 'mal', text: HOSTILE_TEXT, q: 1 },
      ],
    },
  ]);
  return { ...weekly, hostile: hostile! };
}
