import { describe, expect, it } from 'vitest';
import { type Milestone, milestonesAt } from '../../src/people/milestones.js';
import { profileOf, profilesIn } from '../../src/people/profiles.js';
import { sessionRecapInput } from '../../src/recap/session-recap-input.js';
import type { ChatScript } from '../../src/script/script-schema.js';
import { CLOSE_GRACE_MS, type SessionRunner } from '../../src/session/session-runner.js';
import { CHANNEL, COMMUNITY, createHarness } from '../support/chat-harness.js';
import { shippedScript } from '../support/write-test-script.js';

const WEEK = 7 * 24 * 60 * 60 * 1000;

// One wording variant of each, tagged, so every welcome-back and milestone can be read back exactly.
const script: ChatScript = {
  ...shippedScript('demo'),
  wording: {
    ...shippedScript('demo').wording,
    welcomeBack: ['Welcome back {name} after {weeks} weeks at {hashtag}'],
    milestones: { chats: ['[{nth} chat]'], anniversary: ['[one year]'], streak: ['[{streak} in a row]'] },
  },
};

/**
 * Who comes to which of the 12 weekly chats. Regulars (rita, sam), people who drift away and come back (dana after
 * five missed chats, eli after three and later four, pia after four), newcomers who stay (nina) or not (omar), and
 * quinn, who asked to be quiet before coming back.
 */
