import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cliScratchFolder } from '../support/cli-scratch-folder.js';
import { runCliInProcess as cli } from '../support/run-cli.js';

const STACK_LINE = /^\s+at /m;
const SERIES = 'weekly-chat';
// The CLI plans on the real clock: these dates are years ahead, on both sides of the November 2030 DST change.
const OCT_31 = '2030-10-31 13:00';
const NOV_7 = '2030-11-07 13:00';
const NOV_14 = '2030-11-14 13:00';
const EPISODE_KEYS = ['at', 'guests', 'local', 'questions', 'series', 'state', 'timezone', 'topic'];

let dir: string;
let db: string;

beforeEach(() => {
  ({ dir, db } = cliScratchFolder('plan-cli'));
});

afterEach(() => {
  vi.unstubAllEnvs();
});

async function ok(args: string[]): Promise<string> {
  const result = await cli([...args, '--db', db]);
  expect(result, `emcee ${args.join(' ')}`).toMatchObject({ code: 0, stderr: '' });
  return result.stdout;
}

async function episodesJson(database = db): Promise<Record<string, unknown>[]> {
  const result = await cli(['episodes', '--json', '--db', database]);
  expect(result).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(result.stdout) as Record<string, unknown>[];
}

/** A failure reported in one line, without a stack, and nothing on stdout. */
function expectOneLine(result: { code: number; stdout: string; stderr: string }, line: string | RegExp): void {
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr.trimEnd()).not.toContain('\n');
  if (typeof line === 'string') expect(result.stderr).toBe(`${line}\n`);
  else expect(result.stderr).toMatch(line);
  expect(result.stderr).not.toMatch(STACK_LINE);
}

/** Plans the weekly series' three episodes the tests share. */
async function planThree(): Promise<void> {
  const questions = join(dir, 'questions.txt');
  writeFileSync(questions, 'Who moderates your community? [9]\n\nQ2: When do you step in?\n');
  await ok([
    'plan',
    SERIES,
    '--at',
    OCT_31,
    '--topic',
    'Trust',
    '--guest',
    'Ana Lopez',
    '--guest',
    'Bo Chen',
    '--question',
    'What builds trust? [10]',
    '--question',
    'What breaks it?',
    '--note',
    'Ana joins from Lisbon',
  ]);
  await ok(['plan', SERIES, '--at', NOV_7, '--topic', 'Moderation', '--questions-file', questions]);
  await ok(['plan', SERIES, '--at', NOV_14, '--topic', 'Open mic']);
}

describe('emcee plan', () => {
  it('plans a date with guests and questions from flags and a file, and says what it planned', async () => {
    const questions = join(dir, 'questions.txt');
    writeFileSync(questions, 'Who moderates your community? [9]\nWhen do you step in?\n');
    const out = await ok([
      'plan',
      SERIES,
      '--at',
      OCT_31,
      '--topic',
      'Trust',
      '--guest',
      'Ana Lopez',
      '--question',
      'What builds trust? [10]',
      '--questions-file',
      questions,
    ]);
    expect(out).toBe(
      'Planned: weekly-chat 2030-10-31 13:00 (America/New_York) — Trust · guest: Ana Lopez · 3 question(s)\n',
    );
    const [episode] = await episodesJson();
    expect(episode!.questions).toEqual([
      { text: 'What builds trust?', minutes: 10 },
      { text: 'Who moderates your community?', minutes: 9 },
      { text: 'When do you step in?' },
    ]);
    expect(episode!.guests).toEqual([{ name: 'Ana Lopez' }]);
  });

  it('without --at, plans the next scheduled Thursday at 1 pm with nothing planned', async () => {
    const out = await ok(['plan', SERIES, '--topic', 'Soon']);
    const planned =
      /^Planned: weekly-chat (\d{4}-\d\d-\d\d) 13:00 \(America\/New_York\) — Soon · the series' questions\n$/;
    const match = planned.exec(out);
    expect(match, out).not.toBeNull();
    const date = new Date(`${match![1]}T12:00:00Z`);
    expect(date.getUTCDay()).toBe(4);
    expect(date.getTime() - Date.now()).toBeLessThan(15 * 24 * 3_600_000);
    const again = await ok(['plan', SERIES, '--topic', 'After that']);
    expect(again).not.toContain(match![1]!);
  });

  it('refuses a bad plan in one line naming the flag, and saves nothing', async () => {
    const refusals: [string[], string | RegExp][] = [
      [['--at', '2020-01-02 13:00', '--topic', 'Old'], 'Not planned: --at is in the past: pick a time ahead.'],
      [
        ['--at', '2030-03-10 02:30', '--topic', 'Gap'],
        'Not planned: --at 02:30 does not exist on 2030-03-10 in America/New_York (the clocks go forward): pick ' +
          'another time.',
      ],
      [['--at', OCT_31, '--topic', 'x'.repeat(201)], 'Not planned: --topic at most 200 characters.'],
      [['--at', OCT_31], /^Not planned: --topic [^\n]+\.\n$/],
    ];
    for (const [args, line] of refusals) expectOneLine(await cli(['plan', SERIES, ...args, '--db', db]), line);
    expectOneLine(
      await cli(['plan', 'no-such-series', '--at', OCT_31, '--topic', 'T', '--db', db]),
      /^Not planned: series No chat script called "no-such-series"\. Known scripts: weekly-chat\.\n$/,
    );
    expectOneLine(
      await cli(['plan', SERIES, '--at', OCT_31, '--topic', 'T', '--questions-file', join(dir, 'missing.txt')]),
      `Cannot read ${join(dir, 'missing.txt')}: ENOENT.`,
    );
    const badLine = await cli(['plan', SERIES, '--at', OCT_31, '--topic', 'T', '--question', 'Why? [500]', '--db', db]);
    expect(badLine.code).toBe(2);
    expect(badLine.stderr.split('\n')[0]).toBe('--question: line 1: minutes must be from 1 to 180, like "[10]"');
    expect(badLine.stderr).not.toMatch(STACK_LINE);
    expect(await episodesJson()).toEqual([]);
  });
});

