import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/main.js';
import { runCliInProcess as cli } from '../support/run-cli.js';
import { waitFor } from '../support/wait-for.js';

afterEach(() => vi.unstubAllEnvs());

describe('emcee web', () => {
  it('serves the site from the database alone, prints where, and stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emcee-web-cli-'));
    vi.stubEnv('EMCEE_LOG_LEVEL', 'silent');
    vi.stubEnv('EMCEE_PROMPTS_DIR', join(dir, 'prompts'));
    let stdout = '';
    const sink = new Writable({
      write: (chunk, _encoding, done) => {
        stdout += String(chunk);
        done();
      },
    });
    const running = main(['web', '--port', '0', '--db', join(dir, 'emcee.db')], {
      stdin: process.stdin,
      stdout: sink,
      stderr: sink,
    });
    await waitFor(() => /open http:\/\/127\.0\.0\.1:\d+\//.test(stdout), 'the address to be printed');
    const address = /open (http:\/\/127\.0\.0\.1:\d+)\//.exec(stdout)?.[1];
    const health = await fetch(`${address}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ database: 'reachable', chatsRunning: 0, servesChats: false });
    process.emit('SIGTERM');
    expect(await running).toBe(0);
    await expect(fetch(`${address}/healthz`)).rejects.toThrow();
  });

  it('explains itself with --help', async () => {
    const { code, stdout } = await cli(['web', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Visitors see only published series');
  });
});
