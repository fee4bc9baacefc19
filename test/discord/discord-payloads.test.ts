import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  isIgnored,
  readCommand,
  readDelete,
  readEdit,
  readMessage,
  toInboundMessage,
  type ReadContext,
} from '../../adapters/discord/discord-inbound.js';
import { discordChannelSchema, THREAD_TYPES } from '../../adapters/discord/discord-payloads.js';

const GUILD = '290926798626357999';
const CHANNEL = '290926798999357250';
const THREAD = '41771983423143937';
const context: ReadContext = { guildId: GUILD, selfId: '999999999999999999' };

const fixture = (name: string) =>
  (
    JSON.parse(readFileSync(new URL(`../../adapters/discord/fixtures/${name}.json`, import.meta.url), 'utf8')) as {
      d: Record<string, unknown>;
    }
  ).d;

function message(name: string, where: { threadParent?: string; isHost?: boolean } = {}) {
  const read = readMessage(fixture(name), context);
  if (isIgnored(read)) throw new Error(`ignored: ${read.ignored}`);
  return toInboundMessage(read.message, {
    guildId: GUILD,
    threadParent: where.threadParent,
    isHost: where.isHost ?? false,
  });
}

describe("Discord's documented payloads through the parser", () => {
  it('MESSAGE_CREATE in the channel is a message with its address, author and time', () => {
    expect(message('message-create')).toEqual({
      id: `discord:${GUILD}:${CHANNEL}:334385199974967042`,
      channel: `discord:${GUILD}:${CHANNEL}`,
      community: `discord:${GUILD}`,
      author: { id: `discord:${GUILD}:53908099506183680`, displayName: 'Mason', isBot: false, isHost: false },
      text: 'Supa Hot',
      ts: Date.parse('2017-07-11T17:27:07.299Z'),
    });
  });

  it('a Discord reply points at the message it replies to, and the nickname is the name', () => {
    const reply = message('message-reply');
    expect(reply.replyTo).toBe(`discord:${GUILD}:${CHANNEL}:306588351130107906`);
    expect(reply.author.displayName).toBe('Mace');
  });

  it("a message in a question's thread answers the thread's starting message, in the parent channel", () => {
    const inThread = message('message-in-thread', { threadParent: CHANNEL });
    expect(inThread.id).toBe(`discord:${GUILD}:${THREAD}:831293710130167848`);
    expect(inThread.channel).toBe(`discord:${GUILD}:${CHANNEL}`);
    expect(inThread.replyTo).toBe(`discord:${GUILD}:${CHANNEL}:${THREAD}`);
    expect(inThread.author.displayName).toBe('Mason the Great');
  });

  it('THREAD_CREATE tells the parent of a thread', () => {
    const thread = discordChannelSchema.parse(fixture('thread-create'));
    expect(THREAD_TYPES.has(thread.type)).toBe(true);
    expect(thread).toMatchObject({ id: THREAD, parent_id: CHANNEL });
  });

  it('MESSAGE_UPDATE with a new edited_timestamp is an edit; one without (an unfurl) is not', () => {
    expect(readEdit(fixture('message-update'), context)).toEqual({
      id: `discord:${GUILD}:${CHANNEL}:334385199974967042`,
      text: 'A1: Supa Hot',
      editedAt: Date.parse('2017-07-11T17:30:00Z'),
    });
    expect(isIgnored(readEdit({ ...fixture('message-update'), edited_timestamp: null }, context))).toBe(true);
  });

  it('MESSAGE_DELETE is the deleted message address', () => {
    expect(readDelete(fixture('message-delete'), context)).toEqual({
      id: `discord:${GUILD}:${CHANNEL}:334385199974967042`,
    });
  });

  it("bots, the bot itself, webhooks, system messages and other servers' messages are left out", () => {
    expect(readMessage(fixture('bot-message'), context)).toEqual({ ignored: "a bot's message" });
    const mason = fixture('message-create');
    expect(isIgnored(readMessage(mason, { ...context, selfId: '53908099506183680' }))).toBe(true);
    expect(isIgnored(readMessage({ ...mason, webhook_id: '123456789012345678' }, context))).toBe(true);
    expect(readMessage({ ...mason, type: 7 }, context)).toEqual({ ignored: 'a system message (type 7)' });
    expect(isIgnored(readMessage({ ...mason, guild_id: '111111111111111111' }, context))).toBe(true);
    expect(
      isIgnored(
        readEdit({ ...fixture('message-update'), author: { ...(fixture('bot-message').author as object) } }, context),
      ),
    ).toBe(true);
  });

  it('a payload missing what the adapter reads is left out, naming the field', () => {
    const { author: _author, ...noAuthor } = fixture('message-create');
    expect(readMessage(noAuthor, context)).toEqual({ ignored: 'a malformed message (author)' });
  });

  it('INTERACTION_CREATE for /emcee is a command; Administrator makes a host', () => {
    const command = readCommand(fixture('interaction-create'), { ...context, hostRoleId: undefined });
    expect(command).toEqual({
      interaction: { id: '786008729715212338', token: 'A_UNIQUE_TOKEN', applicationId: '775799577604522054' },
      channelId: '645027906669510667',
      parentId: undefined,
      name: 'extend',
      args: ['10'],
      by: { id: `discord:${GUILD}:53908232506183680`, displayName: 'Mason', isBot: false, isHost: true },
    });
  });

  it('host standing: the host role or Manage Events, nothing else', () => {
    const raw = fixture('interaction-create');
    const member = raw.member as Record<string, unknown>;
    const as = (permissions: string, hostRoleId?: string) => {
      const read = readCommand({ ...raw, member: { ...member, permissions } }, { ...context, hostRoleId });
      if (isIgnored(read)) throw new Error(read.ignored);
      return read.by.isHost;
    };
    expect(as('0')).toBe(false);
    expect(as((1n << 33n).toString())).toBe(true); // MANAGE_EVENTS
    expect(as((1n << 44n).toString())).toBe(false); // CREATE_EVENTS is not hosting
    expect(as('0', '539082325061836999')).toBe(true); // the configured host role
    expect(
      isIgnored(
        readCommand(
          { ...raw, data: { ...(raw.data as object), name: 'other' } },
          { ...context, hostRoleId: undefined },
        ),
      ),
    ).toBe(true);
  });
});
