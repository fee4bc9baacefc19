import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { servePlatforms } from '../../cli/commands/serve.js';
import { PLATFORMS } from '../../cli/platforms.js';
import { readCoreConfig } from '../../src/config/core-config.js';
import { createLogger } from '../../src/log.js';
import { FakeSlack } from '../fakes/slack/fake-slack.js';
import { waitFor } from '../support/wait-for.js';
import { replaceOrThrow } from '../support/write-test-script.js';

let slack: FakeSlack | undefined;

afterEach(async () => {
  await slack?.stop();
  slack = undefined;
});

const leapDay = readFileSync(new URL('../schedule/fixtures/leap-day.yaml', import.meta.url), 'utf8');

/** A prompts folder with the scheduled leap-day chat and a copy of it whose questions are not a list. */
function promptsWithOneBrokenScript(dir: string): { prompts: string; brokenLine: number } {
  const prompts = join(dir, 'prompts');
  mkdirSync(prompts);
  writeFileSync(join(prompts, 'leap-day.yaml'), leapDay);
  const broken = replaceOrThrow(
    replaceOrThrow(leapDay, 'id: leap-day', 'id: broken'),
    /questions:\n {2}- text: .*\n/,
    'questions: three\n',
  );
  writeFileSync(join(prompts, 'broken.yaml'), broken);
  return { prompts, brokenLine: broken.split('\n').indexOf('questions: three') + 1 };
}

describe('serving with a broken script in the prompts folder', () => {
  it('skips it with one warning naming file, line and field; the other chats are served and scheduled', async () => {
    slack = new FakeSlack();
    await slack.start();
    const dir = mkdtempSync(join(tmpdir(), 'emcee-serve-broken-'));
    const { prompts, brokenLine } = promptsWithOneBrokenScript(dir);
    const env = {
      EMCEE_DB: join(dir, 'emcee.db'),
      EMCEE_RECAP_DIR: join(dir, 'recaps'),
      EMCEE_PROMPTS_DIR: prompts,
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_APP_TOKEN: 'xapp-test-token',
      SLACK_CHANNEL: 'C1',
      EMCEE_SLACK_API_URL: slack.apiUrl,
    };
    const logLines: string[] = [];
    let stdout = '';
    const io = {
      stdin: process.stdin,
      stdout: new Writable({
        write: (chunk, _encoding, done) => {
          stdout += String(chunk);
          done();
        },
      }),
      stderr: new Writable({ write: (_chunk, _encoding, done) => done() }),
    };
    const serving = servePlatforms(
      PLATFORMS.filter((platform) => platform.name === 'slack'),
      { config: readCoreConfig(env), env, log: createLogger('warn', (line) => logLines.push(line)) },
      io,
    );
    await waitFor(() => stdout.includes('Press Ctrl-C to stop'), 'serving to begin');
    process.emit('SIGTERM');
    expect(await serving).toBe(0);

    const broken = join(prompts, 'broken.yaml');
    const warnings = logLines.filter((line) => line.includes('Skipped the chat script'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/ warn {2}/);
    expect(warnings[0]).toContain(`Skipped the chat script ${broken}:${brokenLine}  questions: `);
    expect(warnings[0]).toContain('"emcee validate broken" lists every problem');
    expect(stdout).toContain(`Skipped 1 broken chat script(s): ${broken} (the other chats run;`);
    expect(stdout).toMatch(/Emcee is live on slack \(slack:T0001\).* Next scheduled: leap-day on /);
  });
});
