import { describe, expect, it } from 'vitest';
import { milestonesAt, oneYearAfter, wordMilestone } from '../../src/people/milestones.js';
import { profileOf, profilesAtSession, profilesIn } from '../../src/people/profiles.js';
import { SessionMemory } from '../../src/people/session-memory.js';
import { DEFAULT_MILESTONES_WORDING } from '../../src/script/script-schema.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { seedChat, type SeededPerson } from '../support/seed-chats.js';

const C = 'test:community';
const DAY = 24 * 60 * 60 * 1000;
const WEEK = 7 * DAY;
const T0 = Date.UTC(2025, 0, 7, 18);

/** Weekly chats from T0; each entry is who came. */
function weekly(store: ChatStore, weeks: SeededPerson[][], from = T0): number[] {
  return weeks.map((people, i) => seedChat(store, { community: C, startedAt: from + i * WEEK, people }));
}

describe('a profile', () => {
  it('never counts a rehearsal, a host, or a deleted message', () => {
    const store = ChatStore.open(':memory:');
    const [first] = weekly(store, [
      [
        { id: 'ana', answers: 2 },
        { id: 'hana', host: true, answers: 1 },
      ],
    ]);
    seedChat(store, { community: C, startedAt: T0 + DAY, rehearsal: true, people: [{ id: 'ana', answers: 5 }] });
    const [, third] = weekly(
      store,
      [[{ id: 'bo' }], [{ id: 'ana', answers: 1, deleted: true }, { id: 'bo' }]],
      T0 + WEEK,
    );
    expect(profileOf(store, C, 'ana')).toMatchObject({
      chats: [first],
      answers: 2,
      currentStreak: 0,
      longestStreak: 1,
    });
    expect(profileOf(store, C, 'hana')).toBeUndefined();
    expect(profileOf(store, C, 'bo')).toMatchObject({ chats: [third! - 1, third], currentStreak: 2 });
    // The rehearsal is no chat of the community either: bo's two chats are consecutive.
    expect(profilesIn(store, C).map((p) => p.userId)).toEqual(['ana', 'bo']);
  });

  it('keeps one person through a change of display name, under the latest name', () => {
    const store = ChatStore.open(':memory:');
    weekly(store, [[{ id: 'u1', name: 'Ana', answers: 1 }], [{ id: 'u1', name: 'Ana López', answers: 3 }]]);
    const profiles = profilesIn(store, C);
    expect(profiles).toHaveLength(1);
    expect(profiles[0]).toMatchObject({ userId: 'u1', displayName: 'Ana López', answers: 4, longestStreak: 2 });
    expect(profiles[0]!.firstSeenAt).toBeGreaterThanOrEqual(T0);
    expect(profiles[0]!.firstSeenAt).toBeLessThan(T0 + DAY);
    expect(profiles[0]!.lastSeenAt).toBeGreaterThan(T0 + WEEK);
  });

  it('counts streaks over the chats of the community, whoever else came', () => {
    const store = ChatStore.open(':memory:');
    const a = { id: 'a' };
    const b = { id: 'b' };
    // a: 1 2 3 _ 5 6 ; b: _ 2 _ 4 5 _
    weekly(store, [[a], [a, b], [a], [b], [a, b], [a]]);
    expect(profileOf(store, C, 'a')).toMatchObject({ currentStreak: 2, longestStreak: 3 });
    expect(profileOf(store, C, 'b')).toMatchObject({ currentStreak: 0, longestStreak: 2 });
  });

  it('as of a running session, for its participants only, the session included', () => {
    const store = ChatStore.open(':memory:');
    weekly(store, [[{ id: 'a' }, { id: 'b' }], [{ id: 'a' }]]);
    const now = seedChat(store, { community: C, startedAt: T0 + 2 * WEEK, people: [{ id: 'a' }], running: true });
    const { profiles } = profilesAtSession(store, C, now);
    expect([...profiles.keys()]).toEqual(['a']);
    expect(profiles.get('a')).toMatchObject({ currentStreak: 3, chats: [1, 2, now] });
    // Outside the closing, a running chat does not count yet.
    expect(profileOf(store, C, 'a')!.chats).toEqual([1, 2]);
  });
});

