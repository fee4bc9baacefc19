import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  discordAddress,
  discordUserId,
  isDirectAddress,
  parseDiscordChannel,
  parseDiscordMessage,
} from '../../adapters/discord/discord-addresses.js';
import {
  isIgnored,
  readDelete,
  readEdit,
  readMessage,
  toInboundMessage,
  type ReadContext,
} from '../../adapters/discord/discord-inbound.js';

const GUILD = '290926798626357999';
const DM = '319674150115610528';
const OTHER_DM = '319674150115610529';

// Discord's documented MESSAGE_CREATE, as it comes from a DM: no guild_id, no member, channel_type 1.
function inDm(name: string, channel: string): Record<string, unknown> {
  const file = new URL(`../../adapters/discord/fixtures/${name}.json`, import.meta.url);
  const raw = JSON.parse(readFileSync(file, 'utf8')) as { d: Record<string, unknown> };
  const { guild_id: _guild, member: _member, ...message } = raw.d;
  return { ...message, channel_id: channel, channel_type: 1 };
}

const context: ReadContext = { guildId: GUILD, selfId: '999999999999999999', hearsDirect: (id) => id === DM };
const asParticipant = { guildId: GUILD, threadParent: undefined, isHost: false, direct: true };
// An edit as MESSAGE_UPDATE carries it from a DM (no guild_id).
const editIn = (channel: string) => ({
  id: '334385199974967042',
  channel_id: channel,
  content: 'A1: better',
  edited_timestamp: '2026-01-01T00:00:00Z',
  author: { id: '1', username: 'a' },
});

describe('Discord addresses of a direct message channel', () => {
  it('are discord:@me:C and discord:@me:C:M, read back as they were built', () => {
    const channel = discordAddress.directChannel(DM);
    expect(channel).toBe(`discord:@me:${DM}`);
    expect(parseDiscordChannel(channel)).toEqual({ guild: '@me', channel: DM });
    const message = discordAddress.message('@me', DM, '334385199974967042');
    expect(parseDiscordMessage(message)).toEqual({ guild: '@me', channel: DM, message: '334385199974967042' });
    expect([channel, message].map(isDirectAddress)).toEqual([true, true]);
  });

  it('leave guild addresses as they were, and never make a user address', () => {
    const channel = discordAddress.channel(GUILD, DM);
    expect(parseDiscordChannel(channel)).toEqual({ guild: GUILD, channel: DM });
    expect(isDirectAddress(channel)).toBe(false);
    expect(() => discordUserId(`discord:@me:${DM}`)).toThrow(/Not a Discord user address/);
    expect(() => parseDiscordChannel('discord:@you:1')).toThrow(/Not a Discord channel address/);
    expect(() => parseDiscordMessage(`discord:@me:${DM}`)).toThrow(/Not a Discord message address/);
  });
});

describe('messages in a direct message channel', () => {
  it("in a DM Emcee opened: addressed under @me, the author keeping their guild address and Discord's name", () => {
    const read = readMessage(inDm('message-create', DM), context);
    if (isIgnored(read)) throw new Error(read.ignored);
    expect(read.direct).toBe(true);
    const message = toInboundMessage(read.message, asParticipant);
    expect(message).toMatchObject({
      id: `discord:@me:${DM}:334385199974967042`,
      channel: `discord:@me:${DM}`,
      community: `discord:${GUILD}`,
      author: { id: `discord:${GUILD}:53908099506183680`, displayName: 'Mason' },
    });
  });

  it('a Discord reply in the DM points at the message it replies to, under @me', () => {
    const read = readMessage(inDm('message-reply', DM), context);
    if (isIgnored(read)) throw new Error(read.ignored);
    const message = toInboundMessage(read.message, asParticipant);
    expect(message.replyTo).toMatch(/^discord:@me:\d+:306588351130107906$/);
  });

  it('in any other DM (or without a way to tell) are left out, as are their edits and deletes', () => {
    const outside = { ignored: 'a message outside the configured server' };
    expect(readMessage(inDm('message-create', OTHER_DM), context)).toEqual(outside);
    expect(isIgnored(readMessage(inDm('message-create', DM), { guildId: GUILD, selfId: undefined }))).toBe(true);
    expect(isIgnored(readEdit(editIn(OTHER_DM), context))).toBe(true);
    expect(isIgnored(readDelete({ id: '334385199974967042', channel_id: OTHER_DM }, context))).toBe(true);
  });

  it('edits and deletes in the DM Emcee opened name the message under @me', () => {
    const id = `discord:@me:${DM}:334385199974967042`;
    expect(readEdit(editIn(DM), context)).toMatchObject({ id, text: 'A1: better' });
    expect(readDelete({ id: '334385199974967042', channel_id: DM }, context)).toEqual({ id });
  });
});
