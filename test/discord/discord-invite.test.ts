import { readFileSync } from 'node:fs';
import { PermissionFlagsBits as P } from 'discord.js';
import { describe, expect, it } from 'vitest';

describe('the README invite URL', () => {
  it('asks for exactly the permissions the adapter uses', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const permissions = BigInt(/permissions=(\d+)/.exec(readme)![1]!);
    const needed =
      P.ViewChannel | P.SendMessages | P.SendMessagesInThreads | P.CreatePublicThreads | P.EmbedLinks | P.AddReactions | P.ReadMessageHistory | P.CreateEvents;
    expect(permissions).toBe(needed);
  });
});
