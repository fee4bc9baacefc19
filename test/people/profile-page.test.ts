import { describe, expect, it } from 'vitest';
import { PROFILE_SORTS, profilesPage, sortProfiles } from '../../src/people/profile-page.js';
import { profilesIn } from '../../src/people/profiles.js';
import { COMMUNITY, weeklyStore } from './weekly-community.js';

describe('a page of profiles', () => {
  it('is, for every sort, search and page, the same slice of profilesIn sorted: one definition of a profile', () => {
    const { store } = weeklyStore();
    // Someone known from their messages only (a store from before participants were recorded) is listed too.
    store.db.prepare('DELETE FROM participants WHERE community_id = ? AND user_id = ?').run(COMMUNITY, 'test:U-hal');
    const everyone = profilesIn(store, COMMUNITY);
    expect(everyone.map((p) => p.userId)).toContain('test:U-hal');
    for (const sort of PROFILE_SORTS) {
      for (const nameContains of ['', 'A', 'zzz']) {
        const named = everyone.filter((p) => p.displayName.toLowerCase().includes(nameContains.toLowerCase()));
        const sorted = sortProfiles(named, sort);
        for (const page of [1, 2, 3, 9]) {
          const got = profilesPage(store, COMMUNITY, { sort, nameContains, page, perPage: 4 });
          const pages = Math.max(1, Math.ceil(sorted.length / 4));
          const shown = Math.min(page, pages);
          const label = `${sort} "${nameContains}" page ${page}`;
          expect(got, label).toEqual({
            profiles: sorted.slice((shown - 1) * 4, shown * 4),
            total: named.length,
            page: shown,
            pages,
          });
        }
      }
    }
  });

  it('sorts most chats first, ties by name; names A–Z whatever their case', () => {
    const { store } = weeklyStore();
    const { profiles } = profilesPage(store, COMMUNITY, { sort: 'chats', nameContains: '', page: 1, perPage: 3 });
    // Ana came to every weekly chat and the monthly one, Bo to ten (his one
    // message in chat 6 was deleted, and he missed chat 12), Cy to five.
    expect(profiles.map((p) => [p.displayName, p.chats.length])).toEqual([
      ['Ana', 13],
      ['Bo', 10],
      ['Cy', 5],
    ]);
    const people = [
      { userId: 'b', displayName: 'bea', firstSeenAt: 0, chats: [] },
      { userId: 'a', displayName: 'Bea', firstSeenAt: 0, chats: [] },
      { userId: 'c', displayName: 'Álvaro', firstSeenAt: 0, chats: [] },
    ];
    expect(sortProfiles(people, 'name').map((p) => p.displayName)).toEqual(['Álvaro', 'bea', 'Bea']);
  });
});
