import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { explainStoreFailure, folderFailure } from '../errors/explain-failure.js';
import { UserError } from '../errors/user-error.js';
import { migrations as shippedMigrations, type Migration } from './migrations.js';

/** An open better-sqlite3 handle. */
export type Db = Database.Database;

/**
 * Opens (creating if needed) the database at `path` in WAL mode and brings its schema up to date.
 * `:memory:` gives a private in-memory database, for tests. A failure a person can fix (not a database,
 * read-only, disk full, folder that cannot be made, newer schema) throws a UserError naming the file.
 */
export function openDatabase(path: string, migrations: readonly Migration[] = shippedMigrations): Db {
  if (path !== ':memory:') {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (error) {
      throw folderFailure(dirname(path), `the database ${path}`, 'EMCEE_DB (or --db)', error);
    }
  }
  let db: Db | undefined;
  try {
    db = new Database(path);
    db.pragma('journal_mode = WAL');
    // NORMAL is durable across process crashes in WAL mode; only an OS crash can lose the last commits.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
    return db;
  } catch (error) {
    closeQuietly(db);
    throw explainStoreFailure(error, path) ?? error;
  }
}

/**
 * Opens an existing database for reading only: no folder made, no WAL switch, no migration, and nothing
 * written to the file, so it works on a read-only file and beside a running bot. A database older than
 * the code is upgraded in a copy in memory (the file stays as it is) so the current queries can read it.
 */
export function openDatabaseReadOnly(path: string, migrations: readonly Migration[] = shippedMigrations): Db {
  if (path === ':memory:') return openDatabase(path, migrations);
  if (!existsSync(path)) {
    throw new UserError(
      'DB_MISSING',
      `No database at ${path} yet: run a chat first ("emcee run demo" or "npm start"), or point --db or EMCEE_DB ` +
        'at the one the bot uses.',
    );
  }
  let db: Db | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    const current = schemaVersion(db);
    const newest = newestVersion(migrations);
    if (current > newest) throw tooNew(path, current, newest);
    if (current === newest) return db;
    const copy = new Database(asRollbackJournal(db.serialize()));
    db.close();
    db = copy;
    migrate(copy, migrations);
    return copy;
  } catch (error) {
    closeQuietly(db);
    throw explainStoreFailure(error, path) ?? error;
  }
}

/** Applies every migration newer than the database, each in its own transaction. Returns those applied. */
export function migrate(db: Db, migrations: readonly Migration[]): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const current = schemaVersion(db);
  const newest = newestVersion(migrations);
  if (current > newest) throw tooNew(db.name, current, newest);
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        Date.now(),
      );
    })();
    applied.push(migration.version);
  }
  return applied;
}

/** The newest migration applied to `db`; 0 for a new (or empty) file. */
function schemaVersion(db: Db): number {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!table) return 0;
  return (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
}

function newestVersion(migrations: readonly Migration[]): number {
  return Math.max(0, ...migrations.map((m) => m.version));
}

function tooNew(file: string, current: number, newest: number): UserError {
  return new UserError(
    'DB_TOO_NEW',
    `The database ${file} is at schema version ${current}, newer than this Emcee knows (${newest}): ` +
      'upgrade Emcee, or point EMCEE_DB (or --db) at another file.',
  );
}

// An in-memory copy cannot keep a write-ahead log: the header's format bytes (offsets 18 and 19) say 1,
// rollback journal, instead of 2, WAL, as `PRAGMA journal_mode = DELETE` would have written them.
function asRollbackJournal(image: Buffer): Buffer {
  if (image.length >= 20 && image[18] === 2 && image[19] === 2) image.fill(1, 18, 20);
  return image;
}

function closeQuietly(db: Db | undefined): void {
  try {
    db?.close();
  } catch {
    // Already failing: the first cause is the one worth reporting.
  }
}
