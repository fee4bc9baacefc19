import type { UserAddress } from '../port.js';
import type { ChatStore } from '../store/chat-store.js';
import type { MessageRow } from '../store/session-rows.js';
import { PERSONAL_POSTS } from './forget-person.js';
import { type PersonProfile, profileOf } from './profiles.js';

/** A chat a person wrote in (or was thanked in). */
export interface PersonalSession {
  /** The session's number. */
  sessionId: number;
  /** Its series (the script's id). */
  seriesId: string;
  /** When it started, ISO 8601 (UTC). */
  date: string;
  /** Whether it was a host's rehearsal (which never counts). */
  rehearsal: boolean;
}

/** A stored message of the person's, with the chat it belongs to. */
export type PersonalMessage = MessageRow & { seriesId: string; date: string };

/** Everything the store holds about one person in one community, as `/emcee my-data` sends it. */
export interface PersonalData {
  /** What this file is. */
  about: string;
  /** The community (workspace, guild). */
  community: string;
  /** The person's address on the platform. */
  user: UserAddress;
  /** Their rows of the participants table: first seen, first chat, latest display name. */
  participants: { community_id: string; user_id: string; display_name: string; first_seen_at: number }[];
  /** When they asked to be quiet, or null. */
  quiet: { since: number } | null;
  /** Chats they wrote in or were thanked in, oldest first. */
  sessions: PersonalSession[];
  /** Every message of theirs, deleted ones included, in time order. */
  messages: PersonalMessage[];
  /** Every thank-you they got: how many answers, which wording. */
  thanks: { session_id: number; user_id: string; answers: number; variant: number; post_purpose: string }[];
  /** The personal welcomes and welcome-backs Emcee posted to them (the post's record: its first characters). */
  welcomes: { session_id: number; purpose: string; state: string; text_start: string | null; sent_at: number | null }[];
  /** What Emcee works out from those chats (profiles.ts): chats attended, answers, streaks; null if never seen. */
  profile: PersonProfile | null;
  /** A host's traces on the website: sign-in links and signed-in sessions (without their secrets' hashes). */
  web: {
    signInLinks: { display_name: string; created_at: number; expires_at: number; used_at: number | null }[];
    sessions: { display_name: string; created_at: number; expires_at: number; signed_out_at: number | null }[];
    /** Series they made public. */
    published: { series_id: string; published_at: number }[];
  };
}

/**
 * Everything stored about `user` in `community`, read straight from the store: the participants row, the quiet
 * flag, every message they wrote (with its chat's series and date), their thanks, welcomes and welcome-backs, their
 * profile, and a host's website sign-ins and publications.
 */
export function personalData(store: ChatStore, community: string, user: UserAddress): PersonalData {
  const { db } = store;
  const participants = db
    .prepare('SELECT * FROM participants WHERE community_id = ? AND user_id = ?')
    .all(community, user) as PersonalData['participants'];
  const quiet = db
    .prepare('SELECT since FROM quiet_people WHERE community_id = ? AND user_id = ?')
    .get(community, user) as { since: number } | undefined;
  const messages = (
    db
      .prepare(
        `SELECT m.*, s.script_id AS series_id, s.started_at AS session_started_at
           FROM messages m JOIN sessions s ON s.id = m.session_id
          WHERE s.community_id = ? AND m.author_id = ?
          ORDER BY m.ts, m.received_at, m.address`,
      )
      .all(community, user) as (MessageRow & { series_id: string; session_started_at: number })[]
  ).map(({ series_id, session_started_at, ...row }) => ({
    ...row,
    seriesId: series_id,
    date: new Date(session_started_at).toISOString(),
  }));
  const thanks = db
    .prepare(
      `SELECT t.* FROM thanks t JOIN sessions s ON s.id = t.session_id
        WHERE s.community_id = ? AND t.user_id = ? ORDER BY t.session_id`,
    )
    .all(community, user) as PersonalData['thanks'];
  const welcomes = db
    .prepare(
      `SELECT p.session_id, p.purpose, p.state, p.text_start, p.sent_at FROM bot_posts p
         JOIN sessions s ON s.id = p.session_id
        WHERE s.community_id = ? AND p.purpose IN (SELECT value FROM json_each(?)) ORDER BY p.session_id, p.purpose`,
    )
    .all(community, JSON.stringify(PERSONAL_POSTS.map((kind) => `${kind}:${user}`))) as PersonalData['welcomes'];
  // Sign-ins are per platform identity, not per community: the same address is the same person.
  const web: PersonalData['web'] = {
    signInLinks: db
      .prepare('SELECT display_name, created_at, expires_at, used_at FROM web_signin_links WHERE identity = ?')
      .all(user) as PersonalData['web']['signInLinks'],
    sessions: db
      .prepare('SELECT display_name, created_at, expires_at, signed_out_at FROM web_sessions WHERE identity = ?')
      .all(user) as PersonalData['web']['sessions'],
    published: db
      .prepare('SELECT series_id, published_at FROM published_series WHERE published_by = ?')
      .all(user) as PersonalData['web']['published'],
  };
  const sessions = db
    .prepare(
      `SELECT id, script_id, started_at, rehearsal FROM sessions
        WHERE community_id = ? AND id IN (SELECT session_id FROM messages WHERE author_id = ?
                                         UNION SELECT session_id FROM thanks WHERE user_id = ?)
        ORDER BY started_at, id`,
    )
    .all(community, user, user) as { id: number; script_id: string; started_at: number; rehearsal: number }[];
  return {
    about:
      'Everything Emcee stores about you in this community: who you are here, the chats you took part in, every ' +
      'message you wrote in them, the thank-yous and welcomes it posted to you, what it works out from them ' +
      '(profile), and, if you host, your website sign-ins. "forget-me" erases it.',
    community,
    user,
    participants,
    quiet: quiet ?? null,
    sessions: sessions.map((row) => ({
      sessionId: row.id,
      seriesId: row.script_id,
      date: new Date(row.started_at).toISOString(),
      rehearsal: row.rehearsal === 1,
    })),
    messages,
    thanks,
    welcomes,
    profile: profileOf(store, community, user) ?? null,
    web,
  };
}
