import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { reportFailure } from '../../cli/report-failure.js';
import { explainFailure, explainFileFailure, explainStoreFailure } from '../../src/errors/explain-failure.js';
import { UserError } from '../../src/errors/user-error.js';
import { ScriptError } from '../../src/script/load-script.js';

const STACK_LINE = /^\s+at /m;
const RECAP = '/srv/recaps/x.md';
const sqlite = (code: string) => new Database.SqliteError('what SQLite says', code);
const fileError = (code: string, path: string, syscall = 'open') =>
  Object.assign(new Error(`${code}: failed, ${syscall} '${path}'`), { code, path, syscall, errno: -1 });

describe('low-level failures a person can fix become one line naming the file', () => {
  it.each([
    ['SQLITE_NOTADB', 'DB_NOT_A_DATABASE', /^data\/x\.db is not an Emcee database, or it is damaged \(SQLITE_NOTADB\)/],
    ['SQLITE_CORRUPT', 'DB_NOT_A_DATABASE', /^data\/x\.db is not an Emcee database, or it is damaged \(SQLITE_CORRUPT/],
    ['SQLITE_READONLY', 'DB_READ_ONLY', /^Cannot write data\/x\.db: it or its folder is read-only \(SQLITE_READONLY\)/],
    ['SQLITE_READONLY_DIRECTORY', 'DB_READ_ONLY', /read-only \(SQLITE_READONLY_DIRECTORY\)/],
    ['SQLITE_CANTOPEN', 'DB_CANNOT_OPEN', /^Cannot open data\/x\.db \(SQLITE_CANTOPEN\)/],
    ['SQLITE_FULL', 'DISK_FULL', /^The disk holding data\/x\.db is full \(SQLITE_FULL\): free some space/],
    ['SQLITE_BUSY', 'DB_BUSY', /^data\/x\.db is locked by another program \(SQLITE_BUSY\): stop the other Emcee/],
    ['SQLITE_IOERR_WRITE', 'DISK_ERROR', /^The disk failed reading or writing data\/x\.db \(SQLITE_IOERR_WRITE\)/],
  ])('%s', (sqliteCode, code, message) => {
    const explained = explainStoreFailure(sqlite(sqliteCode), 'data/x.db');
    expect(explained).toMatchObject({ code, message: expect.stringMatching(message) });
    expect(explained!.message).not.toContain('\n');
    expect(explained!.cause).toBeInstanceOf(Database.SqliteError);
  });

  it.each([
    ['ENOSPC', 'DISK_FULL', 'The disk holding /srv/recaps/x.md is full (ENOSPC): free some space, then run again.'],
    [
      'EACCES',
      'FOLDER_UNUSABLE',
      `Permission denied on ${RECAP} (EACCES): allow yourself access, or use another path.`,
    ],
    ['EROFS', 'FOLDER_UNUSABLE', '/srv/recaps/x.md is on a read-only disk (EROFS): use a path on a writable disk.'],
    ['ENOENT', 'FOLDER_UNUSABLE', `${RECAP} does not exist (ENOENT): check the path, or create the folder first.`],
  ])('Node %s', (errno, code, message) => {
    expect(explainFileFailure(fileError(errno, RECAP))).toMatchObject({ code, message });
  });

  it("leaves a bug alone: it is not a person's to fix", () => {
    expect(explainFailure(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBeUndefined();
    expect(explainStoreFailure(sqlite('SQLITE_ERROR'), 'data/x.db')).toBeUndefined();
  });
});

describe('what the CLI prints for a failure', () => {
  it('a SQLite failure without a file at hand names the setting, in one line', () => {
    const report = reportFailure(sqlite('SQLITE_FULL'), 'sessions', 'help', false);
    expect(report).toEqual({
      code: 1,
      text:
        'The disk holding the database (EMCEE_DB or --db) is full (SQLITE_FULL): free some space, then ' +
        'run again.\n',
    });
  });

  it('an error written for people is printed as it is', () => {
    const problem = { line: 3, field: 'title', message: 'missing: add a string here' };
    const script = new ScriptError('prompts/x.yaml', [problem]);
    expect(reportFailure(script, 'run', 'help', false)).toEqual({ code: 1, text: `${script.message}\n` });
    const user = new UserError('PLATFORM_REFUSED', 'Slack refused SLACK_BOT_TOKEN (invalid_auth).');
    expect(reportFailure(user, 'start', 'help', false).text).toBe('Slack refused SLACK_BOT_TOKEN (invalid_auth).\n');
  });

  it('a bug prints its first line and where to find more, with no stack unless debug asks for it', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'id')\nsecond line");
    const plain = reportFailure(bug, 'recap', 'help', false);
    expect(plain.text).toBe(
      "emcee recap failed: Cannot read properties of undefined (reading 'id') " +
        '(run again with EMCEE_LOG_LEVEL=debug for the details, and please report it)\n',
    );
    expect(plain.text).not.toMatch(STACK_LINE);
    const full = new UserError('DISK_FULL', 'full', { cause: sqlite('SQLITE_FULL') });
    const debug = reportFailure(full, 'run', 'help', true);
    expect(debug.text).toMatch(/^full\nUserError: full\n\s+at /);
    expect(debug.text).toMatch(/Caused by: SqliteError: what SQLite says\n\s+at /);
  });
});
