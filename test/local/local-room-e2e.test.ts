import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ChatStore } from '../../src/store/chat-store.js';
import { replaceOrThrow } from '../support/write-test-script.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the real CLI as a child process, feeding `stdin` lines; resolves with its output and exit code. */
function runCli(args: string[], stdin: string, env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['bin/emcee.js', ...args], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('the local room, end to end as a child process', () => {
  it('runs a whole chat with a crowd, takes typed answers and host commands, and ends by itself', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emcee-e2e-'));
    const db = join(dir, 'emcee.db');
    // The typed lines arrive at once, during the opening: an answer to a question not asked yet is kept
    // unmatched, and /status is answered to the person only.
    const typed = ['Hello from the keyboard!', 'A1: typed before Q1 was asked', '/status', '/extend abc'].join('\n');
    const result = await runCli(
      [
        'run',
        'demo',
        '--crowd',
        '6',
        '--speed',
        '40',
        '--db',
        db,
        '--room',
        join(dir, 'room.jsonl'),
        '--user',
        'tester',
      ],
      typed,
      {
        EMCEE_RECAP_DIR: join(dir, 'recaps'),
      },
    );
    expect(result.stderr).not.toMatch(/failed|Error/);
    expect(result.code).toBe(0);
    const out = result.stdout;
    for (let q = 1; q <= 6; q++) expect(out).toContain(`emcee: Q${q}: `);
    expect(out.indexOf('emcee: Q1: ')).toBeLessThan(out.indexOf('emcee: Q6: '));
    expect(out).toContain('tester: Hello from the keyboard!');
    expect(out).toMatch(/welcome[^\n]*@tester|@tester[^\n]*first/i);
    expect(out).toContain('(only you see this) Community Chat (demo): Opening');
    expect(out).toContain('(only you see this) Give the minutes to add');
    expect(out).toContain("That's a wrap on #CommunityChat!");
    expect(out).toMatch(/Chat finished: \d+ answers from \d+ participants/);
    const recapPath = /Recap written to (\S+\.md)/.exec(out)?.[1];
    expect(recapPath).toBeDefined();
    const recap = readFileSync(recapPath!, 'utf8');
    for (let q = 1; q <= 6; q++)
      expect(recap).toMatch(new RegExp(`## Q${q}: [^\\n]+\\n\\n_\\d+ (people|person) answered`));
    expect(recap).toContain('**All answers**');
    expect(out).toMatch(/emcee: 📋 Community Chat \(demo\) #CommunityChat recap: \d+ participants/);

    const store = ChatStore.open(db);
    const [session] = store.sessions.recent(1);
    expect(session).toMatchObject({ state: 'ended', script_id: 'demo' });
    const rows = store.messages.forSession(session!.id);
    const typedAnswer = rows.find((r) => r.text === 'A1: typed before Q1 was asked');
    expect(typedAnswer).toMatchObject({ question_number: null, reason: 'unmatched-number' });
    const answered = new Set(rows.filter((r) => r.question_number !== null).map((r) => r.question_number));
    expect([...answered].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    const thanked = store.thanks.forSession(session!.id).map((t) => t.user_id);
    const participants = new Set(rows.map((r) => r.author_id));
    expect(new Set(thanked)).toEqual(participants);
    store.close();
  });

  it('validate names the file, line and field of a broken script and exits non-zero', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emcee-validate-'));
    const { writeFileSync, readFileSync } = await import('node:fs');
    const broken = join(dir, 'broken.yaml');
    // Text, not a typed script: the point is a file the schema refuses.
    const demo = readFileSync(join(root, 'prompts/demo.yaml'), 'utf8');
    writeFileSync(broken, replaceOrThrow(demo, 'title: Community Chat (demo)', 'title: 42\ntitel: x'));
    const result = await runCli(['validate', broken], '');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${broken}:`);
    expect(result.stderr).toMatch(/:3 +titel: unknown field "titel"|:\d+ +title: /);
    const ok = await runCli(['validate', 'demo'], '');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/✓ demo: "Community Chat \(demo\)" #CommunityChat, 6 questions/);
  });
});
