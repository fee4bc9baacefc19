import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { SeededRandom } from '../adapters/local/seeded-random.js';
import { ChatRouter } from '../src/chat-router.js';
import { silentLogger } from '../src/log.js';
import { loadScript } from '../src/script/load-script.js';
import type { ChatScript } from '../src/script/script-schema.js';
import { planTimeline } from '../src/script/timeline.js';
import { ChatStore } from '../src/store/chat-store.js';
import { SystemClock } from '../src/time/clock.js';
import { BenchPlatform, contentionMeter, fmt, percentile, scratchDir, type BenchResult } from './bench-support.js';

/** How the crowd of 1,000 chats is made up. */
export interface TimelinessOptions {
  /** Concurrent sessions in the one process. */
  sessions: number;
  /** People in each community (each session is its own community). */
  pool: number;
  /** Share of each pool already known to its community (not welcomed as first-timers). */
  returning: number;
  /**
   * Each session draws its own pace, in messages a minute, between these (the issue: 55 on average, ~300 at the
   * peak).
   */
  pace: [number, number];
  /** Real milliseconds over which the sessions start, evenly (0: all at once, like a cron at :00). */
  stagger: number;
  /** Questions per chat and seconds each; the intro lasts `intro` seconds. */
  questions: number;
  questionSeconds: number;
  intro: number;
}

export const DEFAULT_TIMELINESS: TimelinessOptions = {
  sessions: 1000,
  pool: 400,
  returning: 0.8,
  pace: [55, 300],
  stagger: 28_000, // one chat's length: at any moment some chats open, some ask, some close
  questions: 5,
  questionSeconds: 5,
  intro: 3,
};

/**
 * Scenario 2: many concurrent sessions in one process on the real clock. Each session is its own
 * community with its own crowd of `pool` people, most of them regulars, and receives messages at its own
 * pace (85% answers to the open question, the rest chatter) from people picked at random from its crowd,
 * so first-timers are welcomed and everybody is thanked at the close. Records when each question reaches
 * the platform against its planned instant (session start + planTimeline offset), and the peak RSS.
 */
