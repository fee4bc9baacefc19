/**
 * Search over 1,000,000 answers (`npx tsx bench/search-bench.ts`, and `search` in `npm run bench`): a temp
 * database built in one transaction through a prepared insert (the index filled by migration 13's trigger), then
 * one- and two-word queries through the search the page runs (SearchRepo.answers: first page, capped count,
 * ranked, with snippets), as a visitor who sees the published series. Reports build time and database size too.
 */
import { rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ChatStore } from '../src/store/chat-store.js';
import { SEARCH_RESULT_CAP } from '../src/store/search-repo.js';
import { fmt, percentile, scratchDir, seededRandom, type BenchResult } from './bench-support.js';

const ANSWERS = Number(process.env.BENCH_SEARCH_ANSWERS ?? 1_000_000);
const PER_CHAT = 300;
const QUERIES = 300;
const TARGET_MS = 50;

// Words people write in a community chat's answers; with their -s/-ing/-ed forms and a Zipf draw below, a few are
// in a large share of answers (the worst case for a search) and most are rare.
const STEMS = `
the and to of a in is it you that for on with this be are as at have my we our not but can your more about
all so what they from one just like how when people time think make really help find way share work good
great love learn start know new build talk post brand community social media content engage answer question
team tool plan follow friend trust listen story voice value support customer client feedback growth habit
goal focus idea write read reply comment mention thread chat weekly morning evening hour minute day week month
year today tomorrow always often never sometimes early late first last best better real honest human personal
authentic kind open clear simple quick slow busy calm happy excited grateful curious nervous proud network
connect relationship conversation audience reach campaign market strategy data metric report schedule calendar
newsletter podcast video photo blog article link website profile bio hashtag emoji meme trend viral algorithm
platform channel group member moderator host guest speaker mentor coach student teacher parent volunteer
nonprofit startup business company agency freelancer manager leader founder designer developer writer editor
marketer analyst researcher nurse doctor patient library museum school university campus office remote home
travel coffee tea lunch dinner weekend holiday summer winter spring autumn garden city village mountain river
beach music book movie game sport running cycling yoga cooking baking painting knitting photography hiking
mindful balance burnout rest energy motivation confidence courage patience empathy kindness gratitude respect
responsibility accountability transparency consistency creativity curiosity resilience collaboration inclusion
accessibility diversity privacy security safety wellbeing health fitness sleep stress anxiety joy humor
respond respondent responsive automation schedule batch draft edit publish promote measure test iterate
improve launch pitch budget invoice contract deadline meeting agenda minutes notes summary recap highlight
welcome thanks question answer tip trick lesson mistake failure success win challenge opportunity risk change
`
  .trim()
  .split(/\s+/);
const VOCABULARY = [
  ...STEMS,
  ...STEMS.filter((w) => w.length > 3).flatMap((w) => [`${w}s`, `${w}ing`, `${w}ed`]),
  ...Array.from({ length: 3000 }, (_, i) => `term${i.toString(36)}`),
];

/** A Zipf-like draw over the vocabulary (rank r with weight 1/r). */
function zipf(next: () => number): () => string {
  const cumulative: number[] = [];
  let sum = 0;
  for (let r = 1; r <= VOCABULARY.length; r++) {
    sum += 1 / r;
    cumulative.push(sum);
  }
  return () => {
    const target = next() * sum;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid]! < target) low = mid + 1;
      else high = mid;
    }
    return VOCABULARY[low]!;
  };
}

/** Builds the archive: ANSWERS answers in chats of PER_CHAT, two series (one published). */
function buildArchive(path: string): { store: ChatStore; seconds: number } {
  const store = ChatStore.open(path);
  const next = seededRandom(13);
  const word = zipf(next);
  const started = performance.now();
  store.transaction(() => {
    store.sessions.ensureCommunity('bench:community', 'bench', 0);
    store.published.set('weekly', true, 'bench', 0);
    const session = store.db.prepare(
      `INSERT INTO sessions (community_id, channel, script_id, script_json, state, step, started_at, ended_at)
         VALUES ('bench:community', 'bench:channel', ?, ?, 'ended', 8, ?, ?)`,
    );
    const answer = store.db.prepare(
      `INSERT INTO messages (address, session_id, author_id, author_name, text, ts, from_host, first_time,
           open_question, asked_questions, question_number, received_at)
         VALUES (?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?, ?)`,
    );
    const scripts = ['weekly', 'monthly'].map((id) => JSON.stringify({ id, title: id, timezone: 'UTC' }));
    for (let chat = 0; chat * PER_CHAT < ANSWERS; chat++) {
      const at = Date.UTC(2010, 0, 1) + chat * 86_400_000;
      const seriesIndex = chat % 4 === 3 ? 1 : 0;
      const sessionId = Number(
        session.run(['weekly', 'monthly'][seriesIndex], scripts[seriesIndex], at, at + 3_600_000).lastInsertRowid,
      );
      for (let i = 0; i < PER_CHAT && chat * PER_CHAT + i < ANSWERS; i++) {
        const length = 6 + Math.floor(next() * 30);
        const words = Array.from({ length }, word);
        const person = Math.floor(next() * 5000);
        const question = 1 + (i % 6);
        const ts = at + i * 10_000;
        answer.run(
          `bench:${chat}:${i}`,
          sessionId,
          `bench:u${person}`,
          `person${person}`,
          `A${question}: ${words.join(' ')}`,
          ts,
          question,
          question,
          question,
          ts,
        );
      }
    }
  });
  return { store, seconds: (performance.now() - started) / 1000 };
}

