import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeDiscord, FAKE_TOKEN } from '../fakes/discord/fake-discord.js';
import { FakeSlack } from '../fakes/slack/fake-slack.js';
import { runCliInProcess as cli } from '../support/run-cli.js';
import { waitFor } from '../support/wait-for.js';

const STACK_LINE = /^\s+at /m;
const fakes: { stop(): Promise<void> }[] = [];

/** A scratch data folder and prompts folder, and no platform unless a test turns one on. */
function quietEnvironment(): string {
  const dir = mkdtempSync(join(tmpdir(), 'emcee-start-errors-'));
  vi.stubEnv('EMCEE_DB', join(dir, 'emcee.db'));
  vi.stubEnv('EMCEE_RECAP_DIR', join(dir, 'recaps'));
  vi.stubEnv('EMCEE_PROMPTS_DIR', join(dir, 'prompts'));
  vi.stubEnv('EMCEE_LOG_LEVEL', 'silent');
  for (const name of ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_CHANNEL', 'DISCORD_TOKEN', 'DISCORD_GUILD_ID']) {
    vi.stubEnv(name, '');
  }
  return dir;
}

async function fakeSlack(botToken = 'xoxb-test-token'): Promise<FakeSlack> {
  const fake = new FakeSlack();
  await fake.start();
  fakes.push(fake);
  vi.stubEnv('SLACK_BOT_TOKEN', botToken);
  vi.stubEnv('SLACK_APP_TOKEN', 'xapp-test-token');
  vi.stubEnv('SLACK_CHANNEL', 'C1');
  vi.stubEnv('EMCEE_SLACK_API_URL', fake.apiUrl);
  return fake;
}

async function fakeDiscord(settings: { token?: string; channelId?: string } = {}): Promise<FakeDiscord> {
  const fake = new FakeDiscord();
  await fake.start();
  fakes.push(fake);
  vi.stubEnv('DISCORD_TOKEN', settings.token ?? FAKE_TOKEN);
  vi.stubEnv('DISCORD_GUILD_ID', fake.guildId);
  vi.stubEnv('DISCORD_CHANNEL_ID', settings.channelId ?? fake.channelId);
  vi.stubEnv('EMCEE_DISCORD_API_URL', fake.apiUrl);
  return fake;
}

/** `emcee start` failed with exactly `line`: one line on stderr, no stack. */
function expectStartFailure(result: { code: number; stdout: string; stderr: string }, line: string | RegExp): void {
  expect(result.code).toBe(1);
  if (typeof line === 'string') expect(result.stderr).toBe(`${line}\n`);
  else expect(result.stderr).toMatch(line);
  expect(result.stderr.trimEnd()).not.toContain('\n');
  expect(`${result.stdout}${result.stderr}`).not.toMatch(STACK_LINE);
}

afterEach(async () => {
  vi.unstubAllEnvs();
  for (const fake of fakes.splice(0)) await fake.stop();
});

describe('emcee start refuses bad platform settings in one line', () => {
  it('a bot token Slack refuses', async () => {
    quietEnvironment();
    const slack = await fakeSlack('xoxb-invalid');
    expectStartFailure(await cli(['start']), 'Slack refused SLACK_BOT_TOKEN (invalid_auth).');
    expect(slack.socketCount).toBe(0);
  });

  it('a bot token Discord refuses, without showing the token', async () => {
    quietEnvironment();
    await fakeDiscord({ token: 'not-the-right-token-at-all' });
    const result = await cli(['start']);
    expectStartFailure(result, /^Discord refused DISCORD_TOKEN: copy the bot token again/);
    expect(result.stderr).not.toContain('not-the-right-token-at-all');
  });

  it('a Discord channel id the bot cannot see', async () => {
    quietEnvironment();
    await fakeDiscord({ channelId: '100000000000000888' });
    expectStartFailure(
      await cli(['start']),
      'DISCORD_CHANNEL_ID=100000000000000888 is not a text channel the bot can see in that server: ' +
        "check the id and the channel's permissions.",
    );
  });

  it('a recap folder that cannot be made stops start-up before anything connects', async () => {
    const dir = quietEnvironment();
    writeFileSync(join(dir, 'a-file'), 'x');
    vi.stubEnv('EMCEE_RECAP_DIR', join(dir, 'a-file', 'recaps'));
    const slack = await fakeSlack();
    expectStartFailure(
      await cli(['start']),
      `Cannot use the folder ${join(dir, 'a-file', 'recaps')} for recaps: part of the path is a file, not a folder ` +
        '(ENOTDIR). Point EMCEE_RECAP_DIR at a folder you can write.',
    );
    expect(slack.calls).toEqual([]);
  });

  it('when Discord fails after Slack connected, Slack is disconnected again: no half-started bot', async () => {
    quietEnvironment();
    const slack = await fakeSlack();
    await fakeDiscord({ token: 'not-the-right-token-at-all' });
    const result = await cli(['start']);
    expectStartFailure(result, /^Discord refused DISCORD_TOKEN/);
    // Slack was live (its socket opened), and is closed again by the time start returns.
    expect(slack.callsTo('apps.connections.open')).toHaveLength(1);
    await waitFor(() => slack.socketCount === 0, 'the Slack socket to close');
  });
});
