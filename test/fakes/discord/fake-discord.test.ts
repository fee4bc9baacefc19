import { discordRestAgent } from '../../../adapters/discord/discord-agent.js';
import { ChannelType, Client, Events, GatewayIntentBits, type Message } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../support/wait-for.js';
import { FAKE_TOKEN, FakeDiscord } from './fake-discord.js';

const ANA = '100000000000000011';
let fake: FakeDiscord | undefined;
let client: Client | undefined;
afterEach(async () => {
  await client?.destroy();
  await fake?.stop();
  client = fake = undefined;
});

async function loggedIn(
  intents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent],
) {
  fake = new FakeDiscord();
  await fake.start();
  fake.addMember({ id: ANA, username: 'ana' });
  client = new Client({ intents, rest: { api: fake.apiUrl, agent: discordRestAgent() } });
  const ready = new Promise<void>((resolve) => client!.once(Events.ClientReady, () => resolve()));
  await client.login(FAKE_TOKEN);
  await ready;
  return { fake, client };
}

describe('the fake Discord, driven by the real discord.js Client', () => {
  it('logs in over REST and gateway: READY, GUILD_CREATE with channels and roles, the intents asked for', async () => {
    const started = Date.now();
    const { fake, client } = await loggedIn();
    expect(Date.now() - started).toBeLessThan(5000); // no 15 s wait for a missing GUILD_CREATE
    expect(fake.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
    expect(fake.callsTo('GET', /^\/gateway\/bot$/)).toHaveLength(1);
    expect(client.user?.id).toBe(fake.botId);
    expect(client.application?.id).toBe(fake.applicationId);
    const guild = client.guilds.cache.get(fake.guildId)!;
    expect(guild.channels.cache.get(fake.channelId)?.type).toBe(ChannelType.GuildText);
    expect(guild.roles.cache.get(fake.managerRoleId)?.permissions.has('ManageEvents')).toBe(true);
    expect(fake.handshakes.identify).toBe(1);
    expect(fake.handshakes.identifies[0]).toMatchObject({
      intents: (1 << 0) | (1 << 9) | (1 << 15),
      properties: { browser: expect.stringMatching(/^@discordjs\/ws/) },
    });
    expect(fake.handshakes.identifies[0]).not.toHaveProperty('token');
  });

  it('answers heartbeats with ACKs, so discord.js measures a ping', async () => {
    fake = new FakeDiscord();
    await fake.start();
    fake.heartbeatIntervalMs = 100;
    client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl, agent: discordRestAgent() } });
    await client.login(FAKE_TOKEN);
    await waitFor(() => fake!.handshakes.heartbeats >= 2 && client!.ws.ping >= 0, 'two heartbeats acknowledged');
  });

  it("delivers members' messages to messageCreate, and records what the bot posts and reacts", async () => {
    const { fake, client } = await loggedIn();
    const seen: Message[] = [];
    client.on(Events.MessageCreate, (message) => void seen.push(message));
    const said = fake.memberSays({ author: ANA, content: 'A1: hello' });
    await waitFor(() => seen.some((m) => m.id === said.id), 'the message');
    const received = seen.find((m) => m.id === said.id)!;
    expect(received.content).toBe('A1: hello');
    expect(received.author.id).toBe(ANA);
    await received.react('👍');
    await received.reply('thanks');
    expect(fake.callsTo('PUT', /\/reactions\/👍\/@me$/)).toHaveLength(1);
    expect(fake.reactionsOn(String(said.id))).toEqual([`👍 by ${fake.botId}`]);
    const reply = fake.callsTo('POST', /^\/channels\/\d+\/messages$/)[0]!;
    expect(reply.body).toMatchObject({ content: 'thanks', message_reference: { message_id: said.id } });
    // The bot hears its own post on the gateway, as on Discord.
    await waitFor(() => seen.some((m) => m.author.id === fake.botId), "the bot's own MESSAGE_CREATE");
  });

  it('keeps guild commands: bulk overwrite, create and edit, as discord.js sends them', async () => {
    const { fake, client } = await loggedIn();
    await client.application!.commands.set([{ name: 'one', description: 'first' }], fake.guildId);
    const created = await client.application!.commands.create({ name: 'two', description: 'second' }, fake.guildId);
    await client.application!.commands.edit(created.id, { description: 'second, edited' }, fake.guildId);
    expect(fake.commands.map((c) => [c.name, c.description])).toEqual([
      ['one', 'first'],
      ['two', 'second, edited'],
    ]);
    expect(fake.calls.filter((c) => c.path.includes('/commands')).map((c) => c.method)).toEqual([
      'PUT',
      'POST',
      'PATCH',
    ]);
  });

  it('answers 429 on demand, and discord.js waits and retries', async () => {
    const { fake, client } = await loggedIn();
    fake.throttle('/messages', 1, 0.3);
    const channel = client.channels.cache.get(fake.channelId)!;
    if (!channel.isSendable()) throw new Error('not sendable');
    await channel.send('after a wait');
    const attempts = fake.callsTo('POST', /\/messages$/);
    expect(attempts).toHaveLength(2);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(250);
    expect(fake.rateLimited.get('on demand')).toBe(1);
  });

  it('resumes after a dropped connection and replays what was dispatched meanwhile', async () => {
    const { fake, client } = await loggedIn();
    const seen: string[] = [];
    client.on(Events.MessageCreate, (message) => void seen.push(message.content));
    fake.dropConnection();
    await waitFor(() => !fake.connected, 'the drop');
    fake.memberSays({ author: ANA, content: 'while away' });
    await waitFor(() => seen.includes('while away'), 'the replay', 10_000);
    expect(fake.handshakes).toMatchObject({ identify: 1, resume: 1 });
    expect(seen.filter((s) => s === 'while away')).toHaveLength(1);
  });

  it('refuses a wrong token over REST (TokenInvalid) and a disallowed intent on the gateway (4014)', async () => {
    fake = new FakeDiscord();
    await fake.start();
    client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl, agent: discordRestAgent() } });
    await expect(client.login('not-the-token')).rejects.toMatchObject({ code: 'TokenInvalid' });
    await client.destroy();
    fake.allowMessageContent = false;
    client = new Client({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.MessageContent],
      rest: { api: fake.apiUrl, agent: discordRestAgent() },
    });
    await expect(client.login(FAKE_TOKEN)).rejects.toThrow(/disallowed intents/i);
  });

  it("opens one DM per member through discord.js's createDM, refusing a bot or a stranger (50033)", async () => {
    const { fake, client } = await loggedIn();
    const dm = await client.users.createDM(ANA);
    expect(dm.id).toBe(fake.dms.channels.get(ANA));
    const again = (await client.rest.post('/users/@me/channels', { body: { recipient_id: ANA } })) as { id: string };
    expect(again.id).toBe(dm.id);
    const refused = (id: string) =>
      client.rest.post('/users/@me/channels', { body: { recipient_id: id } }).catch((e: { code?: number }) => e.code);
    expect(await refused(fake.botId)).toBe(50033);
    expect(await refused('100000000000000777')).toBe(50033);
    const sent = await dm.send({ content: 'hi', files: [{ attachment: Buffer.from([1, 2, 3]), name: 'x.bin' }] });
    expect(sent.attachments.first()?.name).toBe('x.bin');
    expect([...fake.dms.files.get(sent.id)![0]!.bytes]).toEqual([1, 2, 3]);
  });
});
