import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait-for.js';
import { shippedScript, writeTestScript } from '../support/write-test-script.js';
import type { ChatScript } from '../../src/script/script-schema.js';
import { ChatStore } from '../../src/store/chat-store.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

// Four questions of a minute and a half at 60x: a whole chat takes about seven seconds of real time.
const demo = shippedScript('demo');
const SCRIPT: ChatScript = {
  ...demo,
  id: 'restart-test',
  intro: { ...demo.intro, minutes: 0.5 },
  defaultQuestionMinutes: 1.5,
  questions: demo.questions.slice(0, 4),
};

function start(args: string[]): {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['bin/emcee.js', 'run', ...args], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1', EMCEE_LOG_LEVEL: 'warn' },
  });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (out += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

describe('kill and restart on the local room', () => {
  it('SIGKILL mid-question, answers while down, restart: every question once, every answer attributed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emcee-kill-'));
    const script = writeTestScript(dir, SCRIPT);
    const db = join(dir, 'emcee.db');
    const room = join(dir, 'room.jsonl');
    const args = [script, '--speed', '60', '--db', db, '--room', room, '--user', 'tester'];

    const first = start(args);
    await waitFor(() => first.output().includes('emcee: Q2:'), 'Q2 in the first run');
    first.child.stdin.write('A2: typed before the crash\n');
    await waitFor(() => first.output().includes('tester: A2: typed before the crash'), 'the typed answer');
    const peek = ChatStore.open(db);
    const stored = () => peek.messages.forSession(peek.sessions.unfinished()[0]!.id).map((m) => m.text);
    await waitFor(() => stored().includes('A2: typed before the crash'), 'the typed answer in SQLite');
    peek.close();
    first.child.kill('SIGKILL');
    await first.exited;

    // While the bot is down, people keep answering: lines land in the room's history.
    const store = ChatStore.open(db);
    const session = store.sessions.unfinished()[0]!;
    expect(session.step).toBe(2);
    const chatNow = () => session.clock_origin! + (Date.now() - session.clock_origin!) * session.clock_speed;
    const say = (name: string, text: string, replyTo?: string) => {
      const ts = Math.round(chatNow());
      const line = {
        id: `local:room:down-${name}`,
        authorId: `local:${name}`,
        author: name,
        text,
        ts,
        bot: false,
        replyTo,
      };
      appendFileSync(room, `${JSON.stringify(line)}\n`);
    };
    say('dana', 'A2: answered while the bot was down');
    const q2 = readFileSync(room, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
      .find((e) => e.bot && e.text.startsWith('Q2:'));
    say('eli', 'a thread reply to Q2 while down', q2.id);
    store.close();
    // Stay down past Q3's planned time: the end of Q2's window, on the session's own sped-up clock.
    await waitFor(() => chatNow() > session.step_deadline!, "Q3's planned time, while the bot is down", 10_000);

    const second = start(args);
    second.child.stdin.end();
    expect(await second.exited).toBe(0);
    expect(second.output()).toMatch(/Resuming the unfinished chat/);
    expect(second.output()).toMatch(/resumed session \d+: 2 message\(s\) from while the bot was down/);

    const posted = readFileSync(room, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
      .filter((e) => e.bot);
    for (const q of [1, 2, 3, 4])
      expect(
        posted.filter((e) => e.text.startsWith(`Q${q}:`)),
        `Q${q}`,
      ).toHaveLength(1);
    expect(posted.filter((e) => e.text.startsWith('Welcome to'))).toHaveLength(1);

    const after = ChatStore.open(db);
    const rows = after.messages.forSession(session.id);
    const byAuthor = Object.fromEntries(rows.map((r) => [r.author_name, r.question_number]));
    expect(byAuthor).toMatchObject({ tester: 2, dana: 2, eli: 2 });
    expect(after.sessions.get(session.id)!.state).toBe('ended');
    const thanked = after.thanks
      .forSession(session.id)
      .map((t) => t.user_id)
      .sort();
    expect(thanked).toEqual(['local:dana', 'local:eli', 'local:tester']);
    after.close();
  }, 60_000);
});
