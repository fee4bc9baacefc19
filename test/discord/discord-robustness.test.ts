import { afterEach, describe, expect, it } from 'vitest';
import { discordConfigFromEnv } from '../../adapters/discord/discord-config.js';
import { discordTimestamp, neutraliseMentions } from '../../adapters/discord/discord-text.js';
import { PEOPLE, startDiscordChat, waitFor } from './discord-harness.js';

type Chat = Awaited<ReturnType<typeof startDiscordChat>>;
let chat: Chat | undefined;
afterEach(async () => {
  await chat?.stop();
  chat = undefined;
});

const hostCommand = (c: Chat, name: string, args: string[] = []) =>
  c.host.handleCommand({ channel: c.adapter.defaultChannel, community: c.adapter.community, by: { id: 'h', displayName: 'h', isBot: false, isHost: true }, name, args });

describe('Discord robustness', () => {
  it('a 429 from the API delays and retries the post: nothing is lost', async () => {
    const c = (chat = await startDiscordChat());
    await c.start();
    c.fake.throttle(`/channels/${c.fake.channelId}/messages`, 1);
    const posted = await c.adapter.post(c.adapter.defaultChannel, { kind: 'question', text: 'Q1: still arrives' });
    const attempts = c.fake.callsTo('POST', /\/messages$/).filter((call) => call.body?.content === 'Q1: still arrives');
    expect(attempts).toHaveLength(2);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(250);
    expect(posted.address).toMatch(/^discord:\d+:\d+:\d+$/);
    expect(c.fake.messages.get(c.fake.channelId)!.filter((m) => m.content === 'Q1: still arrives')).toHaveLength(1);
  });

  it('a gateway disconnect resumes; messages sent meanwhile arrive once and count once', async () => {
    const c = (chat = await startDiscordChat());
    await c.start();
    await hostCommand(c, 'start', ['demo']);
    await c.clock.advance(15_000);
    await waitFor(() => c.fake.callsTo('POST', /\/messages$/).some((p) => String(p.body?.content).startsWith('Q1:')), 'Q1');
    c.fake.dropConnection();
    await waitFor(() => !c.fake.connected, 'the drop');
    c.fake.memberSays({ author: PEOPLE.ana, content: 'A1: sent during the outage' });
    await waitFor(() => c.fake.handshakes.resume === 1 && c.fake.connected, 'the RESUME', 10_000);
    await waitFor(() => c.fake.callsTo('PUT', /\/reactions\//).length === 1, 'the acknowledgement');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(c.fake.handshakes.identify).toBe(1);
    expect(c.store.messages.forSession(1).filter((m) => m.text === 'A1: sent during the outage')).toHaveLength(1);
    expect(c.fake.callsTo('PUT', /\/reactions\//)).toHaveLength(1);
  });

  it('a missing Message Content intent stops start-up with where to switch it on', async () => {
    const c = (chat = await startDiscordChat());
    c.fake.allowMessageContent = false;
    await expect(c.start()).rejects.toThrow(/MESSAGE CONTENT INTENT/);
  });

  it('a bad token stops start-up naming DISCORD_TOKEN', async () => {
    const c = (chat = await startDiscordChat());
    (c.adapter as unknown as { config: { token: string } }).config.token = 'not-the-right-token';
    await expect(c.start()).rejects.toThrow(/DISCORD_TOKEN/);
  });

  it('quoted text cannot ping, and times are Discord timestamps', () => {
    expect(neutraliseMentions('@everyone @here <@123> <@&456>')).toBe('@\u200beveryone @\u200bhere <@\u200b123> <@\u200b&456>');
    expect(discordTimestamp(Date.UTC(2026, 10, 26, 18))).toBe('<t:1795716000:F> (<t:1795716000:R>)');
  });

  it('settings from the environment name the variable to fix', () => {
    expect(() => discordConfigFromEnv({ DISCORD_GUILD_ID: '100000000000000001', DISCORD_CHANNEL_ID: '100000000000000002' })).toThrow(
      /DISCORD_TOKEN: missing/,
    );
    expect(() => discordConfigFromEnv({ DISCORD_TOKEN: 'x'.repeat(30), DISCORD_GUILD_ID: 'abc', DISCORD_CHANNEL_ID: '100000000000000002' })).toThrow(
      /DISCORD_GUILD_ID: the server id/,
    );
  });
});