describe('milestones', () => {
  it('the 5th chat, a streak of 4, and nothing for a rehearsal', () => {
    const store = ChatStore.open(':memory:');
    const a = { id: 'a' };
    const b = { id: 'b' };
    weekly(store, [[a], [a, b], [a, b], [a, b]]);
    const fifth = seedChat(store, { community: C, startedAt: T0 + 4 * WEEK, people: [a, b], running: true });
    expect(milestonesAt(store, C, fifth)).toEqual(
      new Map([
        ['a', { kind: 'chats', count: 5 }],
        ['b', { kind: 'streak', streak: 4 }],
      ]),
    );
    const rehearsal = seedChat(store, { community: C, startedAt: T0 + 5 * WEEK, people: [a], rehearsal: true });
    expect(milestonesAt(store, C, rehearsal).size).toBe(0);
  });

  it('the first anniversary: the first chat on or after a year since first seen, once', () => {
    const store = ChatStore.open(':memory:');
    seedChat(store, { community: C, startedAt: T0, people: [{ id: 'a' }] });
    const firstSeen = profileOf(store, C, 'a')!.firstSeenAt;
    const yearOn = oneYearAfter(firstSeen);
    expect(new Date(yearOn).toISOString().slice(5, 10)).toBe(new Date(firstSeen).toISOString().slice(5, 10));
    // A chat a day short of the year: nothing yet.
    const early = seedChat(store, { community: C, startedAt: yearOn - DAY, people: [{ id: 'a' }], running: true });
    expect(milestonesAt(store, C, early).get('a')).toBeUndefined();
    store.sessions.update(early, { state: 'ended' });
    const onTime = seedChat(store, { community: C, startedAt: yearOn + DAY, people: [{ id: 'a' }], running: true });
    expect(milestonesAt(store, C, onTime).get('a')).toEqual({ kind: 'anniversary' });
    store.sessions.update(onTime, { state: 'ended' });
    seedChat(store, { community: C, startedAt: yearOn + 3 * DAY, people: [{ id: 'z' }] }); // no streak for a
    const after = seedChat(store, { community: C, startedAt: yearOn + WEEK, people: [{ id: 'a' }], running: true });
    expect(milestonesAt(store, C, after).get('a')).toBeUndefined();
  });

  it("the same from a running chat's memory as from the store, with the past looked up one person at a time", () => {
    const store = ChatStore.open(':memory:');
    const people = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));
    // a every week (10th now), b every other (6th, 2 in a row), c from week 3 (8 in a row), d and e rarely.
    weekly(store, [
      [people[0]!, people[1]!, people[3]!, people[4]!],
      [people[0]!, people[4]!],
      [people[0]!, people[1]!, people[2]!],
      [people[0]!, people[2]!],
      [people[0]!, people[1]!, people[2]!],
      [people[0]!, people[2]!],
      [people[0]!, people[1]!, people[2]!],
      [people[0]!, people[2]!],
      [people[0]!, people[1]!, people[2]!],
    ]);
    const now = seedChat(store, { community: C, startedAt: T0 + 9 * WEEK, people, running: true });
    const memory = new SessionMemory(store, { id: now, community: C });
    memory.pastOf('c'); // one looked up early, the others at the closing
    const fromMemory = memory.milestonesOf(people.map((p) => p.id));
    expect(fromMemory).toEqual(milestonesAt(store, C, now));
    expect(fromMemory).toEqual(
      new Map<string, unknown>([
        ['a', { kind: 'chats', count: 10 }],
        ['c', { kind: 'streak', streak: 8 }],
      ]),
    );
  });

  it('worded from the script, each kind with its placeholders filled', () => {
    const wording = { milestones: DEFAULT_MILESTONES_WORDING };
    const context = { hashtag: '#Chat', seed: 0 };
    expect(wordMilestone({ kind: 'chats', count: 25 }, wording, context)).toBe('Your 25th #Chat! 🎉');
    expect(wordMilestone({ kind: 'streak', streak: 7 }, wording, context)).toBe('7 chats in a row! 🔥');
    expect(wordMilestone({ kind: 'anniversary' }, wording, context)).toBe('One year since your first #Chat! 🎂');
    for (let seed = 0; seed < 6; seed++) {
      const text = wordMilestone({ kind: 'chats', count: 100 }, wording, { hashtag: '#Chat', seed });
      expect(text).not.toMatch(/\{\w+\}/);
    }
  });
});

describe('absences', () => {
  it('after at least N missed chats, counted over the community; never for a newcomer; 0 turns it off', () => {
    const store = ChatStore.open(':memory:');
    const a = { id: 'a' };
    const b = { id: 'b' };
    weekly(store, [[a, b], [b], [b], [a, b], [b], [b], [b]]);
    const now = seedChat(store, { community: C, startedAt: T0 + 7 * WEEK, people: [a, b], running: true });
    const memory = new SessionMemory(store, { id: now, community: C });
    // a came to week 4, then missed 5, 6 and 7.
    expect(memory.absenceOf('a', 3)).toEqual({ missed: 3, lastChatAt: T0 + 3 * WEEK, weeks: 4 });
    expect(memory.absenceOf('a', 4)).toBeUndefined();
    expect(memory.absenceOf('b', 1)).toBeUndefined();
    expect(memory.absenceOf('newcomer', 1)).toBeUndefined();
    expect(memory.absenceOf('a', 0)).toBeUndefined();
    expect(memory.pastOf('b')).toMatchObject({ chats: 7, streak: 7, missedSince: 0 });
  });
});
