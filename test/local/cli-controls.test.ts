import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait-for.js';
import { runCliInProcess as cli } from '../support/run-cli.js';
import { ChatStore } from '../../src/store/chat-store.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

function startBot(db: string, room: string) {
  const child = spawn(
    process.execPath,
    ['bin/emcee.js', 'run', 'weekly-chat', '--speed', '5', '--db', db, '--room', room],
    {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1' },
    },
  );
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return { child, output: () => out, exited };
}

describe('host controls from the command line', () => {
  it('pause, status, skip and end reach the running bot through its database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emcee-ctl-'));
    const db = join(dir, 'emcee.db');
    const bot = startBot(db, join(dir, 'room.jsonl'));
    await waitFor(() => bot.output().includes('emcee: Welcome'), 'the welcome');

    const paused = await cli(['pause', '--db', db]);
    expect(paused).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Paused with \d:\d\d left/) });
    expect((await cli(['status', '--db', db])).stdout).toMatch(/Community Chat: Opening \(paused\), \d:\d\d left/);
    expect(await cli(['pause', '--db', db])).toMatchObject({ code: 1, stderr: 'The chat is not running.\n' });

    expect((await cli(['skip', '--db', db])).stdout).toBe('Posted Q1.\n');
    await waitFor(() => bot.output().includes('emcee: Q1: '), 'Q1 in the room');
    expect((await cli(['extend', '2', '--db', db])).stdout).toBe('Added 2 minutes.\n');
    expect((await cli(['end', '--db', db])).stdout).toMatch(/Closing the chat/);
    expect(await bot.exited).toBe(0);
    expect(bot.output()).toContain("That's a wrap on #CommunityChat!");
    expect(bot.output()).not.toContain('emcee: Q2: ');
  }, 40_000);

  it('SIGTERM stops the bot cleanly and leaves the chat to be resumed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emcee-term-'));
    const db = join(dir, 'emcee.db');
    const bot = startBot(db, join(dir, 'room.jsonl'));
    await waitFor(() => bot.output().includes('emcee: Welcome'), 'the welcome');
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(bot.output()).toContain('Stopped. The chat is saved');
    const store = ChatStore.open(db);
    expect(store.sessions.unfinished()).toHaveLength(1);
    store.close();
    expect((await cli(['skip', '--db', db, '--wait', '0.3'])).stderr).toMatch(/No running bot answered/);
  }, 40_000);

  it('emcee schedule lists the weekly chat at 1 pm local on both sides of the DST change', async () => {
    const result = await cli(['schedule', 'weekly-chat', '--from', '2026-10-20', '--count', '4']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Thu, Oct 29, 2026, 1:00 PM EDT       2026-10-29T17:00Z');
    expect(result.stdout).toContain('Thu, Nov 5, 2026, 1:00 PM EST        2026-11-05T18:00Z');
    expect(result.stdout).toContain('reminders: 1d, 1h, 10m before each run');
  });
});
