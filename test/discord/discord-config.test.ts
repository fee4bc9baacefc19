import { describe, expect, it } from 'vitest';
import { discordConfigFromEnv, DISCORD_SETTINGS } from '../../adapters/discord/discord-config.js';

const GOOD = {
  DISCORD_TOKEN: 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.fake-token-for-the-config-test',
  DISCORD_GUILD_ID: '100000000000000001',
  DISCORD_CHANNEL_ID: '100000000000000002',
};

const failure = (env: Record<string, string | undefined>) => {
  try {
    discordConfigFromEnv(env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the settings to be refused');
};

describe('Discord settings from the environment', () => {
  it('reads the variables, with defaults for the rest', () => {
    expect(
      discordConfigFromEnv({
        ...GOOD,
        DISCORD_HOST_ROLE_ID: '100000000000000005',
        EMCEE_DISCORD_API_URL: 'http://127.0.0.1:9999/api',
      }),
    ).toMatchObject({
      token: GOOD.DISCORD_TOKEN,
      guildId: GOOD.DISCORD_GUILD_ID,
      channelId: GOOD.DISCORD_CHANNEL_ID,
      hostRoleId: '100000000000000005',
      apiUrl: 'http://127.0.0.1:9999/api',
      threadsPerQuestion: false,
      registerCommands: true,
    });
    // Empty lines in .env count as unset.
    expect(
      discordConfigFromEnv({ ...GOOD, DISCORD_HOST_ROLE_ID: '', EMCEE_DISCORD_API_URL: '' }).hostRoleId,
    ).toBeUndefined();
  });

  it('names each missing variable', () => {
    const message = failure({ DISCORD_CHANNEL_ID: GOOD.DISCORD_CHANNEL_ID });
    expect(message).toMatch(/DISCORD_TOKEN: missing/);
    expect(message).toMatch(/DISCORD_GUILD_ID: missing/);
    expect(message).not.toMatch(/DISCORD_CHANNEL_ID/);
  });

  it('names each malformed variable, and never repeats the token', () => {
    expect(failure({ ...GOOD, DISCORD_GUILD_ID: 'my-server' })).toMatch(
      /DISCORD_GUILD_ID: the server id \(Developer Mode on/,
    );
    expect(failure({ ...GOOD, DISCORD_CHANNEL_ID: '#chat' })).toMatch(/DISCORD_CHANNEL_ID: the chat channel id/);
    expect(failure({ ...GOOD, DISCORD_HOST_ROLE_ID: '@hosts' })).toMatch(/DISCORD_HOST_ROLE_ID: a role id/);
    expect(failure({ ...GOOD, EMCEE_DISCORD_API_URL: 'not a url' })).toMatch(/EMCEE_DISCORD_API_URL/);
    const pasted = failure({ ...GOOD, DISCORD_TOKEN: `Bot ${GOOD.DISCORD_TOKEN}` });
    expect(pasted).toMatch(/DISCORD_TOKEN: the bot token alone/);
    expect(pasted).not.toContain(GOOD.DISCORD_TOKEN);
  });

  it('reads DISCORD_HOST_IDS as a comma-separated list of user ids, none by default', () => {
    expect(discordConfigFromEnv(GOOD).hostIds).toEqual([]);
    const ids = ' 100000000000000010, 100000000000000014 ,';
    const hostIds = discordConfigFromEnv({ ...GOOD, DISCORD_HOST_IDS: ids }).hostIds;
    expect(hostIds).toEqual(['100000000000000010', '100000000000000014']);
    const refused = failure({ ...GOOD, DISCORD_HOST_IDS: '100000000000000010,@hana' });
    expect(refused).toMatch(/DISCORD_HOST_IDS: user ids, comma-separated/);
  });

  it('takes EMCEE_DISCORD_API_URL with or without the final /api, and says so', () => {
    const apiUrl = (url: string) => discordConfigFromEnv({ ...GOOD, EMCEE_DISCORD_API_URL: url }).apiUrl;
    for (const tail of ['', '/', '/api/', '/api/v10']) {
      expect(apiUrl(`http://127.0.0.1:9999${tail}`), tail).toBe('http://127.0.0.1:9999/api');
    }
    // A proxy under a path keeps it.
    expect(apiUrl('https://proxy.example/discord')).toBe('https://proxy.example/discord/api');
    expect(apiUrl('https://proxy.example/discord/api')).toBe('https://proxy.example/discord/api');
    const described = DISCORD_SETTINGS.find((s) => s.name === 'EMCEE_DISCORD_API_URL')!.description;
    expect(described).toMatch(/with or without the final \/api/);
  });
});
