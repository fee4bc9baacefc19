import type { UserAddress } from '../port.js';
import type { ChatStore } from '../store/chat-store.js';

/** Author ids of forgotten people start with this: counts keep them, names and recaps do not. */
export const FORGOTTEN_PREFIX = 'forgotten:';

/** Whether a stored author id stands for someone who used forget-me. */
export function isForgotten(authorId: string): boolean {
  return authorId.startsWith(FORGOTTEN_PREFIX);
}

/** The bot posts made to one person, recorded under `<kind>:<their address>`: a first welcome, a welcome back. */
export const PERSONAL_POSTS = ['first-timer', 'welcome-back'] as const;

/** Whom to forget, and how their mentions read in stored texts. */
export interface ForgetRequest {
  /** The community (workspace, guild) they asked in. */
  community: string;
  /** Their address. */
  user: UserAddress;
  /** The platform's mention of them under a name, e.g. "<@U123>" on Slack, "@Ana" in the local room. */
  mentionOf: (displayName: string) => string;
}

/** What an erasure did. */
export interface ForgetOutcome {
  /** The anonymous id their messages and thanks now carry, so counts keep a number without a name. */
  token: string;
  /** Their messages whose text was erased. */
  messages: number;
  /** Other people's messages that mentioned them and now say "someone" instead. */
  mentions: number;
  /** Finished, counted chats they took part in or were named in: their recap files are to be written again. */
  recapSessions: number[];
  /** Set when the database could not be compacted at once (another process reading it): the reason. */
  compactionProblem?: string;
}

/**
 * Erases a person from the store: their participants and quiet rows go, and their web sign-ins; their messages
 * keep their place (counts, attendance) under an anonymous id, with no text and no name (the search index drops
 * their tokens: secure-delete, migration 13); their thanks, the records of their welcomes and welcome-backs, and a
 * series they published move to the anonymous id; mentions of them in other people's messages and in the bot's
 * post records read "someone". The erasing transaction runs with secure_delete, then the write-ahead log is
 * checkpointed and truncated and the file vacuumed, so the bytes are gone from the database file and its WAL,
 * not just unlinked.
 */
export async function forgetPerson(store: ChatStore, request: ForgetRequest): Promise<ForgetOutcome> {
  // A message of theirs still queued behind a busy database would otherwise be written after the erasure.
  await store.writes.settled();
  const { db } = store;
  const { community, user } = request;
  const names = knownNames(store, community, user);
  const forms = mentionForms(names.map(request.mentionOf));
  const erase = () =>
    store.transaction(() => {
      const token = `${FORGOTTEN_PREFIX}${nextForgottenNumber(store)}`;
      const inCommunity = 'session_id IN (SELECT id FROM sessions WHERE community_id = @community)';
      const touched = new Set(
        (
          db
            .prepare(
              `SELECT DISTINCT session_id FROM messages WHERE author_id = @user AND ${inCommunity}
               UNION SELECT session_id FROM thanks WHERE user_id = @user AND ${inCommunity}`,
            )
            .all({ community, user }) as { session_id: number }[]
        ).map((row) => row.session_id),
      );
      const messages = db
        .prepare(
          `UPDATE messages SET text = '', author_name = '', author_id = @token
            WHERE author_id = @user AND ${inCommunity}`,
        )
        .run({ community, user, token }).changes;
      const mentioned = replaceInColumn(store, 'messages', 'address', 'text', forms, community);
      for (const session of mentioned.sessions) touched.add(session);
      db.prepare(`UPDATE thanks SET user_id = @token WHERE user_id = @user AND ${inCommunity}`).run({
        community,
        user,
        token,
      });
      // The personal posts' records are named after their address: they keep their place (sent once per chat).
      for (const kind of PERSONAL_POSTS) {
        db.prepare(`UPDATE bot_posts SET purpose = @anonymous WHERE purpose = @purpose AND ${inCommunity}`).run({
          community,
          purpose: `${kind}:${user}`,
          anonymous: `${kind}:${token}`,
        });
      }
      // A bot post's record keeps its first characters: a welcome or a thanks line may name them.
      replaceInColumn(store, 'bot_posts', 'id', 'text_start', [...forms, ...names], community);
      db.prepare('DELETE FROM participants WHERE community_id = ? AND user_id = ?').run(community, user);
      db.prepare('DELETE FROM quiet_people WHERE community_id = ? AND user_id = ?').run(community, user);
      db.prepare('DELETE FROM web_signin_links WHERE identity = ?').run(user);
      db.prepare('DELETE FROM web_sessions WHERE identity = ?').run(user);
      // A series stays published; who published it is no longer them.
      db.prepare('UPDATE published_series SET published_by = ? WHERE published_by = ?').run(token, user);
      const recapSessions = (
        db
          .prepare(
            `SELECT id FROM sessions WHERE state = 'ended' AND rehearsal = 0
              AND id IN (SELECT value FROM json_each(?)) ORDER BY id`,
          )
          .all(JSON.stringify([...touched])) as { id: number }[]
      ).map((row) => row.id);
      return { token, messages, mentions: mentioned.rows, recapSessions };
    });
  const secure = db.pragma('secure_delete', { simple: true });
  db.pragma('secure_delete = ON');
  let outcome: ForgetOutcome;
  try {
    outcome = await store.writes.write(erase);
  } finally {
    db.pragma(`secure_delete = ${['OFF', 'ON', 'FAST'][Number(secure)] ?? 'OFF'}`);
  }
  const problem = compact(store);
  return problem ? { ...outcome, compactionProblem: problem } : outcome;
}

