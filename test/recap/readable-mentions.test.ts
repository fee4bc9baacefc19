import { describe, expect, it } from 'vitest';
import { answerBody, peopleDirectory, readableMentions } from '../../src/recap/readable-mentions.js';

const names: Record<string, string> = { U01ANA: 'Ana Lopez', '222': 'Bo Chen' };
const nameOf = (id: string) => names[id];
const NO_PREFIX = { question: null, reason: 'no-prefix' } as const;

describe('platform markup read as people write it', () => {
  it('writes Slack user mentions as names, with the label when the name is unknown, else "@someone"', () => {
    const read = readableMentions('thanks <@U01ANA>, <@W02ZED|zed> and <@U09NOBODY>!', nameOf);
    expect(read.text).toBe('thanks @Ana Lopez, @zed and @someone!');
    expect(read.mentions).toEqual([
      { id: 'U01ANA', name: 'Ana Lopez' },
      { id: 'W02ZED', name: 'zed' },
      { id: 'U09NOBODY', name: null },
    ]);
  });

  it('writes Discord user mentions, with or without "!", as names, and lists each person once', () => {
    const read = readableMentions('<@!222> agrees with <@222> and <@999>', nameOf);
    expect(read.text).toBe('@Bo Chen agrees with @Bo Chen and @someone');
    expect(read.mentions).toEqual([
      { id: '222', name: 'Bo Chen' },
      { id: '999', name: null },
    ]);
  });

  it('makes roles, channels and broadcasts readable and inert', () => {
    const slack =
      '<!channel> <!here> <!everyone> <!here|here> <#C01> <#C02|general> <!subteam^S1|@design> <!subteam^S2>';
    expect(readableMentions(slack).text).toBe('@channel @here @everyone @here #channel #general @design @group');
    expect(readableMentions('<@&444> in <#555> and <@&1|mods>').text).toBe('@role in #channel and @mods');
  });

  it('writes links, dates, custom emoji, commands and timestamps as text', () => {
    expect(readableMentions('<https://example.org/a|the guide> and <https://example.org/b>').text).toBe(
      'the guide (https://example.org/a) and https://example.org/b',
    );
    expect(readableMentions('<mailto:a@example.org|a@example.org> <mailto:b@example.org>').text).toBe(
      'a@example.org b@example.org',
    );
    expect(readableMentions('<!date^1795370400^{date}|Nov 19> <:party:123> <a:wave:456> </emcee:789>').text).toBe(
      'Nov 19 :party: :wave: /emcee',
    );
    expect(readableMentions('at <t:1795370400:F>').text).toBe('at 2026-11-22 18:00 UTC');
  });

  it('leaves everything else exactly as written, and the same string when nothing changes', () => {
    const plain = 'I <3 this <b>bold</b> <script>x</script> a < b > c <@ U1> <@U1 >';
    expect(readableMentions(plain).text).toBe(plain);
    const noMarkup = 'A1: nothing to change here';
    expect(readableMentions(noMarkup, nameOf).text).toBe(noMarkup);
    expect(readableMentions(noMarkup, nameOf).mentions).toEqual([]);
  });
});

describe('the people a recap knows', () => {
  it('finds names by bare id from addresses, the directory, guests and authors (authors win)', () => {
    const known = peopleDirectory({
      people: { 'slack:T1:U1': 'Ana (old name)', 'slack:T1:U2': 'Bo', U3: 'Cy' },
      guests: [{ id: 'slack:T1:U4', name: 'Dee the guest' }, { name: 'handle-only' }],
      messages: [{ id: 'm1', author: 'Ana', authorId: 'slack:T1:U1', text: 'hi', ts: 1, attribution: NO_PREFIX }],
    });
    expect(['U1', 'U2', 'U3', 'U4', 'U5'].map(known)).toEqual(['Ana', 'Bo', 'Cy', 'Dee the guest', undefined]);
  });

  it('shows an answer without its prefix, found in the text as written even after a leading mention', () => {
    const raw = '<@U01ANA> A1: agreed, <@U02BO> said it best';
    const read = readableMentions(raw, (id) => ({ U01ANA: 'Ana Lopez', U02BO: 'Bo Chen' })[id]);
    expect(read.text).toBe('@Ana Lopez A1: agreed, @Bo Chen said it best');
    const body = answerBody({ text: read.text, rawText: raw, mentions: read.mentions });
    expect(body).toBe('agreed, @Bo Chen said it best');
    expect(answerBody({ text: 'A2: plain' })).toBe('plain');
  });
});
