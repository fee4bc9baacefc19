import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatStore } from '../../src/store/chat-store.js';
import { migrations } from '../../src/store/migrations.js';
import { openDatabase } from '../../src/store/open-database.js';
import { runCliInProcess as cli } from '../support/run-cli.js';
import { shippedScript } from '../support/write-test-script.js';

const STACK_LINE = /^\s+at /m;
const folder = () => mkdtempSync(join(tmpdir(), 'emcee-cli-errors-'));

/** A database holding one finished session of the weekly chat. */
function databaseWithASession(path: string): void {
  const store = ChatStore.open(path);
  store.sessions.ensureCommunity('local:room', 'local', 1);
  const id = store.sessions.create({
    communityId: 'local:room',
    channel: 'local:room',
    scriptId: 'weekly-chat',
    scriptJson: JSON.stringify(shippedScript('weekly-chat')),
    now: Date.parse('2026-11-19T18:00:00Z'),
  });
  store.sessions.update(id, { state: 'ended', ended_at: Date.parse('2026-11-19T19:00:00Z'), end_reason: 'done' });
  store.close();
}

/** The command failed with exactly `line` on stderr: one line, no stack, nothing on stdout. */
function expectOneLine(result: { code: number; stdout: string; stderr: string }, line: string | RegExp): void {
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr.trimEnd()).not.toContain('\n');
  if (typeof line === 'string') expect(result.stderr).toBe(`${line}\n`);
  else expect(result.stderr).toMatch(line);
  expect(result.stderr).not.toMatch(STACK_LINE);
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('read-only commands on a database that is missing, foreign or too new', () => {
  it('a missing database: run a chat first, for sessions, recap and status alike', async () => {
    const path = join(folder(), 'emcee.db');
    const line =
      `No database at ${path} yet: run a chat first ("emcee run demo" or "npm start"), or point --db or ` +
      'EMCEE_DB at the one the bot uses.';
    for (const args of [['sessions'], ['recap', '--last'], ['recap', '--session', '3'], ['status']]) {
      expectOneLine(await cli([...args, '--db', path]), line);
    }
  });

  it('with EMCEE_LOG_LEVEL=debug the stack follows the line', async () => {
    vi.stubEnv('EMCEE_LOG_LEVEL', 'debug');
    const path = join(folder(), 'emcee.db');
    const result = await cli(['sessions', '--db', path]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^No database at ${path} yet: .*\\nUserError: No database at`));
    expect(result.stderr).toMatch(STACK_LINE);
  });

  it('a file that is not a database is named, and left as it was', async () => {
    const path = join(folder(), 'emcee.db');
    writeFileSync(path, 'a spreadsheet, saved over the database by mistake\n'.repeat(100));
    const bytes = readFileSync(path);
    for (const args of [['sessions'], ['recap', '--last'], ['status'], ['pause']]) {
      const result = await cli([...args, '--db', path]);
      expectOneLine(result, new RegExp(`^${path} is not an Emcee database, or it is damaged`));
    }
    expect(readFileSync(path)).toEqual(bytes);
  });

  it('a database from a newer Emcee says to upgrade', async () => {
    const path = join(folder(), 'emcee.db');
    const db = openDatabase(path);
    db.prepare("INSERT INTO schema_migrations VALUES (999, 'future', 0)").run();
    db.close();
    const newest = Math.max(...migrations.map((m) => m.version));
    expectOneLine(
      await cli(['sessions', '--db', path]),
      `The database ${path} is at schema version 999, newer than this Emcee knows (${newest}): ` +
        'upgrade Emcee, or point EMCEE_DB (or --db) at another file.',
    );
  });
});

describe('read-only commands read without writing', () => {
  it('sessions and recap --last leave the file exactly as it was', async () => {
    const path = join(folder(), 'emcee.db');
    databaseWithASession(path);
    const before = { bytes: readFileSync(path), mtimeMs: statSync(path).mtimeMs };
    const sessions = await cli(['sessions', '--db', path]);
    expect(sessions).toMatchObject({ code: 0, stderr: '' });
    expect(sessions.stdout).toMatch(/^1 +2026-11-19 18:00 +weekly-chat +ended/m);
    expectOneLine(
      await cli(['recap', '--session', '99', '--db', path]),
      `No session 99 in ${path}: list them with "emcee sessions".`,
    );
    const recap = await cli(['recap', '--last', '--db', path, '--format', 'json']);
    expect(recap.code).toBe(0);
    expect(JSON.parse(recap.stdout)).toMatchObject({ title: shippedScript('weekly-chat').title });
    expect({ bytes: readFileSync(path), mtimeMs: statSync(path).mtimeMs }).toEqual(before);
  });

  it('an older database is read through an upgraded copy in memory', async () => {
    const path = join(folder(), 'old.db');
    const db = openDatabase(path, migrations.slice(0, 1));
    db.prepare("INSERT INTO communities (id, platform, created_at) VALUES ('c1', 'test', 1)").run();
    db.prepare(
      `INSERT INTO sessions (community_id, channel, script_id, script_json, state, step, started_at)
       VALUES ('c1', 'test:room', 'old-chat', '{}', 'ended', 0, 0)`,
    ).run();
    db.close();
    const bytes = readFileSync(path);
    const result = await cli(['sessions', '--db', path]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^1 +1970-01-01 00:00 +old-chat +ended/m);
    expect(readFileSync(path)).toEqual(bytes);
  });
});

describe('folders that cannot be used', () => {
  it('--out into a missing folder: one line, nothing written', async () => {
    const dir = folder();
    const path = join(dir, 'emcee.db');
    databaseWithASession(path);
    const out = join(dir, 'no-such-folder', 'recap.md');
    const result = await cli(['recap', '--last', '--db', path, '--out', out]);
    expectOneLine(result, `Could not write ${out}: folder does not exist.`);
  });

  it('EMCEE_DB in a folder that cannot be created names the folder and the setting', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'a-file'), 'x');
    const path = join(dir, 'a-file', 'emcee.db');
    vi.stubEnv('EMCEE_DB', path);
    expectOneLine(
      await cli(['pause']),
      `Cannot use the folder ${join(dir, 'a-file')} for the database ${path}: a file is in the way (EEXIST). ` +
        'Point EMCEE_DB (or --db) at a folder you can write.',
    );
  });
});

describe('scripts and settings', () => {
  it('an unknown script is one line, not a bug report', async () => {
    vi.stubEnv('EMCEE_PROMPTS_DIR', folder());
    const result = await cli(['schedule', 'no-such-chat']);
    expectOneLine(result, /^No chat script called "no-such-chat"\. Add one to .*\/\.\n$/);
  });

  it('a bad setting names the variable, without a stack', async () => {
    vi.stubEnv('EMCEE_LOG_LEVEL', 'loud');
    const result = await cli(['sessions']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('EMCEE_LOG_LEVEL: debug, info, warn, error or silent');
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it('emcee schedule skips a broken script of the folder with one warning; validate stays strict', async () => {
    const prompts = folder();
    writeFileSync(
      join(prompts, 'leap-day.yaml'),
      readFileSync(new URL('../schedule/fixtures/leap-day.yaml', import.meta.url)),
    );
    const broken = 'id: broken\ntitle: Broken\nhashtag: "#Broken"\nhost: h\nquestions: 3\n';
    writeFileSync(join(prompts, 'broken.yaml'), broken);
    vi.stubEnv('EMCEE_PROMPTS_DIR', prompts);
    const schedule = await cli(['schedule', '--from', '2026-01-01', '--count', '1']);
    expect(schedule.code).toBe(0);
    expect(schedule.stdout).toContain('Leap Chat (leap-day), America/New_York:');
    const warnings = schedule.stderr.trimEnd().split('\n');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      new RegExp(
        `^⚠ Skipped the chat script ${join(prompts, 'broken.yaml')}:\\d+  \\S+: .*"emcee validate broken" lists`,
      ),
    );
    const validate = await cli(['validate', 'broken']);
    expect(validate.code).toBe(1);
    expect(validate.stderr).toContain(`✗ ${join(prompts, 'broken.yaml')} is not a valid chat script:`);
  });
});
