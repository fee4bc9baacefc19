import { ChatStore } from '../../src/store/chat-store.js';

export const COMMUNITY = 'test:community';
export const SERIES = 'weekly';
const WEEK = 7 * 24 * 3_600_000;
const DAY = 24 * 3_600_000;
/** The first weekly chat: Thursday 8 January 2026, 18:00 UTC. */
export const FIRST_CHAT_AT = Date.UTC(2026, 0, 8, 18);

/** One message of a chat as the fixture writes it. */
export interface Said {
  /** Who wrote it (a lower-case key; the name is capitalised, the address is `test:U-<key>`). */
  who: string;
  text: string;
  /** The question it answers. */
  q?: number;
  /** A key to refer to it by, for replies. */
  key?: string;
  /** The key of the message it replies to. */
  replyTo?: string;
  /** Written by a host. */
  host?: boolean;
  /** Deleted afterwards. */
  deleted?: boolean;
}

/** A chat of the fixture. */
export interface FixtureChat {
  series: string;
  at: number;
  said: Said[];
  rehearsal?: boolean;
  guests?: { id?: string; name: string }[];
  welcomeBackAfter?: number;
}

export const address = (who: string) => `test:U-${who}`;
export const nameOf = (who: string) => who.charAt(0).toUpperCase() + who.slice(1);

// Who came to each weekly chat (hosts aside): chats 6 and 12 are written out message by message below.
const PEOPLE: Record<number, string[]> = {
  1: ['ana', 'bo', 'cy', 'nia'],
  2: ['ana', 'bo', 'cy', 'dee', 'ivy'],
  3: ['ana', 'bo', 'cy', 'hal'],
  4: ['ana', 'bo', 'dee'],
  5: ['ana', 'bo', 'hal', 'gus'],
  7: ['ana', 'bo', 'leo', 'oz'],
  8: ['ana', 'bo', 'eli', 'max'],
  9: ['ana', 'bo', 'jon', 'oz'],
  10: ['ana', 'bo', 'cy'],
  11: ['ana', 'bo', 'cy', 'leo', 'oz'],
};

/** Chat 6, with Gus as its guest: questions to the host and the guest, answers drawing replies. */
export const CHAT_6: Said[] = [
  { who: 'host', host: true, text: 'Welcome everyone!', key: 'h1' },
  { who: 'ana', text: 'A1: I start with a list', q: 1, key: 'ana-a1' },
  { who: 'gus', text: 'A1: I start with coffee', q: 1, key: 'gus-a1' },
  { who: 'eli', text: 'A1: first time here, I start late', q: 1, key: 'eli-a1' },
  { who: 'eli', text: `<@${address('gus')}> how did you start?`, key: 'eli-asks-gus' },
  { who: 'hal', text: 'Great list, which app?', replyTo: 'ana-a1' },
  { who: 'eli', text: 'Same here', replyTo: 'ana-a1' },
  { who: 'nia', text: 'Love it', replyTo: 'ana-a1' },
  { who: 'ana', text: 'Thanks all', replyTo: 'ana-a1' },
  { who: 'bo', text: 'never here', replyTo: 'gus-a1', deleted: true },
  { who: 'hal', text: 'Nice coffee', replyTo: 'gus-a1' },
  { who: 'nia', text: 'Coffee!', replyTo: 'gus-a1' },
  { who: 'fay', text: 'hi all, just watching' },
  { who: 'gus', text: 'I started by accident', replyTo: 'eli-asks-gus' },
  { who: 'host', host: true, text: 'Q2 is up, what about you all?', key: 'h2' },
  { who: 'ana', text: 'What about you, host?', replyTo: 'h2', key: 'ana-asks-host' },
  { who: 'hal', text: 'A2: small steps', q: 2, key: 'hal-a2' },
  { who: 'ana', text: 'So true', replyTo: 'hal-a2' },
  { who: 'nia', text: `<@${address('host')}> when is the next chat?`, key: 'nia-asks-host' },
  { who: 'hal', text: `<@${address('gus')}> do you use paper?`, key: 'hal-asks-gus' },
  { who: 'hal', text: `<@${address('host')}> thanks for hosting`, key: 'no-question-mark' },
  { who: 'ana', text: 'Does anyone use paper?', replyTo: 'hal-a2' },
  { who: 'nia', text: `<@${address('host')}> is this deleted?`, deleted: true },
  { who: 'gus', text: `<@${address('hal')}> yes, pen and paper` },
];

/** Chat 12: Kim (quiet) is new, Dee is back after a long absence, Bo and Oz are missing. */
export const CHAT_12: Said[] = [
  { who: 'host', host: true, text: 'Welcome to chat 12', key: 'h1' },
  { who: 'ana', text: 'A1: twelve weeks already', q: 1, key: 'ana-a1' },
  { who: 'kim', text: 'hello, new here' },
  { who: 'kim', text: 'A2: I keep a journal', q: 2, key: 'kim-a2' },
  { who: 'kim', text: `<@${address('host')}> can I share a link?`, key: 'kim-asks' },
  { who: 'host', host: true, text: `<@${address('kim')}> of course!` },
  { who: 'jon', text: 'Is this recorded?', replyTo: 'h1', key: 'jon-asks' },
  { who: 'ana', text: 'A journal, nice', replyTo: 'kim-a2' },
  { who: 'jon', text: 'Me too', replyTo: 'kim-a2' },
  { who: 'dee', text: 'A1: back after a while', q: 1, key: 'dee-a1' },
  { who: 'dee', text: 'Welcome back to me', replyTo: 'ana-a1' },
  { who: 'dee', text: '@Host will there be a recap?', key: 'dee-asks' },
  { who: 'jon', text: 'A2: I do too', q: 2 },
];

