import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors/user-error.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { migrations } from '../../src/store/migrations.js';
import { openDatabase, openDatabaseReadOnly } from '../../src/store/open-database.js';

const folder = () => mkdtempSync(join(tmpdir(), 'emcee-readonly-'));

/** A database with one community and one session, written by the full schema (or the first `upTo` migrations). */
function databaseWithASession(path: string, upTo = migrations.length): void {
  const db = openDatabase(path, migrations.slice(0, upTo));
  db.prepare("INSERT INTO communities (id, platform, created_at) VALUES ('c1', 'test', 1)").run();
  db.prepare(
    `INSERT INTO sessions (community_id, channel, script_id, script_json, state, step, started_at)
     VALUES ('c1', 'test:room', 'weekly-chat', '{}', 'ended', 0, 1000)`,
  ).run();
  db.close();
}

function caught(run: () => unknown): UserError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error('expected a UserError');
}

const snapshot = (path: string) => ({ bytes: readFileSync(path), mtimeMs: statSync(path).mtimeMs });

describe('opening a database read-only', () => {
  it('reads it without writing a byte: same contents, same modification time', () => {
    const path = join(folder(), 'emcee.db');
    databaseWithASession(path);
    const before = snapshot(path);
    const store = ChatStore.openReadOnly(path);
    expect(store.sessions.recent(5).map((row) => row.script_id)).toEqual(['weekly-chat']);
    // The handle itself refuses writes, so no command that only reads can change the file by mistake.
    expect(() => store.sessions.ensureCommunity('c2', 'test', 2)).toThrow(/readonly/);
    store.close();
    expect(snapshot(path)).toEqual(before);
  });

  it('sees what a running bot has committed to its write-ahead log, without checkpointing it', () => {
    const path = join(folder(), 'emcee.db');
    const bot = ChatStore.open(path);
    bot.db.pragma('wal_autocheckpoint = 0');
    bot.sessions.ensureCommunity('c1', 'test', 1);
    bot.sessions.create({ communityId: 'c1', channel: 'test:room', scriptId: 'in-the-log', scriptJson: '{}', now: 5 });
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
    const before = snapshot(path);
    const reader = ChatStore.openReadOnly(path);
    expect(reader.sessions.recent(5).map((row) => row.script_id)).toEqual(['in-the-log']);
    reader.close();
    expect(snapshot(path)).toEqual(before);
    bot.close();
  });

  it('upgrades an older database in a copy in memory: the file keeps its old schema', () => {
    const path = join(folder(), 'old.db');
    databaseWithASession(path, 1);
    const before = snapshot(path);
    const store = ChatStore.openReadOnly(path);
    expect(store.sessions.recent(5)).toHaveLength(1);
    store.close();
    expect(snapshot(path)).toEqual(before);
    const file = openDatabaseReadOnly(path, migrations.slice(0, 1));
    expect(file.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({ v: 1 });
    file.close();
  });

  it('says to run a chat first when there is no database, and creates none', () => {
    const path = join(folder(), 'data', 'emcee.db');
    const error = caught(() => ChatStore.openReadOnly(path));
    expect(error.code).toBe('DB_MISSING');
    expect(error.message).toBe(
      `No database at ${path} yet: run a chat first ("emcee run demo" or "npm start"), or point --db or EMCEE_DB ` +
        'at the one the bot uses.',
    );
    expect(existsSync(join(path, '..'))).toBe(false);
  });

  it('names a file that is not a database, in one line, and leaves it alone', () => {
    const path = join(folder(), 'notes.db');
    writeFileSync(path, 'These are my notes, not a database. '.repeat(200));
    const before = snapshot(path);
    for (const open of [ChatStore.openReadOnly, ChatStore.open]) {
      const error = caught(() => open(path));
      expect(error.code).toBe('DB_NOT_A_DATABASE');
      expect(error.message).toMatch(
        new RegExp(`^${path} is not an Emcee database, or it is damaged \\(SQLITE_NOTADB\\)`),
      );
      expect(error.message).not.toContain('\n');
    }
    expect(snapshot(path)).toEqual(before);
  });

  it('refuses a database newer than the code, naming the file', () => {
    const path = join(folder(), 'future.db');
    const db = openDatabase(path);
    db.prepare("INSERT INTO schema_migrations VALUES (999, 'future', 0)").run();
    db.close();
    for (const open of [ChatStore.openReadOnly, ChatStore.open]) {
      const error = caught(() => open(path));
      expect(error.code).toBe('DB_TOO_NEW');
      const newest = Math.max(...migrations.map((m) => m.version));
      expect(error.message).toBe(
        `The database ${path} is at schema version 999, newer than this Emcee knows (${newest}): ` +
          'upgrade Emcee, or point EMCEE_DB (or --db) at another file.',
      );
    }
  });
});

describe('opening a database to write', () => {
  it('names the folder it cannot create and the setting to change', () => {
    const dir = folder();
    writeFileSync(join(dir, 'a-file'), 'x');
    const path = join(dir, 'a-file', 'data', 'emcee.db');
    const error = caught(() => ChatStore.open(path));
    expect(error.code).toBe('FOLDER_UNUSABLE');
    expect(error.message).toBe(
      `Cannot use the folder ${join(dir, 'a-file', 'data')} for the database ${path}: part of the path is a file, ` +
        'not a folder (ENOTDIR). Point EMCEE_DB (or --db) at a folder you can write.',
    );
  });

  it('says the disk is full when SQLite runs out of room, naming the file', () => {
    const path = join(folder(), 'full.db');
    // A page limit makes SQLite itself answer SQLITE_FULL, as a full disk does.
    const sql = 'PRAGMA max_page_count = 4; CREATE TABLE big (x); INSERT INTO big VALUES (randomblob(100000));';
    const filling = [{ version: 1, name: 'fill', sql }];
    const error = caught(() => openDatabase(path, filling));
    expect(error.code).toBe('DISK_FULL');
    expect(error.message).toBe(`The disk holding ${path} is full (SQLITE_FULL): free some space, then run again.`);
  });

  it('names a folder given where the file should be', () => {
    const dir = folder();
    const error = caught(() => ChatStore.open(dir));
    expect(error.code).toBe('DB_CANNOT_OPEN');
    expect(error.message).toMatch(new RegExp(`^Cannot open ${dir} \\(SQLITE_CANTOPEN\\)`));
  });
});
