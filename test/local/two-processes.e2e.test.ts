import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ChatScript } from '../../src/script/script-schema.js';
import { waitFor } from '../support/wait-for.js';
import { shippedScript, writeTestScript } from '../support/write-test-script.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const LEASE_MS = 2000;

// Five questions of a minute at 30x (two seconds each): long enough to kill the owner mid-chat.
const demo = shippedScript('demo');
const SCRIPT: ChatScript = {
  ...demo,
  id: 'two-processes',
  intro: { ...demo.intro, minutes: 0.5 },
  defaultQuestionMinutes: 1,
  questions: demo.questions.slice(0, 5),
};

function run(
  args: string[],
  env: Record<string, string>,
): { child: ChildProcessWithoutNullStreams; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['bin/emcee.js', 'run', ...args], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1', EMCEE_LOG_LEVEL: 'warn', EMCEE_LEASE_MS: String(LEASE_MS), ...env },
  });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (out += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

describe('two processes on one database and one room', () => {
  it('one process runs the chat; if it stalls the other takes over after the lease; nothing posted twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emcee-two-'));
    const script = writeTestScript(dir, SCRIPT);
    const room = join(dir, 'room.jsonl');
    const args = [script, '--speed', '30', '--db', join(dir, 'emcee.db'), '--room', room, '--user', 'tester'];
    const env = { EMCEE_RECAP_DIR: join(dir, 'recaps') };
    const first = run(args, env);
    await waitFor(() => first.output().includes('emcee: Q1:'), 'Q1 from the first process', 15_000);

    const second = run(args, env);
    await waitFor(() => second.output().includes('is run by process'), 'the second process naming the owner', 15_000);
    expect(second.output()).toMatch(
      new RegExp(`Session 1 in this room is run by process ${first.child.pid} on \\S+ since`),
    );
    expect(second.output()).not.toContain('emcee: ');

    await waitFor(() => first.output().includes('emcee: Q2:'), 'Q2 from the first process', 15_000);
    // The owner stalls (alive but silent): the standby waits for its lease to lapse, then takes the chat over.
    first.child.kill('SIGSTOP');
    const stalledAt = Date.now();
    await waitFor(() => second.output().includes('resumed session 1'), 'the takeover', 15_000);
    // Not before the lease lapsed: up to a third of it may have passed since the last heartbeat.
    expect(Date.now() - stalledAt).toBeGreaterThanOrEqual((LEASE_MS * 2) / 3 - 100);
    // The old owner wakes up with overdue timers: it must leave the chat alone.
    first.child.kill('SIGCONT');
    expect(await second.exited).toBe(0);
    expect(second.output()).toMatch(/Chat finished: \d+ answers/);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(first.output()).not.toMatch(/emcee: Q[3-5]:/);

    const posted = readFileSync(room, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { bot: boolean; text: string })
      .filter((entry) => entry.bot);
    for (let q = 1; q <= 5; q++)
      expect(
        posted.filter((e) => e.text.startsWith(`Q${q}:`)),
        `Q${q}`,
      ).toHaveLength(1);
    expect(posted.filter((e) => e.text.startsWith('Welcome to'))).toHaveLength(1);
    expect(posted.filter((e) => e.text.startsWith("That's a wrap"))).toHaveLength(1);
  });
});
