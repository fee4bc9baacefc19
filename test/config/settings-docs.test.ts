import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SETTINGS_GROUPS } from '../../cli/settings-catalog.js';
import { readCoreConfig } from '../../src/config/core-config.js';
import { renderEnvExample, renderSettingsTable } from '../../src/config/render-settings.js';
import { discordConfigFromEnv } from '../../adapters/discord/discord-config.js';
import { slackConfigFromEnv } from '../../adapters/slack/slack-config.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const all = SETTINGS_GROUPS.flatMap((group) => group.settings);

describe('settings are declared once', () => {
  it('.env.example is exactly what the declarations generate (emcee settings --env-example > .env.example)', () => {
    expect(read('.env.example')).toBe(renderEnvExample(SETTINGS_GROUPS));
    for (const s of all) expect(read('.env.example')).toMatch(new RegExp(`^(# )?${s.name}=`, 'm'));
  });

  it("the README's configuration table is what the declarations generate (emcee settings --markdown)", () => {
    expect(read('README.md')).toContain(renderSettingsTable(SETTINGS_GROUPS));
  });

  it('every variable is declared once, and no other code names an undeclared EMCEE_/SLACK_/DISCORD_ variable', () => {
    const names = all.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    const sources = ['cli/environment.ts', 'cli/platforms.ts', 'cli/commands/run.ts', 'cli/commands/start.ts']
      .map(read)
      .join('\n');
    for (const [name] of sources.matchAll(/\b(?:EMCEE|SLACK|DISCORD)_[A-Z_]+\b/g)) expect(names).toContain(name);
  });

  it('errors name the variable to fix, for the core and for each adapter', () => {
    expect(() => readCoreConfig({ EMCEE_CATCH_UP: 'later' })).toThrow(/EMCEE_CATCH_UP: resume, compress or close/);
    expect(() => readCoreConfig({ EMCEE_LLM_TIMEOUT_MS: 'soon' })).toThrow(/EMCEE_LLM_TIMEOUT_MS: a number/);
    expect(() => slackConfigFromEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_PORT: 'x' })).toThrow(/SLACK_CHANNEL: missing/);
    expect(() => slackConfigFromEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_PORT: 'x' })).toThrow(
      /SLACK_PORT: a port number/,
    );
    expect(() =>
      discordConfigFromEnv({ DISCORD_TOKEN: 'abcdefghijkl', DISCORD_THREADS_PER_QUESTION: 'maybe' }),
    ).toThrow(/DISCORD_THREADS_PER_QUESTION: yes or no/);
  });

  it('reads numbers, lists and yes/no from their text', () => {
    expect(readCoreConfig({ EMCEE_LLM_TIMEOUT_MS: '500' }).EMCEE_LLM_TIMEOUT_MS).toBe(500);
    const slack = slackConfigFromEnv({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      SLACK_CHANNEL: 'C1',
      SLACK_HOST_IDS: 'U1, U2,',
    });
    expect(slack.hostIds).toEqual(['U1', 'U2']);
    const discord = discordConfigFromEnv({
      DISCORD_TOKEN: 'abcdefghijkl',
      DISCORD_GUILD_ID: '112233445566778899',
      DISCORD_CHANNEL_ID: '112233445566778800',
      DISCORD_THREADS_PER_QUESTION: 'yes',
    });
    expect(discord.threadsPerQuestion).toBe(true);
  });
});