/** Times each query through the page's search; returns sorted milliseconds and how many capped. */
function timeQueries(store: ChatStore, queries: string[]): { ms: number[]; capped: number } {
  const visible = store.published.all();
  const ms: number[] = [];
  let capped = 0;
  for (const text of queries) {
    const t0 = performance.now();
    const page = store.search.answers({ text, page: 1, visibleSeries: visible });
    ms.push(performance.now() - t0);
    if (process.env.BENCH_SEARCH_SLOW && ms.at(-1)! > 20) console.error(`slow: "${text}" ${ms.at(-1)!.toFixed(1)} ms`);
    if (page.capped) capped++;
  }
  return { ms: ms.sort((a, b) => a - b), capped };
}

/** The scenario: build, then p95 of one- and two-word queries against the target. */
export function benchSearch(): BenchResult {
  // BENCH_SEARCH_DB reuses an archive an earlier run built (its build time then reads 0).
  const reuse = process.env.BENCH_SEARCH_DB;
  const path = reuse ?? join(scratchDir('search'), 'emcee.db');
  const { store, seconds } = reuse ? { store: ChatStore.open(reuse), seconds: 0 } : buildArchive(path);
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  const megabytes = statSync(path).size / 1e6;
  const next = seededRandom(7);
  // Any word of the vocabulary, uniformly: the most common words (in a third of the answers) come up as
  // often as any other, so the worst case counts in the p95.
  const pick = () => VOCABULARY[Math.floor(next() * VOCABULARY.length)]!;
  const common = VOCABULARY.slice(0, 20);
  const oneWord = [...common, ...Array.from({ length: QUERIES - common.length }, pick)];
  const twoWords = Array.from({ length: QUERIES }, (_, i) => `${i % 3 === 0 ? common[i % 20] : pick()} ${pick()}`);
  timeQueries(store, oneWord.slice(0, 20)); // warm the page cache
  const one = timeQueries(store, oneWord);
  const two = timeQueries(store, twoWords);
  store.close();
  // The built archive is a few hundred MB: kept only when asked for (BENCH_SEARCH_KEEP=1, then BENCH_SEARCH_DB).
  if (!reuse && process.env.BENCH_SEARCH_KEEP !== '1') rmSync(dirname(path), { recursive: true, force: true });
  const rows = [
    ['one-word', one],
    ['two-word', two],
  ].map(([name, result]) => {
    const { ms, capped } = result as { ms: number[]; capped: number };
    const p95 = percentile(ms, 95);
    return {
      scenario: `search ${(ANSWERS / 1e6).toLocaleString('en')}M answers, ${name} queries`,
      figure: `p95 ${fmt(p95, 1)} ms, p50 ${fmt(percentile(ms, 50), 1)} ms, max ${fmt(ms.at(-1) ?? Number.NaN, 1)} ms`,
      target: `p95 < ${TARGET_MS} ms`,
      met: p95 < TARGET_MS,
      note: `${QUERIES} queries; ${capped} matched over ${SEARCH_RESULT_CAP} (shown as "1,000+", newest first)`,
    };
  });
  rows.push({
    scenario: 'search archive build',
    figure: `${fmt(seconds, 1)} s for ${ANSWERS.toLocaleString('en')} answers, database ${fmt(megabytes, 0)} MB`,
    target: 'reported',
    met: null,
    note: 'one transaction, index filled by the trigger',
  } as never);
  return { rows, data: { answers: ANSWERS, buildSeconds: seconds, megabytes, oneWordMs: one.ms, twoWordMs: two.ms } };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of benchSearch().rows)
    console.log(`${row.scenario}: ${row.figure} (target ${row.target}) ${row.note}`);
}
