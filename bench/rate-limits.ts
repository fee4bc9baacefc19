import { createDiscordAdapter, discordConfigSchema } from '../adapters/discord/index.js';
import { createSlackAdapter, slackConfigSchema } from '../adapters/slack/index.js';
import { ChatRouter } from '../src/chat-router.js';
import { silentLogger } from '../src/log.js';
import type { PlatformAdapter } from '../src/port.js';
import { loadScript } from '../src/script/load-script.js';
import type { ChatScript } from '../src/script/script-schema.js';
import { planTimeline } from '../src/script/timeline.js';
import { ChatStore } from '../src/store/chat-store.js';
import { SystemClock } from '../src/time/clock.js';
import { FakeDiscord } from '../test/fakes/discord/fake-discord.js';
import { FakeSlack } from '../test/fakes/slack/fake-slack.js';
import { fmt, type BenchResult, type BenchRow } from './bench-support.js';

const ANSWERS_PER_MINUTE = 300;
const PEOPLE = 60;

/** What the fake platform saw, and what the adapter reports it did. */
interface Measured {
  rateLimited: number;
  /** Answers the adapter acknowledged with a reaction of their own (the adapter's count). */
  individually: number;
  /** Answers the adapter folded into an applause post (the adapter's count). */
  coalesced: number;
  /** When each question reached the platform: its last attempt, the one that was not refused. */
  questionTimes: number[];
  /** Cross-check on the fake's side: messages that received a reaction, and applause posts. */
  reactedOnFake: number;
  applausePosts: number;
}

/** When each question (by its "Qn:" text) was last sent: a 429'd attempt is followed by the one that landed. */
function lastAttempts(calls: { text: string; at: number }[]): number[] {
  const last = new Map<number, number>();
  for (const call of calls) {
    const number = /^Q(\d+):/.exec(call.text)?.[1];
    if (number) last.set(Number(number), call.at);
  }
  return [...last.entries()].sort((a, b) => a[0] - b[0]).map(([, at]) => at);
}

interface Run {
  platform: string;
  answers: number;
  questionLatenessMs: number[];
  questionsPosted: number;
  rateLimited: number;
  individually: number;
  coalesced: number;
  unconfirmedPosts: number;
  drainMs: number;
  reactedOnFake: number;
  applausePosts: number;
}

function script(): ChatScript {
  const base = loadScript('prompts/demo.yaml');
  return {
    ...base,
    intro: { ...base.intro, minutes: 2 / 60 },
    questions: base.questions.slice(0, 3).map((q) => ({ ...q, minutes: 15 / 60 })),
  };
}

/** Runs one busy chat on a rate-limited fake; `say` sends an answer as person `p`. */
async function busyChat(
  adapter: PlatformAdapter,
  say: (person: number, text: string) => void,
  measure: () => Measured,
  name: string,
): Promise<Run> {
  const chat = script();
  const plan = planTimeline(chat);
  const clock = new SystemClock();
  const store = ChatStore.open(':memory:');
  const host = new ChatRouter({ store, platform: adapter, clock, log: silentLogger });
  await adapter.start(host);
  const startedAt = clock.now();
  const runner = await host.startSession({
    script: chat,
    community: adapter.community,
    channel: adapter.defaultChannel,
  });
  // 300 answers a minute, spread evenly over the questions' windows.
  const every = 60_000 / ANSWERS_PER_MINUTE;
  let sent = 0;
  const timers: NodeJS.Timeout[] = [];
  for (let q = 0; q < chat.questions.length; q++) {
    const from = plan.questionOffsets[q]! + 200;
    const to = (plan.questionOffsets[q + 1] ?? plan.closingOffset) - 300;
    for (let t = from; t < to; t += every) {
      const person = sent++ % PEOPLE;
      timers.push(
        setTimeout(() => say(person, `A${q + 1}: answer ${sent} from person ${person}`), t - (clock.now() - startedAt)),
      );
    }
  }
  await runner.done;
  const drainStarted = Date.now();
  await runner.drain();
  const drainMs = Date.now() - drainStarted;
  const answers = store.messages.forSession(runner.id).filter((m) => m.question_number !== null).length;
  const unconfirmed = store.posts.forSession(runner.id).filter((p) => p.state !== 'sent').length;
  const measured = measure();
  await host.stop();
  await adapter.stop();
  timers.forEach(clearTimeout);
  store.close();
  return {
    platform: name,
    answers,
    questionLatenessMs: measured.questionTimes.map((at, i) => at - (startedAt + plan.questionOffsets[i]!)),
    questionsPosted: measured.questionTimes.length,
    rateLimited: measured.rateLimited,
    individually: measured.individually,
    coalesced: measured.coalesced,
    unconfirmedPosts: unconfirmed,
    drainMs,
    reactedOnFake: measured.reactedOnFake,
    applausePosts: measured.applausePosts,
  };
}

