import { afterEach, describe, expect, it } from 'vitest';
import { discordAddress } from '../../adapters/discord/discord-addresses.js';
import { discordPermalink } from '../../adapters/discord/discord-permalink.js';
import { permalinkFor } from '../../adapters/permalinks.js';
import { slackAddress } from '../../adapters/slack/slack-addresses.js';
import { slackPermalink } from '../../adapters/slack/slack-permalink.js';
import { RecordingInbound } from '../slack/recording-inbound.js';
import { startSlackAdapter } from '../slack/slack-adapter-harness.js';

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

describe('Discord permalinks', () => {
  it('open a message in its guild channel, in a thread, and in a direct message', () => {
    const inChannel = discordAddress.message('100000000000000001', '200000000000000002', '300000000000000003');
    expect(discordPermalink(inChannel)).toBe(
      'https://discord.com/channels/100000000000000001/200000000000000002/300000000000000003',
    );
    expect(discordPermalink('discord:@me:42:43')).toBe('https://discord.com/channels/@me/42/43');
  });

  it('are refused for anything but a message address', () => {
    expect(discordPermalink('discord:1:2')).toBeUndefined();
    expect(discordPermalink('discord:1:2:x"><script>')).toBeUndefined();
    expect(discordPermalink('slack:T1:C1:1.2')).toBeUndefined();
  });
});

describe('Slack permalinks', () => {
  const workspace = 'https://acme.slack.com/';

  it('take chat.getPermalink’s form: the ts without its dot, and the thread and channel for a reply', () => {
    expect(slackPermalink(slackAddress.message('T1', 'C1', '1358546515.000008'), workspace)).toBe(
      'https://acme.slack.com/archives/C1/p1358546515000008',
    );
    expect(slackPermalink(slackAddress.message('T1', 'C1', '1358546517.000023', '1358546515.000008'), workspace)).toBe(
      'https://acme.slack.com/archives/C1/p1358546517000023?thread_ts=1358546515.000008&cid=C1',
    );
  });

  it('open the channel through app_redirect when the workspace’s address is unknown', () => {
    expect(slackPermalink('slack:T1:C9:1358546515.000008')).toBe('https://slack.com/app_redirect?team=T1&channel=C9');
    expect(slackPermalink('slack:T1:C9:1358546515.000008', 'javascript:alert(1)')).toBe(
      'https://slack.com/app_redirect?team=T1&channel=C9',
    );
  });

  it('are refused for what is not a Slack message address', () => {
    expect(slackPermalink('slack:T1:C1', workspace)).toBeUndefined();
    expect(slackPermalink('slack:T1:C1:not-a-ts', workspace)).toBeUndefined();
  });

  it('use the workspace address the adapter kept from auth.test', async () => {
    const running = await startSlackAdapter('socket', new RecordingInbound());
    stop = () => running.stop();
    expect(running.adapter.workspaceUrl).toBe('https://fake.slack.com/');
    const link = permalinkFor('slack:T0001:C1:1700000000.000100', { slackWorkspaceUrl: running.adapter.workspaceUrl });
    expect(link).toBe('https://fake.slack.com/archives/C1/p1700000000000100');
  });
});

describe('permalinkFor', () => {
  it('dispatches by the address’s platform; the local room has none', () => {
    expect(permalinkFor('discord:1:2:3')).toBe('https://discord.com/channels/1/2/3');
    expect(permalinkFor('slack:T1:C1:1.2', { slackWorkspaceUrl: 'https://a.slack.com' })).toBe(
      'https://a.slack.com/archives/C1/p12',
    );
    expect(permalinkFor('local:room:m1')).toBeUndefined();
    expect(permalinkFor('test:C1:m1')).toBeUndefined();
  });
});
