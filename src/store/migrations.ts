/** One numbered, forward-only schema change. Never edit a shipped migration: add the next number. */
export interface Migration {
  /** Applied in increasing order; recorded in schema_migrations. */
  version: number;
  /** What it does, for the log. */
  name: string;
  /** The SQL, run in one transaction. */
  sql: string;
}

/** Every migration Emcee has shipped, oldest first. */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'communities, participants, sessions, bot posts, messages, thanks',
    sql: `
      CREATE TABLE communities (
        id TEXT PRIMARY KEY,
        platform TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE participants (
        community_id TEXT NOT NULL REFERENCES communities(id),
        user_id TEXT NOT NULL,
        display_name TEXT NOT NULL,
        first_seen_at INTEGER NOT NULL,
        first_session_id INTEGER,
        PRIMARY KEY (community_id, user_id)
      );
      CREATE TABLE sessions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        community_id TEXT NOT NULL REFERENCES communities(id),
        channel TEXT NOT NULL,
        script_id TEXT NOT NULL,
        script_json TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('running', 'paused', 'ended')),
        step INTEGER NOT NULL,
        step_started_at INTEGER,
        step_deadline INTEGER,
        paused_remaining_ms INTEGER,
        started_at INTEGER NOT NULL,
        ended_at INTEGER,
        end_reason TEXT
      );
      CREATE INDEX sessions_open_by_channel ON sessions(channel) WHERE state != 'ended';
      CREATE TABLE session_events (
        session_id INTEGER NOT NULL REFERENCES sessions(id),
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        detail TEXT
      );
      CREATE TABLE bot_posts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id INTEGER NOT NULL REFERENCES sessions(id),
        purpose TEXT NOT NULL,
        kind TEXT NOT NULL,
        question_number INTEGER,
        address TEXT,
        state TEXT NOT NULL CHECK (state IN ('pending', 'sent')),
        created_at INTEGER NOT NULL,
        sent_at INTEGER,
        UNIQUE (session_id, purpose)
      );
      CREATE INDEX bot_posts_by_address ON bot_posts(address);
      CREATE TABLE messages (
        address TEXT PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id),
        author_id TEXT NOT NULL,
        author_name TEXT NOT NULL,
        text TEXT NOT NULL,
        ts INTEGER NOT NULL,
        reply_to TEXT,
        from_host INTEGER NOT NULL,
        first_time INTEGER NOT NULL,
        open_question INTEGER NOT NULL,
        asked_questions INTEGER NOT NULL,
        question_number INTEGER,
        part TEXT,
        late INTEGER NOT NULL DEFAULT 0,
        via TEXT,
        reason TEXT,
        edited_at INTEGER,
        deleted_at INTEGER,
        received_at INTEGER NOT NULL
      );
      CREATE INDEX messages_by_session ON messages(session_id, ts);
      CREATE TABLE thanks (
        session_id INTEGER NOT NULL REFERENCES sessions(id),
        user_id TEXT NOT NULL,
        answers INTEGER NOT NULL,
        variant INTEGER NOT NULL,
        post_purpose TEXT NOT NULL,
        PRIMARY KEY (session_id, user_id)
      );
    `,
  },
  {
    version: 2,
    name: 'recovery (clock mapping, post text, window scale), schedules, reminders, control requests',
    sql: `
      ALTER TABLE sessions ADD COLUMN clock_speed REAL NOT NULL DEFAULT 1;
      ALTER TABLE sessions ADD COLUMN clock_origin INTEGER;
      ALTER TABLE sessions ADD COLUMN window_scale REAL NOT NULL DEFAULT 1;
      ALTER TABLE sessions ADD COLUMN planned_run_id INTEGER;
      ALTER TABLE bot_posts ADD COLUMN text_start TEXT;
      CREATE TABLE planned_runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        script_id TEXT NOT NULL,
        community_id TEXT NOT NULL,
        channel TEXT NOT NULL,
        run_at INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('planned', 'started', 'missed', 'cancelled')),
        session_id INTEGER,
        note TEXT,
        UNIQUE (script_id, channel, run_at)
      );
      CREATE TABLE reminders (
        run_id INTEGER NOT NULL REFERENCES planned_runs(id),
        before_ms INTEGER NOT NULL,
        remind_at INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('planned', 'sent', 'skipped')),
        address TEXT,
        PRIMARY KEY (run_id, before_ms)
      );
      CREATE TABLE control_requests (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        channel TEXT NOT NULL,
        command TEXT NOT NULL,
        args TEXT NOT NULL,
        requested_at INTEGER NOT NULL,
        handled_at INTEGER,
        ok INTEGER,
        result TEXT
      );
    `,
  },
  {
    version: 3,
    name: "planned runs remember the platform's announcement (a Discord Scheduled Event)",
    sql: `ALTER TABLE planned_runs ADD COLUMN announcement TEXT;`,
  },
  {
    version: 4,
    name: 'reminders and announcements recorded before they are sent; announcements follow their chat',
    sql: `
      ALTER TABLE reminders ADD COLUMN sending_at INTEGER;
      ALTER TABLE reminders ADD COLUMN text_start TEXT;
      ALTER TABLE planned_runs ADD COLUMN announcing_at INTEGER;
      ALTER TABLE planned_runs ADD COLUMN announcement_status TEXT;
      -- Runs already over before this version: their announcements are left as they are.
      UPDATE planned_runs SET announcement_status = 'completed'
        WHERE state IN ('started', 'missed') AND announcement IS NOT NULL;
    `,
  },
  {
    version: 5,
    name: 'acknowledgements owed survive a crash; one owner per chat (leases)',
    sql: `
      ALTER TABLE messages ADD COLUMN acked_at INTEGER;
      UPDATE messages SET acked_at = received_at WHERE question_number IS NOT NULL;
      CREATE TABLE chat_leases (
        channel TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        owner_pid INTEGER NOT NULL,
        owner_host TEXT NOT NULL,
        acquired_at INTEGER NOT NULL,
        heartbeat_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 6,
    name: 'episodes: each date of a series, planned ahead by its hosts',
    sql: `
      CREATE TABLE episodes (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        series_id TEXT NOT NULL,
        run_at INTEGER NOT NULL,
        topic TEXT NOT NULL,
        guests_json TEXT NOT NULL DEFAULT '[]',
        questions_json TEXT NOT NULL DEFAULT '[]',
        note TEXT,
        state TEXT NOT NULL CHECK (state IN ('planned', 'running', 'done', 'skipped', 'rehearsal')),
        session_id INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (series_id, run_at)
      );
    `,
  },
  {
    version: 7,
    name: "planned runs remember what their announcement said, so an edited episode's is edited in place",
    sql: `ALTER TABLE planned_runs ADD COLUMN announced_fields TEXT;`,
  },
  {
    version: 8,
    name: 'rehearsals: sessions a host runs to see the chat, which never count',
    sql: `ALTER TABLE sessions ADD COLUMN rehearsal INTEGER NOT NULL DEFAULT 0;`,
  },
  {
    version: 9,
    name: 'a counter of episode changes, so a bot notices every plan change, even two in one millisecond',
    sql: `
      CREATE TABLE episode_changes (n INTEGER NOT NULL);
      INSERT INTO episode_changes (n) VALUES (0);
    `,
  },
  {
    version: 10,
    name: 'the web: published series, one-time sign-in links, signed-in sessions',
    sql: `
      CREATE TABLE published_series (
        series_id TEXT PRIMARY KEY,
        published_at INTEGER NOT NULL,
        published_by TEXT NOT NULL
      );
      CREATE TABLE web_signin_links (
        token_hash TEXT PRIMARY KEY,
        identity TEXT NOT NULL,
        display_name TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at INTEGER
      );
      CREATE TABLE web_sessions (
        id_hash TEXT PRIMARY KEY,
        identity TEXT NOT NULL,
        display_name TEXT NOT NULL,
        csrf_token TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        signed_out_at INTEGER
      );
    `,
  },
  {
    version: 11,
    name: 'people who asked to be quiet: no mentions, welcomes or pings',
    sql: `
      CREATE TABLE quiet_people (
        community_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        since INTEGER NOT NULL,
        PRIMARY KEY (community_id, user_id)
      );
    `,
  },
  {
    version: 12,
    name: "each participant's messages by author: profiles, welcome-backs and milestones without a full scan",
    // Partial: only the messages that count towards attendance (see src/people/attendance.ts); the last two columns
    // are always 0 and NULL, and there only so SQLite reads a person's chats from the index alone.
    sql: `
      CREATE INDEX messages_by_author ON messages(author_id, session_id, from_host, deleted_at)
        WHERE from_host = 0 AND deleted_at IS NULL;
    `,
  },
  {
    version: 13,
    name: 'search: a full-text index of every answer (FTS5), kept right by triggers on edits, deletions and erasures',
    // External content: the text lives once, in messages; the index holds only tokens. Indexed: answers
    // (question_number set), not deleted. The update trigger fires only on the columns that decide that, so
    // acknowledgements (acked_at) cost nothing; it removes the old entry before adding the new one (two
    // triggers would run in an undefined order). secure-delete drops a removed answer's tokens from the file at
    // once, so an erased text (forget-me sets it to '') leaves no trace in the index either. Rowids: messages has
    // no INTEGER PRIMARY KEY, but SQLite's VACUUM copies rows with their rowids (tested); should a rowid ever
    // change, INSERT INTO answer_search(answer_search) VALUES('rebuild') puts the index right.
    sql: `
      CREATE VIRTUAL TABLE answer_search USING fts5(
        text, content = 'messages', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2'
      );
      INSERT INTO answer_search (answer_search, rank) VALUES ('secure-delete', 1);
      INSERT INTO answer_search (rowid, text)
        SELECT rowid, text FROM messages WHERE question_number IS NOT NULL AND deleted_at IS NULL;
      CREATE TRIGGER answer_search_insert AFTER INSERT ON messages
        WHEN new.question_number IS NOT NULL AND new.deleted_at IS NULL
      BEGIN
        INSERT INTO answer_search (rowid, text) VALUES (new.rowid, new.text);
      END;
      CREATE TRIGGER answer_search_delete AFTER DELETE ON messages
        WHEN old.question_number IS NOT NULL AND old.deleted_at IS NULL
      BEGIN
        INSERT INTO answer_search (answer_search, rowid, text) VALUES ('delete', old.rowid, old.text);
      END;
      CREATE TRIGGER answer_search_update AFTER UPDATE OF text, question_number, deleted_at ON messages
      BEGIN
        INSERT INTO answer_search (answer_search, rowid, text)
          SELECT 'delete', old.rowid, old.text WHERE old.question_number IS NOT NULL AND old.deleted_at IS NULL;
        INSERT INTO answer_search (rowid, text)
          SELECT new.rowid, new.text WHERE new.question_number IS NOT NULL AND new.deleted_at IS NULL;
      END;
    `,
  },
  {
    version: 14,
    name: "an index for the website's pages: a series' chats and their dates",
    sql: `
      -- Covers the series' chats and their dates, without reading each chat's stored script.
      CREATE INDEX sessions_by_series ON sessions(script_id, started_at, state, rehearsal, community_id);
      -- ("Had this person come before?" is served by migration 12's messages_by_author.)
    `,
  },
  {
    version: 15,
    name: 'search: answers are indexed in batches after they are stored, not one by one as each arrives',
    // Indexing in the insert trigger wrote an FTS5 segment per message (each insert is its own transaction), which
    // halved the ingest rate and put merges of a few ms on the answer path. Now rows past the watermark are
    // indexed by SearchRepo.catchUp, many per transaction; edits, deletions and erasures of rows already indexed
    // still update the index at once (with secure-delete), and those of rows not yet indexed need nothing: the
    // catch-up reads their text as it is then.
    sql: `
      DROP TRIGGER answer_search_insert;
      DROP TRIGGER answer_search_delete;
      DROP TRIGGER answer_search_update;
      CREATE TABLE answer_search_progress (indexed_upto INTEGER NOT NULL);
      INSERT INTO answer_search_progress (indexed_upto) SELECT COALESCE(MAX(rowid), 0) FROM messages;
      CREATE TRIGGER answer_search_delete AFTER DELETE ON messages
        WHEN old.question_number IS NOT NULL AND old.deleted_at IS NULL
         AND old.rowid <= (SELECT indexed_upto FROM answer_search_progress)
      BEGIN
        INSERT INTO answer_search (answer_search, rowid, text) VALUES ('delete', old.rowid, old.text);
      END;
      CREATE TRIGGER answer_search_update AFTER UPDATE OF text, question_number, deleted_at ON messages
        WHEN old.rowid <= (SELECT indexed_upto FROM answer_search_progress)
      BEGIN
        INSERT INTO answer_search (answer_search, rowid, text)
          SELECT 'delete', old.rowid, old.text WHERE old.question_number IS NOT NULL AND old.deleted_at IS NULL;
        INSERT INTO answer_search (rowid, text)
          SELECT new.rowid, new.text WHERE new.question_number IS NOT NULL AND new.deleted_at IS NULL;
      END;
    `,
  },
];