// Every name they went by here: the participants row keeps the latest, messages the one at the time.
function knownNames(store: ChatStore, community: string, user: UserAddress): string[] {
  const rows = store.db
    .prepare(
      `SELECT display_name AS name FROM participants WHERE community_id = @community AND user_id = @user
       UNION SELECT author_name FROM messages
        WHERE author_id = @user AND session_id IN (SELECT id FROM sessions WHERE community_id = @community)`,
    )
    .all({ community, user }) as { name: string }[];
  return [...new Set(rows.map((row) => row.name).filter((name) => name.trim() !== ''))];
}

// Discord also writes a member's mention as <@!id> (a nickname mention): both read as them.
function mentionForms(mentions: string[]): string[] {
  const forms = new Set<string>();
  for (const mention of mentions) {
    if (!mention) continue;
    forms.add(mention);
    if (mention.startsWith('<@') && !mention.startsWith('<@!')) forms.add(`<@!${mention.slice(2)}`);
  }
  // Longest first, so "<@!1>" is replaced whole before any shorter form could match inside it.
  return [...forms].sort((a, b) => b.length - a.length);
}

// Replaces every form in one text column of a table's rows of the community's sessions with "someone".
function replaceInColumn(
  store: ChatStore,
  table: 'messages' | 'bot_posts',
  key: 'address' | 'id',
  column: 'text' | 'text_start',
  forms: readonly string[],
  community: string,
): { rows: number; sessions: Set<number> } {
  const sessions = new Set<number>();
  let rows = 0;
  if (forms.length === 0) return { rows, sessions };
  const candidates = store.db
    .prepare(
      `SELECT ${key} AS key, session_id, ${column} AS text FROM ${table}
        WHERE session_id IN (SELECT id FROM sessions WHERE community_id = ?)
          AND (${forms.map(() => `instr(${column}, ?) > 0`).join(' OR ')})`,
    )
    .all(community, ...forms) as { key: string | number; session_id: number; text: string }[];
  const update = store.db.prepare(`UPDATE ${table} SET ${column} = ? WHERE ${key} = ?`);
  for (const row of candidates) {
    const text = forms.reduce((current, form) => current.split(form).join('someone'), row.text);
    if (text === row.text) continue;
    update.run(text, row.key);
    sessions.add(row.session_id);
    rows++;
  }
  return { rows, sessions };
}

function nextForgottenNumber(store: ChatStore): number {
  const row = store.db
    .prepare(
      `SELECT MAX(CAST(substr(id, ${FORGOTTEN_PREFIX.length + 1}) AS INTEGER)) AS n FROM (
         SELECT author_id AS id FROM messages WHERE author_id LIKE '${FORGOTTEN_PREFIX}%'
         UNION SELECT user_id FROM thanks WHERE user_id LIKE '${FORGOTTEN_PREFIX}%')`,
    )
    .get() as { n: number | null };
  return (row.n ?? 0) + 1;
}

// The erased bytes may still sit in the write-ahead log's older frames and in free pages of the file: copy the
// log into the file and empty it, rebuild the file without free pages, and empty the log again.
function compact(store: ChatStore): string | undefined {
  try {
    checkpoint(store);
    store.db.exec('VACUUM');
    checkpoint(store);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function checkpoint(store: ChatStore): void {
  const [result] = store.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  if (result && result.busy !== 0) throw new Error('another connection is reading the database');
}
