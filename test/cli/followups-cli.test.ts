import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FollowUps } from '../../src/people/follow-ups.js';
import { weeklyStore } from '../people/weekly-community.js';
import { runCliInProcess } from '../support/run-cli.js';

/** The simulated 12-week community in a database file, closed as a bot leaves it. */
function communityDb() {
  const path = join(mkdtempSync(join(tmpdir(), 'emcee-followups-cli-')), 'emcee.db');
  const { store, chat, rehearsals } = weeklyStore(path);
  const ids = { chat6: chat(6), chat12: chat(12), rehearsal: rehearsals[1]! };
  store.close();
  return { path, ...ids };
}

describe('emcee followups', () => {
  it('--json prints the list of the latest finished chat of the series, in the documented shape', async () => {
    const db = communityDb();
    const run = await runCliInProcess(['followups', 'weekly', '--json', '--db', db.path]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const list = JSON.parse(run.stdout) as FollowUps;
    expect(Object.keys(list)).toEqual([
      'sessionId',
      'seriesId',
      'title',
      'startedAt',
      'firstTimers',
      'missedRegulars',
      'unansweredQuestions',
      'mostRepliedAnswers',
    ]);
    // The latest finished chat of "weekly" is chat 12, not the rehearsal after it.
    expect(list.sessionId).toBe(db.chat12);
    expect(list.firstTimers.map((f) => [f.person.name, f.person.quiet, f.firstAnswer?.text])).toEqual([
      ['Kim', true, 'A2: I keep a journal'],
    ]);
    expect(list.missedRegulars.map((r) => [r.person.name, r.attended, r.of])).toEqual([
      ['Bo', 5, 5],
      ['Oz', 3, 5],
    ]);
    expect(list.unansweredQuestions.map((q) => q.person.name)).toEqual(['Jon', 'Dee']);
    expect(list.mostRepliedAnswers.map((a) => [a.person.name, a.replies])).toEqual([
      ['Kim', 2],
      ['Ana', 1],
    ]);
  });

  it('--session picks a chat; the text names people without mentions', async () => {
    const db = communityDb();
    const run = await runCliInProcess(['followups', '--session', String(db.chat6), '--db', db.path]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Follow-ups after Weekly Chat (Thursday, February 12, 2026), for the hosts only:');
    expect(run.stdout).toContain('• Eli: A1: “first time here, I start late”');
    expect(run.stdout).toContain('• Bo: 5 of the previous 5 chats, last on Thursday, February 5, 2026');
    expect(run.stdout).not.toContain('<@test:U-eli>');
  });

  it('says plainly when there is no list to show', async () => {
    const db = communityDb();
    const rehearsal = await runCliInProcess(['followups', '--session', String(db.rehearsal), '--db', db.path]);
    expect(rehearsal.code).toBe(1);
    expect(rehearsal.stderr).toContain('is a rehearsal: rehearsals have no follow-up list');
    const unknown = await runCliInProcess(['followups', 'nightly', '--db', db.path]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No finished chat of the series "nightly" yet');
    const mismatch = await runCliInProcess(['followups', 'monthly', '--session', String(db.chat6), '--db', db.path]);
    expect(mismatch.code).toBe(2);
    expect(mismatch.stderr).toContain('is a chat of "weekly", not of "monthly"');
  });
});