const ATTENDANCE: Record<string, number[]> = {
  rita: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
  sam: [1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12],
  dana: [1, 2, 3, 9, 10, 11, 12],
  eli: [1, 2, 6, 11, 12],
  nina: [3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
  omar: [4],
  quinn: [1, 7, 8, 9, 10, 11],
  pia: [2, 7, 8],
};

// Worked out by hand from the table above (welcomeBackAfter is the default, 4 missed chats).
const WELCOMED_BACK: Record<number, Record<string, number>> = {
  7: { pia: 5 }, // pia missed 3–6; quinn missed 2–6 too, but is quiet
  9: { dana: 6 }, // dana missed 4–8 (the rehearsal she joined in between does not count)
  11: { eli: 5 }, // eli missed 7–10; in week 6 he had missed only 3–5
};
const FIRST_TIMERS: Record<number, string[]> = {
  1: ['rita', 'sam', 'dana', 'eli', 'quinn'],
  2: ['pia'],
  3: ['nina'],
  4: ['omar'],
};
// The one milestone each person's thank-you line names, week by week: a chat count beats a streak.
const MILESTONES: Record<number, Record<string, string>> = {
  4: { rita: '4 in a row', sam: '4 in a row' },
  5: { rita: '5th chat', sam: '5th chat' },
  6: { rita: '6 in a row', sam: '6 in a row', nina: '4 in a row' },
  7: { rita: '7 in a row', nina: '5th chat' },
  8: { rita: '8 in a row', nina: '6 in a row' },
  9: { rita: '9 in a row', nina: '7 in a row' },
  10: { rita: '10th chat', dana: '5th chat', nina: '8 in a row', quinn: '5th chat' },
  11: { rita: '11 in a row', sam: '10th chat', nina: '9 in a row', quinn: '5 in a row' },
  12: { rita: '12 in a row', sam: '5 in a row', dana: '4 in a row', eli: '5th chat', nina: '10th chat' },
};

async function simulate() {
  const h = createHarness({ script });
  const first = h.clock.now();
  const sessions: number[] = [];
  const runChat = async (week: number, rehearsal = false) => {
    const channel = rehearsal ? 'test:dm:host' : CHANNEL;
    const runner: SessionRunner = await h.host.startSession({ script, community: COMMUNITY, channel, rehearsal });
    await h.clock.advance(20_000); // Q1 is open
    const say = (name: string, text: string, displayName = name) =>
      h.say(name, text, { channel, author: h.person(name, { displayName }) });
    await say('host', 'Hi all, welcome in!');
    for (const [name, weeks] of Object.entries(ATTENDANCE)) {
      if (rehearsal ? name !== 'dana' : !weeks.includes(week)) continue;
      // Rita changes her display name half-way: still one person.
      const shown = name === 'rita' && week >= 6 ? 'Rita R.' : name;
      await say(name, `A1: ${name}'s answer in week ${week}`, shown);
      await say(name, `and more from ${name}`, shown);
      if (name === 'sam') await say(name, 'A1: a second thought', shown);
    }
    await runner.end();
    await h.clock.advance(CLOSE_GRACE_MS);
    await runner.done;
    return runner.id;
  };
  // The host is a host in every chat, never a participant.
  const hostAuthor = h.person('host', { isHost: true });
  const sayAsHost = h.say;
  h.say = (name, text, extra = {}) => sayAsHost(name, text, name === 'host' ? { ...extra, author: hostAuthor } : extra);

  const posts: Record<number, { welcomes: typeof h.platform.posts; firsts: typeof h.platform.posts }> = {};
  const thanks: Record<number, string> = {};
  for (let week = 1; week <= 12; week++) {
    await h.clock.advanceTo(first + (week - 1) * WEEK);
    if (week === 7) h.store.quiet.setQuiet(COMMUNITY, 'test:U-quinn', true, h.clock.now());
    const before = h.platform.posts.length;
    sessions.push(await runChat(week));
    const made = h.platform.posts.slice(before);
    posts[week] = {
      welcomes: made.filter((p) => p.message.kind === 'welcome-back'),
      firsts: made.filter((p) => p.message.kind === 'first-timer'),
    };
    thanks[week] = made
      .filter((p) => p.message.kind === 'thanks')
      .map((p) => p.message.text)
      .join('\n');
    if (week === 8) {
      // A rehearsal between weeks 8 and 9, where dana (away since week 3) plays a participant.
      await h.clock.advance(3 * 24 * 60 * 60 * 1000);
      const rehearsalPosts = h.platform.posts.length;
      await runChat(8.5, true);
      expect(h.platform.posts.slice(rehearsalPosts).filter((p) => p.message.kind === 'welcome-back')).toEqual([]);
    }
  }
  return { h, sessions, posts, thanks, first };
}

const userOf = (name: string) => `test:U-${name}`;
const nameOf = (mention: string) => /<@test:U-(\w+)>/.exec(mention)?.[1];
// Someone quiet is thanked by name, without a mention (quinn, from week 7).
const personOfLine = (line: string) => nameOf(line) ?? (/\bquinn\b/.test(line) ? 'quinn' : undefined);

describe('a community remembered over 12 weekly chats', () => {
  it('welcomes back exactly those who were away, once each, and first-timers only as first-timers', async () => {
    const { h, posts } = await simulate();
    for (let week = 1; week <= 12; week++) {
      const welcomed = Object.fromEntries(
        posts[week]!.welcomes.map((post) => {
          const weeks = /after (\d+) weeks at #CommunityChat/.exec(post.message.text)?.[1];
          return [nameOf(post.message.text), Number(weeks)];
        }),
      );
      expect(welcomed, `week ${week}`).toEqual(WELCOMED_BACK[week] ?? {});
      for (const post of posts[week]!.welcomes) {
        const name = nameOf(post.message.text)!;
        expect(post.message.mentions).toEqual([userOf(name)]);
        // A reply to their first message of the chat.
        const firstMessage = h.store.messages.get(post.replyTo!)!;
        expect(firstMessage.author_id).toBe(userOf(name));
        expect(firstMessage.text).toMatch(/^A1: /);
      }
      const firsts = posts[week]!.firsts.map((post) => post.message.mentions![0]);
      expect(firsts, `first-timers of week ${week}`).toEqual((FIRST_TIMERS[week] ?? []).map(userOf));
    }
  });

  it('welcomes back exactly the people its recap names as back after an absence (quiet ones only named)', async () => {
    const { h, posts, sessions } = await simulate();
    // By hand: how many chats ago each returner's previous chat was (one more than the chats they missed).
    const returning: Record<number, Record<string, number>> = {
      7: { pia: 5, quinn: 6 },
      9: { dana: 6 },
      11: { eli: 5 }, // in week 6 he had missed only three: neither welcomed nor named
    };
    for (let week = 1; week <= 12; week++) {
      const named = sessionRecapInput(h.store, sessions[week - 1]!).community!.returners;
      const byName = Object.fromEntries([...named].map(([user, ago]) => [user.replace('test:U-', ''), ago]));
      expect(byName, `week ${week}`).toEqual(returning[week] ?? {});
      const welcomed = posts[week]!.welcomes.map((post) => nameOf(post.message.text)).sort();
      const quiet = week >= 7 ? ['quinn'] : [];
      expect(welcomed, `week ${week}`).toEqual(
        Object.keys(byName)
          .filter((name) => !quiet.includes(name))
          .sort(),
      );
    }
  });

  it('names every milestone in that person’s thank-you line, and nobody else’s', async () => {
    const { h, thanks, sessions } = await simulate();
    for (let week = 1; week <= 12; week++) {
      const named: Record<string, string> = {};
      const lines = thanks[week]!.split('\n').filter((line) => personOfLine(line) !== undefined);
      for (const line of lines) {
        const tag = /\[([^\]]+)\]/.exec(line)?.[1];
        if (tag) named[personOfLine(line)!] = tag;
      }
      expect(named, `week ${week}`).toEqual(MILESTONES[week] ?? {});
      // Computed again from the store alone, after the chat: the same milestones.
      const again = milestonesAt(h.store, COMMUNITY, sessions[week - 1]!);
      const tag = (m: Milestone) =>
        m.kind === 'chats' ? `${m.count}th chat` : m.kind === 'streak' ? `${m.streak} in a row` : 'one year';
      expect(
        Object.fromEntries([...again].map(([user, m]) => [user.replace('test:U-', ''), tag(m)])),
        `week ${week}`,
      ).toEqual(MILESTONES[week] ?? {});
      // Still one line per person, everyone who came thanked once.
      const attendees = Object.entries(ATTENDANCE).filter(([, weeks]) => weeks.includes(week));
      expect(lines.map(personOfLine).sort()).toEqual(attendees.map(([name]) => name).sort());
      if (week >= 7) expect(thanks[week]).not.toContain('<@test:U-quinn>');
    }
  });

  it('keeps each profile: chats, answers, streaks, first and last seen; hosts and rehearsals never count', async () => {
    const { h, sessions, first } = await simulate();
    const profiles = new Map(profilesIn(h.store, COMMUNITY).map((p) => [p.userId, p]));
    expect([...profiles.keys()].sort()).toEqual(Object.keys(ATTENDANCE).map(userOf).sort());
    const streaks: Record<string, [current: number, longest: number]> = {
      rita: [12, 12],
      sam: [5, 6],
      dana: [4, 4],
      eli: [2, 2],
      nina: [10, 10],
      omar: [0, 1],
      quinn: [0, 5],
      pia: [0, 2],
    };
    for (const [name, weeks] of Object.entries(ATTENDANCE)) {
      const profile = profiles.get(userOf(name))!;
      expect(profile.chats, name).toEqual(weeks.map((week) => sessions[week - 1]));
      expect(profile.answers, name).toBe(weeks.length * (name === 'sam' ? 2 : 1));
      expect([profile.currentStreak, profile.longestStreak], name).toEqual(streaks[name]);
      const weekStart = (week: number) => first + (week - 1) * WEEK;
      expect(profile.firstSeenAt, name).toBeGreaterThanOrEqual(weekStart(weeks[0]!));
      expect(profile.firstSeenAt, name).toBeLessThan(weekStart(weeks[0]!) + 60_000);
      expect(profile.lastSeenAt, name).toBeGreaterThanOrEqual(weekStart(weeks.at(-1)!));
      expect(profile.lastSeenAt, name).toBeLessThan(weekStart(weeks.at(-1)!) + 60_000);
      expect(profileOf(h.store, COMMUNITY, userOf(name))).toEqual(profile);
    }
    expect(profiles.get(userOf('rita'))!.displayName).toBe('Rita R.');
    expect(profileOf(h.store, COMMUNITY, userOf('host'))).toBeUndefined();
  });
});
