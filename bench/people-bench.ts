/**
 * Community memory at scale (`npx tsx bench/people-bench.ts`): a community of 50,000 people and 500 past weekly
 * chats in a temp SQLite file, then a closing chat of 300 people. Measures the closing's thanks with milestones
 * against the same thanks without (target: at most +10%): a running chat looks up each participant's past on their
 * first message (timed too), so the closing only reads its memory. For the record: the same thanks after a restart
 * (memory empty, one batched look-up), the profiles of the chat's participants, one profile and everyone's.
 * Prints a table; never fails.
 */
import { silentLogger } from '../src/log.js';
import { milestonesAt, wordMilestone } from '../src/people/milestones.js';
import { profileOf, profilesAtSession, profilesIn } from '../src/people/profiles.js';
import { SessionMemory } from '../src/people/session-memory.js';
import { loadScript } from '../src/script/load-script.js';
import { thankEveryone } from '../src/session/thank-everyone.js';
import type { ChatStore } from '../src/store/chat-store.js';
import { ManualClock } from '../src/time/manual-clock.js';
import {
  BenchPlatform,
  type BenchResult,
  type BenchRow,
  fmt,
  median,
  seededRandom,
  timeMs,
  timeMsAsync,
  withScratchStore,
} from './bench-support.js';

const COMMUNITY = 'bench:community';
const PEOPLE = 50_000;
const CHATS = 500;
const NEW_PER_CHAT = PEOPLE / CHATS;
const REGULARS = 200;
const WEEK = 7 * 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2016, 0, 5, 18);
const RUNS = Number(process.env.PEOPLE_BENCH_RUNS ?? 31);

const userOf = (n: number) => `bench:U${String(n).padStart(6, '0')}`;

/**
 * 500 chats a week apart: each brings 100 newcomers, most of 200 regulars, and some earlier newcomers coming back;
 * one answer and one chatty message each. Then the 501st chat, running, at its closing: returns its id.
 */
function buildCommunity(store: ChatStore): { closing: number; messages: number; returning: string } {
  const next = seededRandom(42);
  const db = store.db;
  const session = db.prepare(
    `INSERT INTO sessions (community_id, channel, script_id, script_json, state, step, started_at, ended_at)
       VALUES (?, 'bench:C1', 'weekly', '{}', ?, 7, ?, ?)`,
  );
  const participant = db.prepare(
    `INSERT OR IGNORE INTO participants (community_id, user_id, display_name, first_seen_at, first_session_id)
       VALUES (?, ?, ?, ?, ?)`,
  );
  const message = db.prepare(
    `INSERT INTO messages (address, session_id, author_id, author_name, text, ts, from_host, first_time,
         open_question, asked_questions, question_number, received_at)
       VALUES (?, ?, ?, ?, ?, ?, 0, ?, 1, 1, ?, ?)`,
  );
  let messages = 0;
  const chat = (index: number, state: 'ended' | 'running', people: Iterable<number>) => {
    const startedAt = T0 + index * WEEK;
    const id = Number(
      session.run(COMMUNITY, state, startedAt, state === 'ended' ? startedAt + 3_600_000 : null).lastInsertRowid,
    );
    let at = startedAt + 60_000;
    for (const person of people) {
      const user = userOf(person);
      const first = participant.run(COMMUNITY, user, `person ${person}`, at, id).changes;
      message.run(`${id}:${user}:a`, id, user, `person ${person}`, `A1: answer of ${person}`, at, first, 1, at);
      message.run(`${id}:${user}:c`, id, user, `person ${person}`, `hello from ${person}`, at + 1, 0, null, at + 1);
      messages += 2;
      at += 200;
    }
    return id;
  };
  const attendees = (index: number, size: { regulars: number; returning: number }) => {
    const people = new Set<number>();
    for (let n = 0; n < NEW_PER_CHAT; n++) people.add(index * NEW_PER_CHAT + n);
    for (let r = 0; r < REGULARS && index > 1; r++) if (next() < size.regulars) people.add(r);
    const seen = Math.min(index, CHATS) * NEW_PER_CHAT;
    for (let n = 0; n < size.returning && seen > 0; n++) people.add(Math.floor(next() * seen));
    return people;
  };
  db.prepare('INSERT INTO communities (id, platform, created_at) VALUES (?, ?, ?)').run(COMMUNITY, 'bench', T0);
  const closing = store.transaction(() => {
    for (let index = 0; index < CHATS; index++)
      chat(index, 'ended', attendees(index, { regulars: 0.75, returning: 60 }));
    // The closing chat: regulars, returning people and no newcomers (everyone has a history to look up).
    const people = [...attendees(CHATS, { regulars: 0.75, returning: 150 })].filter((p) => p < PEOPLE);
    return chat(CHATS, 'running', people);
  });
  // Someone who came to the first chat only, back after 499 missed.
  return { closing, messages, returning: userOf(NEW_PER_CHAT - 1) };
}

