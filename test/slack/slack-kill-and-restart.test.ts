import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChatScript } from '../../src/script/script-schema.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { shippedScript, writeTestScript } from '../support/write-test-script.js';
import { FakeSlack } from '../fakes/slack/fake-slack.js';
import { waitFor } from './slack-harness.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

// Three short questions in real time: the bot runs as a real process, with a real clock.
const demo = shippedScript('demo');
const SCRIPT: ChatScript = {
  ...demo,
  id: 'restart-test',
  intro: { ...demo.intro, minutes: 0.02 },
  defaultQuestionMinutes: 0.06,
  questions: demo.questions.slice(0, 3),
};

const fake = new FakeSlack();
afterAll(() => fake.stop());

function startBot(dir: string) {
  const child = spawn(process.execPath, ['bin/emcee.js', 'start'], {
    cwd: root,
    env: {
      ...process.env,
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_APP_TOKEN: 'xapp-test-token',
      SLACK_CHANNEL: 'C1',
      SLACK_HOST_IDS: 'UHOST',
      EMCEE_SLACK_API_URL: fake.apiUrl,
      EMCEE_DB: join(dir, 'emcee.db'),
      EMCEE_PROMPTS_DIR: join(dir, 'prompts'),
      EMCEE_RECAP_DIR: join(dir, 'recaps'),
      EMCEE_LOG_LEVEL: 'warn',
    },
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return { child, output: () => output, exited };
}

const botPosts = (prefix: string) =>
  (fake.history.get('C1') ?? []).filter((m) => m.user === fake.botUserId && m.text.startsWith(prefix));

describe('kill and restart against a local Slack', () => {
  it('SIGKILL mid-question, answers while down, restart: each question once, all attributed, full recap', async () => {
    await fake.start();
    for (const [id, name] of [
      ['UHOST', 'host'],
      ['U1', 'ana'],
      ['U2', 'bea'],
      ['U3', 'carl'],
    ] as const)
      fake.addUser({ id, name, display: name });
    const dir = mkdtempSync(join(tmpdir(), 'emcee-slack-kill-'));
    writeTestScript(join(dir, 'prompts'), SCRIPT);
    copyFileSync(join(root, 'prompts/recap-summary.md'), join(dir, 'prompts', 'recap-summary.md'));

    const first = startBot(dir);
    await waitFor(() => fake.socketCount === 1, 'the bot to connect', 15_000);
    fake.slashCommand({ channel: 'C1', user: 'UHOST', text: 'start restart-test' });
    await waitFor(() => botPosts('Q1:').length === 1, 'Q1', 10_000);
    fake.userSays({ channel: 'C1', user: 'U1', text: 'A1: live answer' });
    await waitFor(() => botPosts('Q2:').length === 1, 'Q2', 10_000);
    fake.userSays({ channel: 'C1', user: 'U1', text: 'A2: live before the crash' });
    await waitFor(() => fake.callsTo('reactions.add').length === 2, 'both live answers acknowledged', 10_000);
    first.child.kill('SIGKILL');
    await first.exited;
    await waitFor(() => fake.socketCount === 0, 'the socket to drop');

    // While the bot is down people keep answering, in the channel and in Q2's thread.
    const q2 = botPosts('Q2:')[0]!;
    fake.userSaysOffline({ channel: 'C1', user: 'U2', text: 'A2: sent while the bot was down' });
    fake.userSaysOffline({ channel: 'C1', user: 'U3', text: 'A thread reply while down', threadTs: q2.ts });
    // Q3 falls due meanwhile: wait out Q2's window (the bot runs on real time, speed 1).
    const down = ChatStore.open(join(dir, 'emcee.db'));
    const q2Deadline = down.sessions.unfinished()[0]!.step_deadline!;
    down.close();
    await waitFor(() => Date.now() > q2Deadline, "Q3's planned time, while the bot is down", 15_000);

    const second = startBot(dir);
    await waitFor(() => second.output().includes('resumed session'), 'the recovery report', 15_000);
    expect(second.output()).toMatch(/resumed session 1: 2 message\(s\) from while the bot was down/);
    await waitFor(() => second.output().includes('ended; recap:'), 'the chat to end', 20_000);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    for (const q of ['Q1:', 'Q2:', 'Q3:']) expect(botPosts(q), q).toHaveLength(1);
    expect(botPosts('Welcome to')).toHaveLength(1);
    const store = ChatStore.open(join(dir, 'emcee.db'));
    const answers = Object.fromEntries(store.messages.forSession(1).map((m) => [m.text, m.question_number]));
    expect(answers).toEqual({
      'A1: live answer': 1,
      'A2: live before the crash': 2,
      'A2: sent while the bot was down': 2,
      'A thread reply while down': 2,
    });
    const thanks = botPosts('Thank you, everyone')[0]!.text;
    for (const user of ['<@U1>', '<@U2>', '<@U3>']) expect(thanks).toContain(user);
    const recap = readFileSync(join(dir, 'recaps', 'session-1.md'), 'utf8');
    expect(recap).toContain('sent while the bot was down');
    expect(recap).toContain('A thread reply while down');
    store.close();
  }, 90_000);
});
