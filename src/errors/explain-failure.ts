import { plainCause } from './plain-cause.js';
import { UserError } from './user-error.js';

// What a person can do about each SQLite result code (better-sqlite3 reports extended codes such as
// SQLITE_IOERR_WRITE; the part before the second underscore is the primary code).
const SQLITE_FAILURES: Record<string, (file: string, code: string) => UserError> = {
  SQLITE_NOTADB: (file, code) => notADatabase(file, code),
  SQLITE_CORRUPT: (file, code) => notADatabase(file, code),
  SQLITE_READONLY: (file, code) =>
    new UserError(
      'DB_READ_ONLY',
      `Cannot write ${file}: it or its folder is read-only (${code}). Make both writable, ` +
        'or point EMCEE_DB (or --db) at a file you can write.',
    ),
  SQLITE_CANTOPEN: (file, code) =>
    new UserError(
      'DB_CANNOT_OPEN',
      `Cannot open ${file} (${code}): check that it and its folder exist and that you may read and write them, ` +
        'or point EMCEE_DB (or --db) at another file.',
    ),
  SQLITE_FULL: (file, code) =>
    new UserError('DISK_FULL', `The disk holding ${file} is full (${code}): free some space, then run again.`),
  SQLITE_BUSY: (file, code) => busy(file, code),
  SQLITE_LOCKED: (file, code) => busy(file, code),
  SQLITE_IOERR: (file, code) =>
    new UserError(
      'DISK_ERROR',
      `The disk failed reading or writing ${file} (${code}): check the disk, then run again.`,
    ),
  SQLITE_PERM: (file, code) =>
    new UserError('DB_READ_ONLY', `Permission denied on ${file} (${code}): make it readable and writable for you.`),
};

function notADatabase(file: string, code: string): UserError {
  return new UserError(
    'DB_NOT_A_DATABASE',
    `${file} is not an Emcee database, or it is damaged (${code}). Point EMCEE_DB (or --db) at another file, ` +
      'or move this one aside so that Emcee starts a new one.',
  );
}

function busy(file: string, code: string): UserError {
  return new UserError(
    'DB_BUSY',
    `${file} is locked by another program (${code}): stop the other Emcee or database tool using it, then run again.`,
  );
}

/** The code of a better-sqlite3 SqliteError ("SQLITE_FULL"), or of a Node file error ("ENOSPC"). */
function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * A database failure a person can fix, as one line naming `file` and the fix; undefined for anything else
 * (a bug, which keeps its own message and stack). A UserError passes through.
 */
export function explainStoreFailure(error: unknown, file: string): UserError | undefined {
  if (error instanceof UserError) return error;
  const code = codeOf(error);
  if (!code?.startsWith('SQLITE_')) return explainFileFailure(error);
  const explained = SQLITE_FAILURES[code.split('_').slice(0, 2).join('_')]?.(file, code);
  return explained && new UserError(explained.code, explained.message, { cause: error });
}

// Node's file errors a person can fix, phrased with the path they carry.
const FILE_FAILURES: Record<string, (path: string, code: string) => string> = {
  ENOENT: (path, code) => `${path} does not exist (${code}): check the path, or create the folder first.`,
  ENOTDIR: (path, code) => `Part of ${path} is a file, not a folder (${code}): check the path.`,
  EISDIR: (path, code) => `${path} is a folder, not a file (${code}): give a file name.`,
  EACCES: (path, code) => `Permission denied on ${path} (${code}): allow yourself access, or use another path.`,
  EPERM: (path, code) => `Permission denied on ${path} (${code}): allow yourself access, or use another path.`,
  EROFS: (path, code) => `${path} is on a read-only disk (${code}): use a path on a writable disk.`,
  ENOSPC: (path, code) => `The disk holding ${path} is full (${code}): free some space, then run again.`,
  EDQUOT: (path, code) => `Your disk quota is used up writing ${path} (${code}): free some space, then run again.`,
  EIO: (path, code) => `The disk failed reading or writing ${path} (${code}): check the disk, then run again.`,
  EMFILE: (path, code) => `Too many open files opening ${path} (${code}): close some programs, then run again.`,
};

/** A Node file error (ENOSPC, EACCES, …) as one line naming its path; undefined for anything else. */
export function explainFileFailure(error: unknown): UserError | undefined {
  const code = codeOf(error);
  const describe = code ? FILE_FAILURES[code] : undefined;
  if (!code || !describe) return undefined;
  const path = (error as NodeJS.ErrnoException).path ?? 'a file';
  const kind = code === 'ENOSPC' || code === 'EDQUOT' ? 'DISK_FULL' : code === 'EIO' ? 'DISK_ERROR' : 'FOLDER_UNUSABLE';
  return new UserError(kind, describe(path, code), { cause: error });
}

/**
 * Any failure a person can fix, as one line; undefined for a bug. Without the file at hand, a SQLite error
 * names the database by its setting.
 */
export function explainFailure(error: unknown): UserError | undefined {
  return explainStoreFailure(error, 'the database (EMCEE_DB or --db)');
}

/** Why a folder Emcee needs cannot be used, naming the folder and the setting that chose it. */
export function folderFailure(folder: string, purpose: string, setting: string, error: unknown): UserError {
  const code = codeOf(error);
  return new UserError(
    code === 'ENOSPC' || code === 'EDQUOT' ? 'DISK_FULL' : 'FOLDER_UNUSABLE',
    `Cannot use the folder ${folder} for ${purpose}: ${plainCause(error)}${code ? ` (${code})` : ''}. ` +
      `Point ${setting} at a folder you can write.`,
    { cause: error },
  );
}
