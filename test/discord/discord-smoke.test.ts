import { afterEach, describe, expect, it } from 'vitest';
import { startDiscordChat } from './discord-harness.js';

type Chat = Awaited<ReturnType<typeof startDiscordChat>>;
let chat: Chat | undefined;
afterEach(async () => {
  await chat?.stop();
  chat = undefined;
});

describe('discord.js against the local Discord', () => {
  it('logs in, gets the guild and registers /emcee', async () => {
    chat = await startDiscordChat();
    await chat.start();
    expect(chat.fake.handshakes.identify).toBe(1);
    const registered = chat.fake.callsTo('PUT', /^\/applications\/\d+\/guilds\/\d+\/commands$/);
    expect(registered).toHaveLength(1);
    const command = (registered[0]!.body as unknown as { name: string; options: { name: string }[] }[])[0]!;
    expect(command.name).toBe('emcee');
    expect(command.options.map((o) => o.name)).toEqual(['start', 'pause', 'resume', 'skip', 'extend', 'end', 'status', 'next', 'recap', 'help']);
  });
});