/** The community's chats in time order: 12 weekly chats, one monthly chat, three rehearsals. */
export function weeklyCommunity(): FixtureChat[] {
  const chats: FixtureChat[] = [];
  for (let n = 1; n <= 12; n++) {
    const at = FIRST_CHAT_AT + (n - 1) * WEEK;
    const said: Said[] =
      n === 6
        ? CHAT_6
        : n === 12
          ? CHAT_12
          : [
              { who: 'host', host: true, text: `Welcome to chat ${n}` },
              ...PEOPLE[n]!.map((who) => ({ who, text: `A1: ${nameOf(who)} in chat ${n}`, q: 1 })),
            ];
    chats.push({ series: SERIES, at, said, ...(n === 6 ? { guests: [{ id: address('gus'), name: 'Gus' }] } : {}) });
    // Another series of the same community: never part of the weekly chat's regulars or bars.
    if (n === 3)
      chats.push({
        series: 'monthly',
        at: at + 2 * DAY,
        said: [
          { who: 'ana', text: 'A1: hi' },
          { who: 'pat', text: 'A1: new' },
        ],
      });
    // Rehearsals never count: Bo rehearses with the host three times, Zed only ever rehearses.
    if (n === 5 || n === 11 || n === 12) {
      chats.push({
        series: SERIES,
        at: at + 3 * DAY,
        rehearsal: true,
        said: [
          { who: 'bo', text: 'A1: rehearsing' },
          { who: 'zed', text: 'A1: only in rehearsals?' },
        ],
      });
    }
  }
  return chats;
}

/**
 * Writes chats into the store as a bot would have left them, ended, and returns their session ids in order.
 * First-timers are marked on their first message ever (rehearsals never), as the intake does.
 */
export function writeChats(store: ChatStore, chats: FixtureChat[]): number[] {
  store.sessions.ensureCommunity(COMMUNITY, 'test', FIRST_CHAT_AT);
  const seen = new Set<string>();
  return chats.map((chat, index) => {
    const script = {
      id: chat.series,
      title: chat.series === SERIES ? 'Weekly Chat' : 'Monthly Chat',
      host: 'Host',
      hashtag: '#Weekly',
      timezone: 'UTC',
      questions: [{ text: 'How do you start?' }, { text: 'What keeps you going?' }],
      guests: chat.guests ?? [],
      ...(chat.welcomeBackAfter !== undefined ? { welcomeBackAfter: chat.welcomeBackAfter } : {}),
    };
    const id = store.sessions.create({
      communityId: COMMUNITY,
      channel: chat.rehearsal ? `test:DM${index}` : 'test:C1',
      scriptId: chat.series,
      scriptJson: JSON.stringify(script),
      now: chat.at,
      rehearsal: chat.rehearsal,
    });
    const addresses = new Map<string, string>();
    chat.said.forEach((said, i) => {
      const messageAddress = `test:C1:s${id}-m${i}`;
      if (said.key) addresses.set(said.key, messageAddress);
      const ts = chat.at + (i + 1) * 10_000;
      const first = !chat.rehearsal && !said.host && !seen.has(said.who);
      if (first) seen.add(said.who);
      if (!chat.rehearsal && !said.host) {
        store.participants.recordSeen({
          communityId: COMMUNITY,
          userId: address(said.who),
          displayName: nameOf(said.who),
          sessionId: id,
          now: ts,
        });
      }
      store.messages.insert({
        address: messageAddress,
        session_id: id,
        author_id: address(said.who),
        author_name: nameOf(said.who),
        text: said.text,
        ts,
        reply_to: said.replyTo ? addresses.get(said.replyTo)! : null,
        from_host: said.host ? 1 : 0,
        first_time: first ? 1 : 0,
        open_question: 1,
        asked_questions: 2,
        question_number: said.q ?? null,
        part: null,
        late: 0,
        via: said.q ? 'prefix' : null,
        reason: said.q ? null : said.host ? 'host' : said.replyTo ? 'conversation' : 'no-prefix',
        received_at: ts,
      });
      if (said.deleted) store.messages.markDeleted(messageAddress, ts + 1);
    });
    store.sessions.update(id, { state: 'ended', ended_at: chat.at + 3_600_000, step: 3 });
    return id;
  });
}

/** The weekly community in a fresh in-memory store: the store and the session id of each weekly chat by number. */
export function weeklyStore(path = ':memory:') {
  const store = ChatStore.open(path);
  const chats = weeklyCommunity();
  const ids = writeChats(store, chats);
  const weekly = chats.flatMap((chat, i) => (chat.series === SERIES && !chat.rehearsal ? [ids[i]!] : []));
  const rehearsals = chats.flatMap((chat, i) => (chat.rehearsal ? [ids[i]!] : []));
  store.quiet.setQuiet(COMMUNITY, address('kim'), true, FIRST_CHAT_AT);
  /** The session id of weekly chat `n` (1-based). */
  const chat = (n: number) => weekly[n - 1]!;
  return { store, chat, rehearsals };
}
