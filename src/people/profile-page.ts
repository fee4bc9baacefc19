import type { ChatStore } from '../store/chat-store.js';
import { activityTotalsIn, chatCountsIn } from './attendance.js';
import { type PersonProfile, profilesOf } from './profiles.js';
import { prepared } from '../store/prepared.js';

/** The orders a list of profiles can be read in (the console's People columns). */
export const PROFILE_SORTS = ['name', 'first-seen', 'chats', 'answers', 'last-seen'] as const;
/** One of PROFILE_SORTS. */
export type ProfileSort = (typeof PROFILE_SORTS)[number];

/** Which page of a community's profiles to read. */
export interface ProfilePageQuery {
  /** The order: names A–Z, first seen oldest first, the rest most first. */
  sort: ProfileSort;
  /** Only people whose display name contains this (any case); empty for everyone. */
  nameContains: string;
  /** The page wanted (1-based); past the last page, the last page is given. */
  page: number;
  /** Profiles per page. */
  perPage: number;
}

/** One page of profiles, and how many there are in all. */
export interface ProfilePage {
  /** The page's profiles, in order. */
  profiles: PersonProfile[];
  /** How many people match the query in all. */
  total: number;
  /** The page given (1-based, at most `pages`). */
  page: number;
  /** How many pages there are (at least 1). */
  pages: number;
}

/**
 * A page of a community's profiles (profiles.ts's, one definition), sorted and filtered by name, without building
 * everyone's profile: the sort keys come from one query (the chat counts from the author index alone; answers and
 * last seen from one aggregate by the same rule), and only the page's people are read in full.
 */
export function profilesPage(store: ChatStore, communityId: string, query: ProfilePageQuery): ProfilePage {
  const needle = query.nameContains.toLowerCase();
  const named = (p: { displayName: string }) => !needle || p.displayName.toLowerCase().includes(needle);
  // Chat counts come from the author index alone; answers and last seen need one pass over the messages.
  const totals =
    query.sort === 'answers' || query.sort === 'last-seen' ? activityTotalsIn(store, communityId) : undefined;
  const counts = totals ? undefined : chatCountsIn(store, communityId);
  const known = prepared(
    store.db,
    'SELECT user_id, display_name, first_seen_at FROM participants WHERE community_id = ?',
  )
    .raw()
    .all(communityId) as [string, string, number][];
  const light: Sortable[] = known.map(([userId, displayName, firstSeenAt]) => {
    const total = totals?.get(userId);
    return {
      userId,
      displayName,
      firstSeenAt,
      chats: { length: total?.chats ?? counts?.get(userId) ?? 0 },
      answers: total?.answers ?? 0,
      lastSeenAt: total?.lastMessageAt,
    };
  });
  // People known from their messages only (a store written before participants were recorded): few, read whole.
  const listed = new Set(known.map(([userId]) => userId));
  const authors = [...(totals ?? counts ?? new Map()).keys()] as string[];
  const unlisted = profilesOf(
    store,
    communityId,
    authors.filter((userId) => !listed.has(userId)),
  );
  const shown = pageOf(sortProfiles([...light, ...unlisted.values()].filter(named), query.sort), query);
  const full = profilesOf(
    store,
    communityId,
    shown.profiles.map((p) => p.userId),
  );
  return { ...shown, profiles: shown.profiles.map((p) => full.get(p.userId)!) };
}

type Sortable = Pick<PersonProfile, 'userId' | 'displayName' | 'firstSeenAt'> & {
  chats: { length: number };
  answers?: number;
  lastSeenAt?: number | undefined;
};

// The same order as String#localeCompare, without building a collator per comparison.
const collator = new Intl.Collator();

/** Profiles in the order a sort asks for; ties by name, then address, so pages never shuffle. */
export function sortProfiles<T extends Sortable>(people: readonly T[], sort: ProfileSort): T[] {
  const byName = (a: T, b: T) =>
    collator.compare(a.displayName, b.displayName) || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);
  const key: Record<ProfileSort, (p: T) => number> = {
    name: () => 0,
    'first-seen': (p) => p.firstSeenAt,
    chats: (p) => -p.chats.length,
    answers: (p) => -(p.answers ?? 0),
    'last-seen': (p) => -(p.lastSeenAt ?? -1),
  };
  return [...people].sort((a, b) => key[sort](a) - key[sort](b) || byName(a, b));
}

function pageOf<T>(
  sorted: T[],
  query: ProfilePageQuery,
): { profiles: T[]; total: number; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(sorted.length / query.perPage));
  const page = Math.min(Math.max(1, query.page), pages);
  return {
    profiles: sorted.slice((page - 1) * query.perPage, page * query.perPage),
    total: sorted.length,
    page,
    pages,
  };
}