async function slackRun(): Promise<Run> {
  const fake = new FakeSlack();
  await fake.start();
  fake.enforceTiers();
  for (let p = 0; p < PEOPLE; p++) fake.addUser({ id: `U${p}`, name: `p${p}`, display: `person${p}` });
  const adapter = createSlackAdapter(
    slackConfigSchema.parse({
      botToken: 'xoxb-bench',
      appToken: 'xapp-bench',
      channel: 'C1',
      apiUrl: fake.apiUrl,
      clientPingTimeoutMs: 1000,
    }),
    silentLogger,
  );
  try {
    return await busyChat(
      adapter,
      (p, text) => void fake.userSays({ channel: 'C1', user: `U${p}`, text }),
      () => ({
        rateLimited: [...fake.rateLimited.values()].reduce((a, b) => a + b, 0),
        individually: adapter.reactionStats.sent,
        coalesced: adapter.reactionStats.coalesced,
        questionTimes: lastAttempts(
          fake.callsTo('chat.postMessage').map((c) => ({ text: String(c.args.text), at: c.at })),
        ),
        reactedOnFake: new Set(
          fake.callsTo('reactions.add').map((c) => `${String(c.args.channel)}:${String(c.args.timestamp)}`),
        ).size,
        applausePosts: new Set(
          fake
            .callsTo('chat.postMessage')
            .filter((c) => String(c.args.text).startsWith('👏'))
            .map((c) => String(c.args.text)),
        ).size,
      }),
      'Slack',
    );
  } finally {
    await fake.stop();
  }
}

async function discordRun(): Promise<Run> {
  const fake = new FakeDiscord();
  await fake.start();
  fake.enforceLimits();
  const ids = Array.from({ length: PEOPLE }, (_, p) => String(300000000000000000n + BigInt(p)));
  for (const [p, id] of ids.entries()) fake.addMember({ id, username: `person${p}` });
  const adapter = createDiscordAdapter(
    discordConfigSchema.parse({
      token: 'fake-bot-token',
      guildId: fake.guildId,
      channelId: fake.channelId,
      apiUrl: fake.apiUrl,
    }),
    silentLogger,
  );
  try {
    const answered = new Set<string>();
    return await busyChat(
      adapter,
      (p, text) => answered.add(String(fake.memberSays({ author: ids[p]!, content: text }).id)),
      () => ({
        rateLimited: [...fake.rateLimited.values()].reduce((a, b) => a + b, 0),
        individually: new Set(
          fake.calls.filter((c) => c.method === 'PUT' && /\/reactions\//.test(c.path)).map((c) => c.path),
        ).size,
        coalesced: 0,
        questionTimes: lastAttempts(
          fake.calls
            .filter((c) => c.method === 'POST' && /\/messages$/.test(c.path))
            .map((c) => ({ text: String(c.body?.content), at: c.at })),
        ),
        reactedOnFake: new Set(
          fake.calls.filter((c) => c.method === 'PUT' && /\/reactions\//.test(c.path)).map((c) => c.path),
        ).size,
        applausePosts: new Set(
          fake.calls
            .filter(
              (c) => c.method === 'POST' && /\/messages$/.test(c.path) && String(c.body?.content).startsWith('👏'),
            )
            .map((c) => String(c.body?.content)),
        ).size,
      }),
      'Discord',
    );
  } finally {
    await fake.stop();
  }
}

/** Scenario 3: acknowledgements against rate-limited fakes must never delay a question. */
export async function benchRateLimits(): Promise<BenchResult> {
  const rows: BenchRow[] = [];
  const runs: Run[] = [];
  for (const run of [await slackRun(), await discordRun()]) {
    runs.push(run);
    const worst = Math.max(...run.questionLatenessMs);
    const acknowledged = (run.individually + run.coalesced) / Math.max(1, run.answers);
    rows.push({
      scenario: `Acks under ${run.platform}'s limits: ${ANSWERS_PER_MINUTE} answers/min (${run.answers} answers)`,
      figure:
        `questions late by at most ${fmt(worst, 0)} ms; ${run.rateLimited} 429s; acknowledged ` +
        `${fmt(acknowledged * 100, 1)}% ` +
        `(${run.individually} reactions, ${run.coalesced} folded into applause); ${run.unconfirmedPosts} posts lost`,
      target: 'lateness < 1 s, no lost posts, 100% acknowledged',
      met: worst < 1000 && run.unconfirmedPosts === 0 && run.questionsPosted === 3 && acknowledged >= 0.999,
      note:
        `acks drained ${fmt(run.drainMs / 1000, 1)} s after the chat ended; the fake saw reactions on ` +
        `${run.reactedOnFake} messages and ${run.applausePosts} applause posts`,
    });
  }
  return { rows, data: { runs } };
}
