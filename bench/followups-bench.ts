/**
 * The hosts' follow-up list for a big community (`npx tsx bench/followups-bench.ts`, or BENCH_ONLY=followups in
 * `npm run bench`): 50,000 people and 500 past weekly chats written with plain INSERTs into a temporary database
 * file, then the list of the last chat (and, for the record, the series' trends that every recap now reads).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { followUpsFor } from '../src/people/follow-ups.js';
import { returnersAt } from '../src/people/returners.js';
import { seriesTrends } from '../src/people/trends.js';
import { ChatStore } from '../src/store/chat-store.js';
import { fmt, percentile, scratchDir, seededRandom, timed, type BenchResult } from './bench-support.js';

const PEOPLE = 50_000;
const CHATS = 500;
const REGULARS = 2_000;
const RUNS = 7;
const TARGET_MS = 200;
const COMMUNITY = 'bench:community';
const SERIES = 'weekly';
const WEEK = 7 * 24 * 3_600_000;
const START = Date.UTC(2016, 0, 7, 18);

/**
 * Each chat: 100 newcomers (so 500 chats meet all 50,000 people), most of 2,000 regulars and some earlier people
 * back; everyone answers, some reply to an answer, some ask the host. Returns the counts written.
 */
export function writeBigCommunity(store: ChatStore): { sessions: number; messages: number; lastSession: number } {
  const next = seededRandom(42);
  const db = store.db;
  const insertSession = db.prepare(
    `INSERT INTO sessions (community_id, channel, script_id, script_json, state, step, started_at, ended_at)
       VALUES (?, 'bench:C1', ?, ?, 'ended', 3, ?, ?)`,
  );
  const insertMessage = db.prepare(
    `INSERT INTO messages (address, session_id, author_id, author_name, text, ts, reply_to, from_host, first_time,
         open_question, asked_questions, question_number, late, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 2, ?, 0, ?)`,
  );
  const insertPerson = db.prepare(
    `INSERT INTO participants (community_id, user_id, display_name, first_seen_at, first_session_id)
       VALUES (?, ?, ?, ?, ?)`,
  );
  const insertQuiet = db.prepare('INSERT INTO quiet_people (community_id, user_id, since) VALUES (?, ?, ?)');
  const script = JSON.stringify({ id: SERIES, title: 'Weekly Chat', timezone: 'UTC', guests: [] });
  const user = (n: number) => `bench:U${n}`;
  let messages = 0;
  let lastSession = 0;
  store.transaction(() => {
    db.prepare('INSERT INTO communities (id, platform, created_at) VALUES (?, ?, ?)').run(COMMUNITY, 'bench', START);
    let met = 0;
    for (let chat = 0; chat < CHATS; chat++) {
      const at = START + chat * WEEK;
      const session = Number(insertSession.run(COMMUNITY, SERIES, script, at, at + 3_600_000).lastInsertRowid);
      lastSession = session;
      const people = new Set<number>();
      for (let i = 0; i < 100; i++) {
        insertPerson.run(COMMUNITY, user(met), `Person ${met}`, at, session);
        people.add(met++);
      }
      for (let r = 0; r < Math.min(REGULARS, met - 100); r++) if (next() < 0.35) people.add(r);
      for (let i = 0; i < 150 && met > 100; i++) people.add(Math.floor(next() * (met - 100)));
      let ts = at + 60_000;
      let seq = 0;
      const host = (text: string) => {
        const address = `bench:C1:${session}-${seq++}`;
        insertMessage.run(address, session, 'bench:UHOST', 'Host', text, ts++, null, 1, 0, null, ts);
        messages++;
        return address;
      };
      const hello = host('Welcome, everyone! Q1 is up');
      const answers: string[] = [];
      for (const person of people) {
        const address = `bench:C1:${session}-${seq++}`;
        const first = person >= met - 100 ? 1 : 0;
        insertMessage.run(
          address,
          session,
          user(person),
          `Person ${person}`,
          `A1: an answer`,
          ts++,
          null,
          0,
          first,
          1,
          ts,
        );
        answers.push(address);
        messages++;
        const roll = next();
        if (roll < 0.3 && answers.length > 1) {
          const to = answers[Math.floor(next() * (answers.length - 1))]!;
          insertMessage.run(
            `${address}-r`,
            session,
            user(person),
            `Person ${person}`,
            'So true!',
            ts++,
            to,
            0,
            0,
            null,
            ts,
          );
          messages++;
        } else if (roll < 0.34) {
          const text = roll < 0.32 ? '<@UHOST> will there be a recap?' : 'When is the next one?';
          const replyTo = roll < 0.32 ? null : hello;
          insertMessage.run(
            `${address}-q`,
            session,
            user(person),
            `Person ${person}`,
            text,
            ts++,
            replyTo,
            0,
            0,
            null,
            ts,
          );
          messages++;
        }
      }
    }
    for (let q = 0; q < 1_000; q++) insertQuiet.run(COMMUNITY, user(q * 50), START);
  });
  return { sessions: CHATS, messages, lastSession };
}

/** Times the follow-up list of the last of 500 chats in a 50,000-person community, cold and warm. */
export function benchFollowUps(): BenchResult {
  const dir = scratchDir('followups');
  const path = join(dir, 'emcee.db');
  const setup = ChatStore.open(path);
  const { result: written, ms: writeMs } = timed(() => writeBigCommunity(setup));
  setup.close();

  // A fresh connection, as `emcee followups` has: the first run pays for cold statements and pages.
  const store = ChatStore.openReadOnly(path);
  const times: number[] = [];
  const listOnce = () => timed(() => followUpsFor(store, written.lastSession));
  const cold = listOnce();
  let list = cold.result;
  const firstRunMs = cold.ms;
  for (let run = 0; run < RUNS; run++) {
    const warm = listOnce();
    list = warm.result;
    times.push(warm.ms);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = percentile(sorted, 50);
  const worst = sorted.at(-1)!;
  const recapReads = timed(() => ({
    trends: seriesTrends(store, COMMUNITY, SERIES, written.lastSession),
    returners: returnersAt(store, COMMUNITY, written.lastSession, 4),
  }));
  const { trends, returners } = recapReads.result;
  const trendsMs = recapReads.ms;
  store.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    rows: [
      {
        scenario: 'Follow-up list, 50,000 people and 500 past chats',
        figure: `${fmt(median, 1)} ms median, ${fmt(worst, 1)} ms worst of ${RUNS}`,
        target: `< ${TARGET_MS} ms`,
        met: worst < TARGET_MS,
      },
      {
        scenario: "A recap's trends and returners, same community",
        figure: `${fmt(trendsMs, 1)} ms`,
        target: '—',
        met: null,
      },
    ],
    data: {
      people: PEOPLE,
      chats: written.sessions,
      messages: written.messages,
      writeMs,
      firstRunMs,
      runsMs: times,
      medianMs: median,
      trendsMs,
      list: {
        firstTimers: list.firstTimers.length,
        missedRegulars: list.missedRegulars.length,
        unansweredQuestions: list.unansweredQuestions.length,
        mostRepliedAnswers: list.mostRepliedAnswers.length,
      },
      retention: trends.retention,
      returners: returners.size,
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = benchFollowUps();
  for (const row of result.rows) process.stdout.write(`${row.scenario}: ${row.figure} (target ${row.target})\n`);
  process.stdout.write(`${JSON.stringify(result.data, null, 2)}\n`);
}
