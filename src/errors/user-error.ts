/** What went wrong, for callers and tests that branch on it; people read the message. */
export type UserErrorCode =
  /** The database file is not SQLite, or is damaged. */
  | 'DB_NOT_A_DATABASE'
  /** The database (or its folder) cannot be written. */
  | 'DB_READ_ONLY'
  /** The database file or its folder cannot be opened or created. */
  | 'DB_CANNOT_OPEN'
  /** A read-only command found no database file. */
  | 'DB_MISSING'
  /** The database was written by a newer Emcee. */
  | 'DB_TOO_NEW'
  /** Another program holds the database's lock. */
  | 'DB_BUSY'
  /** The disk refused to read or write. */
  | 'DISK_ERROR'
  /** The disk (or quota) is full. */
  | 'DISK_FULL'
  /** A folder Emcee needs cannot be made or written. */
  | 'FOLDER_UNUSABLE'
  /** No session with that id in the database. */
  | 'SESSION_NOT_FOUND'
  /** No chat script by that name or path. */
  | 'SCRIPT_NOT_FOUND'
  /** A platform refused a token or an intent. */
  | 'PLATFORM_REFUSED'
  /** A configured server or channel the bot cannot reach. */
  | 'PLATFORM_PLACE_UNKNOWN'
  /** A file named on the command line cannot be read. */
  | 'FILE_UNREADABLE'
  /** An episodes file that cannot be imported. */
  | 'EPISODES_INVALID'
  /** No series by that name (to publish or unpublish). */
  | 'SERIES_UNKNOWN';

/**
 * A failure the person running Emcee caused and can fix: its message is one line that says what happened,
 * names the file or setting, and what to do. The CLI prints the message alone, without a stack.
 */
export class UserError extends Error {
  constructor(
    /** Stable code for callers. */
    readonly code: UserErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'UserError';
  }
}