/** Builds the community, measures, and removes the temp database. */
export async function benchPeople(): Promise<BenchResult> {
  return withScratchStore('people', async (store) => {
    const builtAt = performance.now();
    const { closing, messages, returning } = buildCommunity(store);
    const buildMs = performance.now() - builtAt;
    store.db.pragma('optimize');
    const script = loadScript('prompts/weekly-chat.yaml');
    const platform = new BenchPlatform(new ManualClock(), { messageLength: 4000, mentionsPerMessage: 100 }, false);
    const people = (
      store.db.prepare('SELECT DISTINCT author_id FROM messages WHERE session_id = ?').all(closing) as {
        author_id: string;
      }[]
    ).map((row) => row.author_id);
    const participants = people.length;
    // As the chat runs: each participant's past looked up on their first message.
    const memory = new SessionMemory(store, { id: closing, community: COMMUNITY });
    const firstMessages = people.map((user) => timeMs(() => memory.absenceOf(user, 4)));
    const thanks = (withMilestones: boolean, from = memory) =>
      thankEveryone(
        { store, platform, log: silentLogger },
        {
          sessionId: closing,
          community: COMMUNITY,
          wording: script.wording,
          hashtag: script.hashtag,
          ...(withMilestones ? { milestones: (users: readonly string[]) => from.milestonesOf(users) } : {}),
          // Nothing is recorded as posted, so every run thanks everyone again.
          postOnce: async (purpose) => `bench:${purpose}`,
        },
      );
    // Warm up both paths, then interleave them so load on the machine falls on both alike.
    await thanks(false);
    await thanks(true);
    const without: number[] = [];
    const withMilestones: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      without.push(await timeMsAsync(() => thanks(false)));
      withMilestones.push(await timeMsAsync(() => thanks(true)));
    }
    const afterRestart: number[] = [];
    for (let run = 0; run < 5; run++) {
      const cold = new SessionMemory(store, { id: closing, community: COMMUNITY });
      afterRestart.push(await timeMsAsync(() => thanks(true, cold)));
    }
    const profileRuns = Array.from({ length: 5 }, () => timeMs(() => profilesAtSession(store, COMMUNITY, closing)));
    const milestones = memory.milestonesOf(people);
    const fromStore = milestonesAt(store, COMMUNITY, closing);
    if (JSON.stringify([...fromStore].sort()) !== JSON.stringify([...milestones].sort()))
      throw new Error('milestones from the memory differ from those computed from the store');
    const oneProfile = median(Array.from({ length: RUNS }, () => timeMs(() => profileOf(store, COMMUNITY, userOf(0)))));
    const lookUps = Array.from({ length: RUNS }, () => {
      const fresh = new SessionMemory(store, { id: closing, community: COMMUNITY });
      return timeMs(() => fresh.absenceOf(returning, 4));
    });
    let everyone = 0;
    const allMs = timeMs(() => {
      everyone = profilesIn(store, COMMUNITY).length;
    });
    // The milestones' own share of the closing, measured alone: steadier than a difference of two noisy medians.
    const ownShare = median(
      Array.from({ length: RUNS }, () =>
        timeMs(() => {
          for (const [user, milestone] of memory.milestonesOf(people)) {
            wordMilestone(milestone, script.wording, { hashtag: script.hashtag, seed: user.length });
          }
        }),
      ),
    );
    const plain = Math.min(...without);
    const remembered = Math.min(...withMilestones);
    const ratio = remembered / plain;
    const rows: BenchRow[] = [
      {
        scenario: `Thanks of ${participants} people with milestones (${PEOPLE} people, ${CHATS} past chats)`,
        figure:
          `${fmt(remembered, 1)} ms vs ${fmt(plain, 1)} ms without (${ratio >= 1 ? '+' : ''}` +
          `${fmt((ratio - 1) * 100, 1)}%; fastest of ${RUNS}, medians ${fmt(median(withMilestones), 1)} and ` +
          `${fmt(median(without), 1)} ms)`,
        target: 'at most +10%',
        met: ratio <= 1.1,
        note: `${milestones.size} milestones named, worth ${fmt(ownShare, 2)} ms alone`,
      },
      {
        scenario: "A participant's past looked up on their first message (welcome-back decided)",
        figure: `median ${fmt(median(firstMessages), 2)} ms, max ${fmt(Math.max(...firstMessages), 2)} ms`,
        target: '—',
        met: null,
      },
      {
        scenario: 'The same thanks after a restart (memory empty); profiles of the participants from the store',
        figure: `${fmt(median(afterRestart), 1)} ms; ${fmt(median(profileRuns), 1)} ms`,
        target: '—',
        met: null,
      },
      {
        scenario: 'One profile; a welcome-back look-up; everyone’s profiles',
        figure: `${fmt(oneProfile, 2)} ms; ${fmt(median(lookUps), 2)} ms; ${fmt(allMs, 0)} ms for ${everyone}`,
        target: '—',
        met: null,
      },
    ];
    return {
      rows,
      data: {
        people: PEOPLE,
        chats: CHATS,
        messages,
        buildMs,
        participants,
        milestones: milestones.size,
        thanksWithoutMs: without,
        thanksWithMilestonesMs: withMilestones,
        ratio,
        milestonesAloneMs: ownShare,
        firstMessageLookUpMs: firstMessages,
        thanksAfterRestartMs: afterRestart,
        profilesOfParticipantsMs: profileRuns,
        oneProfileMs: oneProfile,
        welcomeBackLookUpMs: lookUps,
        everyonesProfilesMs: allMs,
      },
    };
  });
}

if (process.argv[1]?.endsWith('people-bench.ts')) {
  const result = await benchPeople();
  for (const row of result.rows) {
    const verdict = row.met === null ? '—' : row.met ? '✓' : '✗';
    process.stdout.write(
      `${verdict} ${row.scenario}: ${row.figure} (target ${row.target})${row.note ? ` [${row.note}]` : ''}\n`,
    );
  }
  const data = result.data as { messages: number; buildMs: number };
  process.stdout.write(`(community of ${data.messages} messages built in ${fmt(data.buildMs / 1000, 1)} s)\n`);
}