describe('emcee episodes', () => {
  it('lists episodes for people, and as JSON in the documented shape with the offset of each date', async () => {
    await planThree();
    expect(await ok(['episodes'])).toBe(
      [
        'weekly-chat 2030-10-31 13:00 (America/New_York) — Trust · guests: Ana Lopez, Bo Chen · 2 question(s)',
        'weekly-chat 2030-11-07 13:00 (America/New_York) — Moderation · 2 question(s)',
        "weekly-chat 2030-11-14 13:00 (America/New_York) — Open mic · the series' questions",
        '',
      ].join('\n'),
    );
    expect(await ok(['episodes', SERIES])).toBe(await ok(['episodes']));
    expect(await ok(['episodes', 'another-series'])).toBe(
      'Nothing planned for another-series yet. Plan one with "emcee plan".\n',
    );
    const episodes = await episodesJson();
    expect(episodes).toEqual([
      {
        series: SERIES,
        at: '2030-10-31T13:00:00-04:00',
        local: OCT_31,
        timezone: 'America/New_York',
        topic: 'Trust',
        guests: [{ name: 'Ana Lopez' }, { name: 'Bo Chen' }],
        questions: [{ text: 'What builds trust?', minutes: 10 }, { text: 'What breaks it?' }],
        note: 'Ana joins from Lisbon',
        state: 'planned',
      },
      {
        series: SERIES,
        at: '2030-11-07T13:00:00-05:00',
        local: NOV_7,
        timezone: 'America/New_York',
        topic: 'Moderation',
        guests: [],
        questions: [{ text: 'Who moderates your community?', minutes: 9 }, { text: 'When do you step in?' }],
        state: 'planned',
      },
      {
        series: SERIES,
        at: '2030-11-14T13:00:00-05:00',
        local: NOV_14,
        timezone: 'America/New_York',
        topic: 'Open mic',
        guests: [],
        questions: [],
        state: 'planned',
      },
    ]);
    // The stable shape: these keys, "note" only when there is one.
    for (const episode of episodes) {
      expect(
        Object.keys(episode)
          .filter((key) => key !== 'note')
          .sort(),
      ).toEqual(EPISODE_KEYS);
      expect(Date.parse(episode.at as string)).toBeGreaterThan(Date.now());
    }
    expect(Date.parse(episodes[0]!.at as string)).toBe(Date.UTC(2030, 9, 31, 17, 0));
    expect(Date.parse(episodes[1]!.at as string)).toBe(Date.UTC(2030, 10, 7, 18, 0));
  });

  it('an empty plan: a sentence for people, [] for scripts', async () => {
    expect(await ok(['episodes'])).toBe('Nothing planned yet. Plan one with "emcee plan".\n');
    expect(await episodesJson()).toEqual([]);
  });

  it('skip and delete a planned date; skip a scheduled date with nothing planned', async () => {
    await planThree();
    expect(await ok(['episodes', 'skip', SERIES, '2030-11-07'])).toBe(
      'Skipped: weekly-chat 2030-11-07 13:00 (America/New_York) — Moderation · 2 question(s) [skipped]\n',
    );
    expect(await ok(['episodes', 'delete', SERIES, NOV_14])).toBe(
      `Deleted weekly-chat on ${NOV_14}: the series' own questions run that day (if it is scheduled).\n`,
    );
    expect((await episodesJson()).map((e) => [e.local, e.state])).toEqual([
      [OCT_31, 'planned'],
      [NOV_7, 'skipped'],
    ]);
    // A Thursday a few weeks ahead of the real clock, with nothing planned (the series skips 24 December).
    const soon = nextThursday(21);
    expect(await ok(['episodes', 'skip', SERIES, soon])).toBe(
      `Skipped: weekly-chat ${soon} 13:00 (America/New_York) — Skipped · the series' questions [skipped]\n`,
    );
    expect((await episodesJson()).find((e) => e.local === `${soon} 13:00`)).toMatchObject({ state: 'skipped' });
  });

  it('skip or delete with nothing to act on: the reason first, no stack, nothing changed', async () => {
    await planThree();
    const before = await episodesJson();
    for (const [args, first] of [
      [['delete', SERIES, '2030-11-21'], 'Nothing is planned for weekly-chat on 2030-11-21.'],
      [['skip', SERIES, '2030-11-20'], 'Not skipped: no chat of weekly-chat is planned or scheduled on 2030-11-20.'],
      [['skip', SERIES], 'Say which series and date, e.g. "emcee episodes skip weekly-chat 2026-12-31".'],
    ] as const) {
      const result = await cli(['episodes', ...args, '--db', db]);
      // Nothing to act on is a plain failure (1); a command missing its words is a usage error (2, with help).
      expect(result.code).toBe(args.length === 2 ? 2 : 1);
      expect(result.stdout).toBe('');
      expect(result.stderr.split('\n')[0]).toBe(first);
      expect(result.stderr).not.toMatch(STACK_LINE);
    }
    expect(await episodesJson()).toEqual(before);
  });

  it('export then import into another database gives the same episodes and the same file', async () => {
    await planThree();
    await ok(['episodes', 'skip', SERIES, '2030-11-07']);
    const file = join(dir, 'episodes.yaml');
    const written = await ok(['episodes', 'export', SERIES, '--out', file]);
    expect(written).toBe(`Episodes of weekly-chat written to ${file}\n`);
    const exported = readFileSync(file, 'utf8');
    expect(await ok(['episodes', 'export', SERIES])).toBe(exported);
    expect(exported).toContain('at: 2030-10-31 13:00');

    const other = join(dir, 'other.db');
    const imported = await cli(['episodes', 'import', file, '--db', other]);
    expect(imported).toMatchObject({ code: 0, stderr: '', stdout: `Imported 3 episode(s) from ${file}.\n` });
    expect(await episodesJson(other)).toEqual(await episodesJson());
    const again = await cli(['episodes', 'export', SERIES, '--db', other]);
    expect(again.stdout).toBe(exported);
    // Importing the same file twice changes nothing.
    await cli(['episodes', 'import', file, '--db', other]);
    expect(await episodesJson(other)).toEqual(await episodesJson());
  });

  it('an import with one bad episode saves nothing and names file:line and field', async () => {
    const file = join(dir, 'episodes.yaml');
    writeFileSync(
      file,
      [
        'series: weekly-chat',
        'episodes:',
        '  - at: "2030-10-31 13:00"',
        '    topic: Fine',
        '  - at: "2030-03-10 02:30"',
        '    topic: In the gap',
        '  - at: "2030-11-14 13:00"',
        '    topic: Also fine',
        '    questions:',
        '      - text: Why?',
        '        minutes: 500',
        '',
      ].join('\n'),
    );
    const result = await cli(['episodes', 'import', file, '--db', db]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      [
        `${file} was not imported (nothing was saved):`,
        `  ${file}:5  episodes.1.at: 02:30 does not exist on 2030-03-10 in America/New_York (the clocks go forward): ` +
          'pick another time',
        // The questions' line: the planner names the field, not which question in it.
        `  ${file}:10  episodes.2.questions: Too big: expected number to be <=180`,
        '',
      ].join('\n'),
    );
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(await episodesJson()).toEqual([]);
  });

  it('an import of a file that is not YAML, or names no series, or cannot be read: nothing saved', async () => {
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'series: weekly-chat\nepisodes:\n  - at: "2030-10-31 13:00\n    topic: [unclosed\n');
    const syntax = await cli(['episodes', 'import', broken, '--db', db]);
    expect(syntax.code).toBe(1);
    expect(syntax.stderr).toMatch(
      new RegExp(
        `^${escapeRegExp(broken)} was not imported \\(nothing was saved\\):\\n` +
          `  ${escapeRegExp(broken)}:\\d+  : YAML syntax: `,
      ),
    );
    const noSeries = join(dir, 'no-series.yaml');
    writeFileSync(noSeries, 'episodes:\n  - at: "2030-10-31 13:00"\n    topic: Fine\n');
    const missing = await cli(['episodes', 'import', noSeries, '--db', db]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`  ${noSeries}  series: `);
    expectOneLine(
      await cli(['episodes', 'import', join(dir, 'nowhere.yaml'), '--db', db]),
      `Cannot read ${join(dir, 'nowhere.yaml')}: ENOENT.`,
    );
    for (const result of [syntax, missing]) expect(result.stderr).not.toMatch(STACK_LINE);
    expect(await episodesJson()).toEqual([]);
  });
});

/** The local date ("YYYY-MM-DD") of the first Thursday at least `days` from now, avoiding 24 December. */
function nextThursday(days: number): string {
  const date = new Date(Date.now() + days * 24 * 3_600_000);
  while (date.getUTCDay() !== 4 || (date.getUTCMonth() === 11 && date.getUTCDate() === 24)) {
    date.setUTCDate(date.getUTCDate() + 1);
  }
  return date.toISOString().slice(0, 10);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
