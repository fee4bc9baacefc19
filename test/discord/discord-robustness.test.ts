import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../src/log.js';
import { FAKE_TOKEN } from '../fakes/discord/fake-discord.js';
import { startAdapter, type AdapterRig } from './adapter-harness.js';
import { startDiscordChat, waitFor } from './discord-harness.js';
import { PEOPLE } from './fake-people.js';

type Chat = Awaited<ReturnType<typeof startDiscordChat>>;
let chat: Chat | undefined;
let rig: AdapterRig | undefined;
afterEach(async () => {
  await chat?.stop();
  await rig?.stop();
  chat = rig = undefined;
});

const hostCommand = (c: Chat, name: string, args: string[] = []) =>
  c.host.handleCommand({
    channel: c.adapter.defaultChannel,
    community: c.adapter.community,
    by: { id: 'h', displayName: 'h', isBot: false, isHost: true },
    name,
    args,
  });

/** A logger that keeps every line with its details, as a log file would hold them. */
function capturingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const keep = (level: string) => (message: string, details?: Record<string, unknown>) =>
    void lines.push(`${level} ${message} ${JSON.stringify(details ?? {})}`);
  return { lines, debug: keep('debug'), info: keep('info'), warn: keep('warn'), error: keep('error') };
}

describe('rate limits: discord.js waits out 429s and nothing is lost', () => {
  it('a question, the thanks and reactions all arrive exactly once after 429s', async () => {
    const r = (rig = await startAdapter());
    const said = r.fake.memberSays({ author: PEOPLE.ana, content: 'A1: yes' });
    r.fake.throttle(`/channels/${r.fake.channelId}/messages`, 1, 0.3);
    r.fake.throttle('/reactions/', 2, 0.3);
    const question = { number: 1, text: 'Why?', hashtag: '#C', hint: 'A1', openThread: false };
    const ana = r.address.user(PEOPLE.ana);
    await Promise.all([
      r.adapter.post(r.adapter.defaultChannel, { kind: 'question', text: 'Q1: Why? #C', question }),
      r.adapter.post(r.adapter.defaultChannel, { kind: 'thanks', text: `Thanks <@${PEOPLE.ana}>`, mentions: [ana] }),
      r.adapter.react(r.address.message(said), { unicode: '👏', shortcode: 'clap' }),
    ]);
    expect(r.fake.rateLimited.get('on demand')).toBe(3);
    const stored = r.fake.messages.get(r.fake.channelId)!.map((m) => m.content);
    expect(stored.filter((c) => c === 'Q1: Why? #C')).toHaveLength(1);
    expect(stored.filter((c) => c === `Thanks <@${PEOPLE.ana}>`)).toHaveLength(1);
    expect(r.fake.reactionsOn(String(said.id))).toEqual([`👏 by ${r.fake.botId}`]);
    // Each 429 was retried after a wait, not at once.
    const reactions = r.fake.callsTo('PUT', /reactions/);
    expect(reactions).toHaveLength(3);
    expect(reactions[2]!.at - reactions[0]!.at).toBeGreaterThanOrEqual(2 * 250);
  });

  it('through the engine: a throttled question still posts once', async () => {
    const c = (chat = await startDiscordChat());
    await c.start();
    c.fake.throttle(`/channels/${c.fake.channelId}/messages`, 1, 0.3);
    const posted = await c.adapter.post(c.adapter.defaultChannel, { kind: 'question', text: 'Q1: still arrives' });
    const attempts = c.fake.callsTo('POST', /\/messages$/).filter((call) => call.body?.content === 'Q1: still arrives');
    expect(attempts).toHaveLength(2);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(250);
    expect(posted.address).toMatch(/^discord:\d+:\d+:\d+$/);
    expect(c.fake.messages.get(c.fake.channelId)!.filter((m) => m.content === 'Q1: still arrives')).toHaveLength(1);
  });
});

