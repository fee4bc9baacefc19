import { describe, expect, it } from 'vitest';
import { mentionsPerson } from '../../src/people/mentions-person.js';

describe('mentionsPerson', () => {
  const ana = { id: 'slack:T1:U0ANA', name: 'Ana' };
  it.each([
    ['<@U0ANA> what do you think?', true],
    ['<@U0ANA|ana> what do you think?', true],
    ['<@slack:T1:U0ANA> as test platforms write it', true],
    ['@Ana what do you think?', true],
    ['@ana, lower case', true],
    ['@Anabel is someone else', false],
    ['<@U0BOB> is someone else', false],
    ['Ana without an at sign', false],
  ])('%s → %s', (text, expected) => {
    expect(mentionsPerson(text, ana)).toBe(expected);
  });

  it("Discord's <@!id> form, and a guest known by name only", () => {
    expect(mentionsPerson('<@!123456> hi?', { id: 'discord:9:123456', name: 'Gus' })).toBe(true);
    expect(mentionsPerson('@Gus Grey, how?', { name: 'Gus Grey' })).toBe(true);
    expect(mentionsPerson('<@123456> hi?', { name: 'Gus Grey' })).toBe(false);
  });
});
