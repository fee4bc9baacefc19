import { join } from 'node:path';
import { ChatHost } from '../src/chat-host.js';
import { silentLogger } from '../src/log.js';
import { loadScript } from '../src/script/load-script.js';
import type { ChatScript } from '../src/script/script-schema.js';
import { planTimeline } from '../src/script/timeline.js';
import { ChatStore } from '../src/store/chat-store.js';
import { SystemClock } from '../src/time/clock.js';
import { BenchPlatform, fmt, percentile, scratchDir, type BenchResult } from './bench-support.js';

/** Scenario 2: many concurrent sessions in one process on the real clock, each with its own crowd. */
export async function benchTimeliness(sessions = 1000, crowd = 12): Promise<BenchResult> {
  const base = loadScript('prompts/demo.yaml');
  // Five short questions: the whole run takes about half a minute of real time.
  const script: ChatScript = { ...base, intro: { ...base.intro, minutes: 3 / 60 }, questions: base.questions.slice(0, 5).map((q) => ({ ...q, minutes: 5 / 60 })) };
  const plan = planTimeline(script);
  const clock = new SystemClock();
  const store = ChatStore.open(join(scratchDir('scale'), 'emcee.db'));
  const platform = new BenchPlatform(clock, undefined, false);
  const host = new ChatHost({ store, platform, clock, log: silentLogger });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const started = new Map<string, number>();
  let messages = 0;
  const done: Promise<void>[] = [];

  await new Promise<void>((resolve) => {
    let launched = 0;
    const launch = () => {
      for (let k = 0; k < 10 && launched < sessions; k++, launched++) {
        const channel = `bench:C${launched}`;
        const at = clock.now();
        started.set(channel, at);
        done.push(
          host.startSession({ script, community: 'bench', channel }).then((runner) => {
            // Each person answers every question once, at a random moment of its window.
            for (let q = 0; q < script.questions.length; q++) {
              for (let p = 0; p < crowd; p++) {
                const window = (plan.questionOffsets[q + 1] ?? plan.closingOffset) - plan.questionOffsets[q]!;
                const when = plan.questionOffsets[q]! + Math.random() * 0.8 * window;
                setTimeout(() => {
                  messages++;
                  void host.handleMessage({
                    id: `${channel}:m${q}-${p}`,
                    channel,
                    community: 'bench',
                    author: { id: `bench:U${p}`, displayName: `person${p}`, isBot: false, isHost: false },
                    text: `A${q + 1}: an answer from person ${p}`,
                    ts: clock.now(),
                  });
                }, when - (clock.now() - at));
              }
            }
            return runner.done;
          }),
        );
      }
      if (launched < sessions) setTimeout(launch, 20);
      else resolve();
    };
    launch();
  });
  await Promise.all(done);
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);

  const lateness: number[] = [];
  const seen = new Map<string, number>();
  for (const post of platform.posts) {
    if (post.message.kind !== 'question') continue;
    const number = post.message.question!.number;
    const planned = started.get(post.channel)! + plan.questionOffsets[number - 1]!;
    lateness.push(post.at - planned);
    seen.set(post.channel, (seen.get(post.channel) ?? 0) + 1);
  }
  lateness.sort((a, b) => a - b);
  await host.stop();
  store.close();
  const complete = [...seen.values()].filter((n) => n === script.questions.length).length;
  const p99 = percentile(lateness, 99);
  const rssMb = peakRss / 1024 / 1024;
  return {
    rows: [
      {
        scenario: `Timeliness: ${sessions} concurrent sessions × ${crowd} people, ${script.questions.length} questions each (${messages.toLocaleString('en-US')} answers)`,
        figure: `question lateness p50 ${fmt(percentile(lateness, 50), 0)} ms, p99 ${fmt(p99, 0)} ms, max ${fmt(lateness.at(-1)!, 0)} ms; ${complete}/${sessions} sessions posted every question`,
        target: 'p99 < 50 ms',
        met: p99 < 50 && complete === sessions,
      },
      { scenario: 'Timeliness: peak memory of the process', figure: `${fmt(rssMb, 0)} MB RSS`, target: '< 200 MB', met: rssMb < 200 },
    ],
    data: { sessions, crowd, answers: messages, latenessMs: { p50: percentile(lateness, 50), p99, max: lateness.at(-1) }, peakRssMb: rssMb, complete },
  };
}