describe('gateway disconnects', () => {
  it('a dropped connection resumes; what was sent meanwhile is delivered once', async () => {
    const r = (rig = await startAdapter());
    r.fake.dropConnection();
    await waitFor(() => !r.fake.connected, 'the drop');
    r.fake.memberSays({ author: PEOPLE.ana, content: 'A1: sent during the outage' });
    await waitFor(() => r.fake.connected && r.inbound.messages.length === 1, 'the resume and the replay', 10_000);
    r.fake.memberSays({ author: PEOPLE.bea, content: 'after' });
    await waitFor(() => r.inbound.messages.length === 2, 'the next message');
    expect(r.fake.handshakes).toMatchObject({ identify: 1, resume: 1 });
    expect(r.inbound.messages.map((m) => m.text)).toEqual(['A1: sent during the outage', 'after']);
  });

  it('a RECONNECT request (opcode 7) resumes too', async () => {
    const r = (rig = await startAdapter());
    r.fake.requestReconnect();
    await waitFor(() => r.fake.handshakes.resume === 1 && r.fake.connected, 'the resume', 10_000);
    r.fake.memberSays({ author: PEOPLE.ana, content: 'still here' });
    await waitFor(() => r.inbound.messages.length === 1, 'the message');
    expect(r.fake.handshakes.identify).toBe(1);
  });

  it('a token reset while running ends the connection, and the log says to fix DISCORD_TOKEN', async () => {
    const log = capturingLogger();
    const r = (rig = await startAdapter({ log }));
    r.fake.dropConnection(4004, 'Authentication failed.');
    await waitFor(
      () => log.lines.some((l) => l.startsWith('error Discord closed the connection for good')),
      'the logged close',
    );
    expect(log.lines.find((l) => l.includes('closed the connection'))).toMatch(/Discord refused DISCORD_TOKEN/);
    expect(r.fake.handshakes.resume).toBe(0);
  });

  it('through the engine: an answer sent during an outage counts once and is acknowledged once', async () => {
    const c = (chat = await startDiscordChat());
    await c.start();
    await hostCommand(c, 'start', ['demo']);
    await c.clock.advance(15_000);
    await waitFor(
      () => c.fake.callsTo('POST', /\/messages$/).some((p) => String(p.body?.content).startsWith('Q1:')),
      'Q1',
    );
    c.fake.dropConnection();
    await waitFor(() => !c.fake.connected, 'the drop');
    const duringOutage = c.fake.memberSays({ author: PEOPLE.ana, content: 'A1: sent during the outage' });
    await waitFor(() => c.fake.handshakes.resume === 1 && c.fake.connected, 'the RESUME', 10_000);
    await waitFor(() => c.fake.callsTo('PUT', /\/reactions\//).length === 1, 'the acknowledgement');
    // A later answer is the barrier: once it is acknowledged, a replayed copy of the first would have been too.
    c.fake.memberSays({ author: PEOPLE.bea, content: 'A1: after the outage' });
    await waitFor(() => c.fake.callsTo('PUT', /\/reactions\//).length === 2, 'the later acknowledgement');
    expect(c.fake.handshakes.identify).toBe(1);
    expect(c.store.messages.forSession(1).filter((m) => m.text === 'A1: sent during the outage')).toHaveLength(1);
    expect(c.fake.callsTo('PUT', new RegExp(`/messages/${String(duringOutage.id)}/reactions/`))).toHaveLength(1);
  });
});

describe('start-up errors say what to fix', () => {
  it('a missing Message Content intent names the switch in the Developer Portal', async () => {
    const r = (rig = await startAdapter({ connect: false }));
    r.fake.allowMessageContent = false;
    await expect(r.adapter.start(r.inbound)).rejects.toThrow(
      /Privileged Gateway Intents, switch on MESSAGE CONTENT INTENT/,
    );
    expect(r.fake.handshakes.identifies[0]!.intents).toBe((1 << 0) | (1 << 9) | (1 << 10) | (1 << 12) | (1 << 15));
  });

  it('a refused token names DISCORD_TOKEN and never shows the token', async () => {
    const log = capturingLogger();
    const r = (rig = await startAdapter({ connect: false, log, config: { token: 'not-the-right-token-at-all' } }));
    const error = await r.adapter.start(r.inbound).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/DISCORD_TOKEN/);
    expect(error?.message).not.toContain('not-the-right-token-at-all');
    expect(log.lines.join('\n')).not.toContain('not-the-right-token-at-all');
  });

  it('a server the bot is not in names DISCORD_GUILD_ID, a channel it cannot see DISCORD_CHANNEL_ID', async () => {
    const r = (rig = await startAdapter({ connect: false, config: { guildId: '100000000000000777' } }));
    await expect(r.adapter.start(r.inbound)).rejects.toThrow(/DISCORD_GUILD_ID=100000000000000777/);
    await r.stop();
    const other = (rig = await startAdapter({ connect: false, config: { channelId: '100000000000000888' } }));
    await expect(other.adapter.start(other.inbound)).rejects.toThrow(/DISCORD_CHANNEL_ID=100000000000000888/);
  });
});

describe('secrets stay out of logs', () => {
  it('neither the bot token nor an interaction token reaches the log, even when a call fails', async () => {
    const log = capturingLogger();
    const r = (rig = await startAdapter({ log }));
    // An interaction Discord no longer knows (its 3 s passed): the callback fails with 404.
    const stale = r.fake.slashCommand({ user: PEOPLE.ana, sub: 'status', expired: true });
    r.inbound.failNextCommand = true;
    const id = r.fake.slashCommand({ user: PEOPLE.host, sub: 'status' });
    await waitFor(() => r.fake.interactionAnswer(id)?.content !== undefined, 'the answer to the failing command');
    await waitFor(() => log.lines.some((l) => l.includes('Unknown interaction')), 'the logged failure');
    const everything = log.lines.join('\n');
    expect(everything).toMatch(/error A Discord command could not be answered .*404.*Unknown interaction/);
    expect(everything).not.toContain(FAKE_TOKEN);
    expect(everything).not.toContain(r.fake.interactionToken(stale));
    expect(everything).not.toContain(r.fake.interactionToken(id));
  });
});
