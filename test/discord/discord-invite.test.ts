import { readFileSync } from 'node:fs';
import { PermissionFlagsBits as P } from 'discord.js';
import { describe, expect, it } from 'vitest';

const NEEDED =
  P.ViewChannel |
  P.SendMessages |
  P.SendMessagesInThreads |
  P.CreatePublicThreads |
  P.EmbedLinks |
  P.AddReactions |
  P.ReadMessageHistory |
  P.CreateEvents;

describe('the invite URL in the READMEs', () => {
  for (const readme of ['../../README.md', '../../adapters/discord/README.md']) {
    it(`${readme.replace('../../', '')} asks for exactly the permissions the adapter uses, with both scopes`, () => {
      const text = readFileSync(new URL(readme, import.meta.url), 'utf8');
      const url = /https:\/\/discord\.com\/oauth2\/authorize\?\S+/.exec(text)![0];
      expect(BigInt(/permissions=(\d+)/.exec(url)![1]!)).toBe(NEEDED);
      expect(url).toContain('scope=bot+applications.commands');
    });
  }
});