export async function benchTimeliness(options: Partial<TimelinessOptions> = {}): Promise<BenchResult> {
  const o = { ...DEFAULT_TIMELINESS, ...options };
  const base = loadScript('prompts/demo.yaml');
  const script: ChatScript = {
    ...base,
    intro: { ...base.intro, minutes: o.intro / 60 },
    questions: Array.from({ length: o.questions }, (_, q) => ({
      ...base.questions[q % base.questions.length]!,
      minutes: o.questionSeconds / 60,
    })),
  };
  const plan = planTimeline(script);
  const clock = new SystemClock();
  const path = join(scratchDir('scale'), 'emcee.db');
  seedRegulars(path, o, clock.now());
  const store = ChatStore.open(path);
  const platform = new BenchPlatform(clock, undefined, false);
  const host = new ChatRouter({ store, platform, clock, log: silentLogger });
  const random = new SeededRandom(20261122);

  const baselineRss = process.memoryUsage().rss;
  // What else held the thread: garbage collection pauses and the event loop's delay.
  const gcPauses: { at: number; ms: number; kind: number }[] = [];
  const gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      gcPauses.push({
        at: Date.now(),
        ms: entry.duration,
        kind: (entry as { detail?: { kind?: number } }).detail?.kind ?? 0,
      });
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  // Event-loop stalls: a 10 ms tick that fires late shows how long the thread was busy (or not scheduled).
  const stalls: { at: number; ms: number }[] = [];
  let tickExpected = performance.now() + 10;
  const ticker = setInterval(() => {
    const now = performance.now();
    if (now - tickExpected > 20) stalls.push({ at: Date.now(), ms: now - tickExpected });
    tickExpected = now + 10;
  }, 10);
  let peakRss = baselineRss;
  let peakHeap = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 25);
  const startedAt = new Map<string, number>();
  let messages = 0;
  const timers = new Set<NodeJS.Timeout>();
  const done: Promise<void>[] = [];
  const chatEnd = plan.closingOffset;

  /** One session's crowd: a chain of one timer at a time, each message at the session's own pace. */
  const crowd = (session: number, channel: string, start: number) => {
    const perMinute = random.between(o.pace[0], o.pace[1]);
    const gap = () => (-Math.log(1 - random.next()) * 60_000) / perMinute; // Poisson arrivals
    let offset = gap();
    const next = () => {
      if (offset >= chatEnd - 100) return;
      const timer = setTimeout(
        () => {
          timers.delete(timer);
          let open = 0; // the question open now (0 during the intro)
          while (open < plan.questionOffsets.length && plan.questionOffsets[open]! <= clock.now() - start) open++;
          const person = Math.floor(random.next() * o.pool);
          const n = messages++;
          void host.handleMessage({
            id: `${channel}:m${n}`,
            channel,
            community: `bench:T${session}`,
            author: { id: `bench:T${session}:U${person}`, displayName: `person${person}`, isBot: false, isHost: false },
            text:
              open > 0 && random.chance(0.85)
                ? `A${open}: an answer from person ${person}`
                : `Hello from person ${person}!`,
            ts: clock.now(),
          });
          offset += gap();
          next();
        },
        Math.max(0, start + offset - clock.now()),
      );
      timers.add(timer);
    };
    next();
  };

  const launchStarted = clock.now();
  const contention = contentionMeter();
  // Session s starts at s × stagger / sessions; with no stagger, all in one go.
  const begin = (s: number) => {
    const channel = `bench:C${s}`;
    done.push(
      host.startSession({ script, community: `bench:T${s}`, channel }).then((runner) => {
        const start = store.sessions.get(runner.id)!.started_at;
        startedAt.set(channel, start);
        crowd(s, channel, start);
        return runner.done;
      }),
    );
  };
  await new Promise<void>((resolve) => {
    let launched = 0;
    const launch = () => {
      const due =
        o.stagger > 0
          ? Math.min(o.sessions, Math.floor(((clock.now() - launchStarted) / o.stagger) * o.sessions) + 1)
          : o.sessions;
      while (launched < due) begin(launched++);
      if (launched < o.sessions) setTimeout(launch, Math.max(1, Math.min(20, o.stagger / o.sessions)));
      else resolve();
    };
    launch();
  });
  await Promise.all(done);
  const runSeconds = (clock.now() - launchStarted) / 1000;
  const shared = contention();
  clearInterval(sampler);
  gcObserver.disconnect();
  clearInterval(ticker);
  const leftoverTimers = timers.size; // messages planned for a chat that had already closed
  timers.forEach(clearTimeout);
  peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);

  const lateness: number[] = [];
  const byQuestion: number[][] = script.questions.map(() => []);
  const seen = new Map<string, number>();
  for (const post of platform.posts) {
    if (post.message.kind !== 'question') continue;
    const number = post.message.question!.number;
    const late = post.at - (startedAt.get(post.channel)! + plan.questionOffsets[number - 1]!);
    lateness.push(late);
    byQuestion[number - 1]!.push(late);
    seen.set(post.channel, (seen.get(post.channel) ?? 0) + 1);
  }
  lateness.sort((a, b) => a - b);
  const worst = platform.posts
    .filter((post) => post.message.kind === 'question')
    .map((post) => ({
      secondsIn: (post.at - launchStarted) / 1000,
      question: post.message.question!.number,
      lateMs: post.at - (startedAt.get(post.channel)! + plan.questionOffsets[post.message.question!.number - 1]!),
    }))
    .sort((a, b) => b.lateMs - a.lateMs);
  const counts = store.db
    .prepare(`SELECT (SELECT COUNT(*) FROM messages) AS messages,
                     (SELECT COUNT(*) FROM bot_posts WHERE kind = 'first-timer') AS welcomes,
                     (SELECT COUNT(*) FROM bot_posts WHERE kind = 'thanks') AS thanks,
                     (SELECT COUNT(DISTINCT session_id || ':' || author_id) FROM messages) AS participants`)
    .get() as { messages: number; welcomes: number; thanks: number; participants: number };
  await host.stop();
  store.close();
  const complete = [...seen.values()].filter((n) => n === script.questions.length).length;
  const p99 = percentile(lateness, 99);
  const mb = (bytes: number) => bytes / 1024 / 1024;
  const rssMb = mb(peakRss);
  const runtime = process.env.BENCH_RUNTIME ?? 'tsx';
  const starts =
    o.stagger > 0
      ? `chats starting one after another over ${o.stagger / 1000} s`
      : 'all chats started at once (a cron at :00)';
  return {
    rows: [
      {
        scenario:
          `Timeliness, ${starts}: ${o.sessions} concurrent sessions in one process, ${o.questions} questions of ` +
          `${o.questionSeconds} s each ` +
          `(${counts.messages.toLocaleString('en-US')} messages at ${o.pace[0]}–${o.pace[1]}/min per chat from ` +
          `${counts.participants.toLocaleString('en-US')} people; ` +
          `${counts.welcomes.toLocaleString('en-US')} first-timer welcomes, ` +
          `${counts.thanks.toLocaleString('en-US')} thank-you posts)`,
        figure:
          `question lateness p50 ${fmt(percentile(lateness, 50), 0)} ms, p99 ${fmt(p99, 0)} ms, max ` +
          `${fmt(lateness.at(-1)!, 0)} ms; ${complete}/${o.sessions} sessions posted every question`,
        target: 'p99 < 50 ms',
        met: p99 < 50 && complete === o.sessions,
        ...(shared
          ? {
              note:
                `this process used ${fmt(shared.ownShare * 100, 0)}% of the machine, other processes ` +
                `${fmt(shared.othersShare * 100, 0)}%`,
            }
          : {}),
      },
      {
        scenario: `Timeliness, ${starts}: peak memory of the process (${runtime})`,
        figure:
          `${fmt(rssMb, 0)} MB RSS (the same process before any session: ${fmt(mb(baselineRss), 0)} MB; peak ` +
          `JS heap ${fmt(mb(peakHeap), 0)} MB)`,
        target: '< 200 MB',
        met: rssMb < 200,
      },
    ],
    data: {
      options: o,
      runtime,
      runSeconds,
      contention: shared,
      counts,
      latenessMs: {
        p50: percentile(lateness, 50),
        p99,
        max: lateness.at(-1),
        byQuestion: byQuestion.map((l) => {
          l.sort((a, b) => a - b);
          return { p50: percentile(l, 50), p99: percentile(l, 99), max: l.at(-1) };
        }),
      },
      peakRssMb: rssMb,
      baselineRssMb: mb(baselineRss),
      peakHeapMb: mb(peakHeap),
      complete,
      leftoverTimers,
      gc: {
        pauses: gcPauses.length,
        totalMs: gcPauses.reduce((sum, g) => sum + g.ms, 0),
        longest: [...gcPauses]
          .sort((a, b) => b.ms - a.ms)
          .slice(0, 5)
          .map((g) => ({ secondsIn: (g.at - launchStarted) / 1000, ms: g.ms, kind: g.kind })),
      },
      stallsOver20Ms: {
        count: stalls.length,
        longest: [...stalls]
          .sort((a, b) => b.ms - a.ms)
          .slice(0, 5)
          .map((x) => ({ secondsIn: (x.at - launchStarted) / 1000, ms: x.ms })),
      },
      worstQuestions: worst.slice(0, 5),
    },
  };
}

/**
 * Regulars: people known to their community from earlier chats, so only newcomers get a first-timer
 * welcome. Written through a connection of its own, closed before the measured run, so the process
 * starts from a database on disk as a restarted host would.
 */
function seedRegulars(path: string, o: TimelinessOptions, now: number): void {
  const seed = ChatStore.open(path);
  const regulars = Math.round(o.pool * o.returning);
  seed.transaction(() => {
    for (let s = 0; s < o.sessions; s++) {
      seed.sessions.ensureCommunity(`bench:T${s}`, 'bench', now);
      for (let p = 0; p < regulars; p++) {
        seed.participants.recordSeen({
          communityId: `bench:T${s}`,
          userId: `bench:T${s}:U${p}`,
          displayName: `person${p}`,
          sessionId: 0,
          now,
        });
      }
    }
  });
  seed.db.pragma('wal_checkpoint(TRUNCATE)');
  seed.close();
}
