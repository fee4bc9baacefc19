import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { followUpsFor } from '../../src/people/follow-ups.js';
import { personalData } from '../../src/people/personal-data.js';
import { PROFILE_SORTS, profilesPage } from '../../src/people/profile-page.js';
import { profilesIn } from '../../src/people/profiles.js';
import { shippedScript } from '../support/write-test-script.js';
import { COMMUNITY, person, type RightsCommunity, rightsCommunityPerTest } from './rights-community.js';

const newCommunity = rightsCommunityPerTest();

const ana = person('Anastasia Quixote');
const bea = person('Beatrix Lindqvist');
const cy = person('Cyrano Bellweather');
// Everything that would give Anastasia away: her name, her address and the words she wrote.
const TRACES = ['Anastasia', 'Quixote', 'anastasia-quixote', 'zebra-crossing-secret', 'marmalade-umbrella'];

/** Two chats: Ana answers in both, Bea mentions her, Cy answers in the second. */
async function twoChats(): Promise<RightsCommunity> {
  const c = newCommunity();
  await c.chat([
    [ana, 'A1: my zebra-crossing-secret #CommunityChat'],
    [bea, `A1: I agree with <@${ana.id}> entirely #CommunityChat`],
  ]);
  await c.chat([
    [ana, 'A1: the marmalade-umbrella approach #CommunityChat'],
    [cy, 'A1: listening first #CommunityChat'],
    [bea, 'A1: replying to everyone #CommunityChat'],
  ]);
  return c;
}

// The database file and its write-ahead log, after copying the log into the file (as a reader would see them).
function databaseBytes(c: RightsCommunity): string {
  c.store.db.pragma('wal_checkpoint(PASSIVE)');
  const wal = `${c.dbPath}-wal`;
  return readFileSync(c.dbPath).toString('latin1') + (existsSync(wal) ? readFileSync(wal).toString('latin1') : '');
}

function recapTexts(c: RightsCommunity): string {
  return readdirSync(c.recapDir)
    .map((file) => readFileSync(join(c.recapDir, file), 'utf8'))
    .join('\n');
}

describe('/emcee forget-me', () => {
  it('asks first, with a button and the typed fallback, and erases nothing until confirmed', async () => {
    const c = await twoChats();
    const reply = await c.command(ana, 'forget-me');
    expect(reply.ok).toBe(true);
    expect(reply.text).toContain('forget-me confirm');
    expect(reply.items?.[0]?.actions).toEqual([{ id: 'forget-me:confirm', label: 'Forget me', style: 'danger' }]);
    expect(personalData(c.store, COMMUNITY, ana.id).messages).toHaveLength(2);
    expect(c.store.participants.namesIn(COMMUNITY)[ana.id]).toBe('Anastasia Quixote');
  });

  it('leaves no trace of her name or words in the database, its WAL or the recaps; others keep theirs', async () => {
    const c = await twoChats();
    await c.command(ana, 'quiet');
    await c.command(ana, 'my-data'); // a file sent to her, none kept beside the recaps
    const before = databaseBytes(c);
    for (const trace of TRACES) expect(before).toContain(trace); // the search can find them
    expect(recapTexts(c)).toContain('zebra-crossing-secret');
    const counts = [1, 2].map((id) => c.store.messages.answerCounts(id, 0));

    const reply = await c.router.handleAction({
      actionId: 'forget-me:confirm',
      channel: 'test:C1',
      community: COMMUNITY,
      by: ana,
    });
    expect(reply).toMatchObject({ ok: true, text: expect.stringMatching(/^Done: .* 2 messages are erased/) });

    const after = databaseBytes(c);
    for (const trace of TRACES) expect(after).not.toContain(trace);
    const wal = `${c.dbPath}-wal`;
    expect(existsSync(wal) ? readFileSync(wal).length : 0).toBe(0); // checkpointed and truncated
    const recaps = recapTexts(c);
    for (const trace of TRACES) expect(recaps).not.toContain(trace);
    // Bea's mention of her reads as "someone"; Bea and Cy keep everything else.
    expect(recaps).toContain('I agree with someone entirely');
    expect(recaps).toContain('replying to everyone');
    expect(recaps).toContain('Cyrano Bellweather');
    expect(personalData(c.store, COMMUNITY, bea.id).messages.map((m) => m.text)).toEqual([
      'A1: I agree with someone entirely #CommunityChat',
      'A1: replying to everyone #CommunityChat',
    ]);
    expect(c.store.participants.namesIn(COMMUNITY)).toEqual({
      [bea.id]: 'Beatrix Lindqvist',
      [cy.id]: 'Cyrano Bellweather',
    });
    // Nothing left under her address; the counts keep a number without a name.
    const left = personalData(c.store, COMMUNITY, ana.id);
    expect([left.participants, left.messages, left.thanks, left.welcomes, left.sessions]).toEqual([[], [], [], [], []]);
    expect(left.quiet).toBeNull();
    expect(left.profile).toBeNull();
    // No profile stands in for her, not even an anonymous one (the console's People page lists profiles).
    expect(profilesIn(c.store, COMMUNITY).map((p) => p.userId)).toEqual([bea.id, cy.id]);
    for (const sort of PROFILE_SORTS) {
      const page = profilesPage(c.store, COMMUNITY, { sort, nameContains: '', page: 1, perPage: 50 });
      expect(page.profiles.map((p) => p.userId).sort(), sort).toEqual([bea.id, cy.id].sort());
    }
    expect(left.web).toEqual({ signInLinks: [], sessions: [], published: [] });
    expect([1, 2].map((id) => c.store.messages.answerCounts(id, 0))).toEqual(counts);
    const anonymous = c.store.db
      .prepare("SELECT DISTINCT author_id, author_name, text FROM messages WHERE author_id LIKE 'forgotten:%'")
      .all();
    expect(anonymous).toEqual([{ author_id: 'forgotten:1', author_name: '', text: '' }]);
    expect(c.store.thanks.forSession(1).map((t) => t.user_id)).toEqual(['forgotten:1', bea.id]);

    // The hosts hear that someone used it, never who nor what.
    const notices = c.platform.hostNotices.map((n) => n.text);
    expect(notices).toEqual([expect.stringMatching(/^Someone used forget-me/)]);
    for (const trace of TRACES) expect(notices[0]).not.toContain(trace);
  });

  it('erases her welcome-back, her search-index tokens, her web sign-ins, her name on a publication', async () => {
    const c = newCommunity();
    const eager = { ...shippedScript('demo'), welcomeBackAfter: 1 };
    await c.chat([[ana, 'A1: the zzyzxmarmot way #CommunityChat']], eager);
    await c.chat([[bea, 'A1: a week without her #CommunityChat']], eager);
    await c.chat([[ana, 'A1: back with more zzyzxmarmot #CommunityChat']], eager);
    // She hosts too: signed in on the website, and published the series.
    const who = { identity: ana.id, name: 'Anastasia Quixote' };
    c.store.webAccess.saveLink('link-hash', who, c.clock.now(), c.clock.now() + 60_000);
    c.store.webAccess.saveSession('session-hash', who, 'csrf', c.clock.now(), c.clock.now() + 60_000);
    c.store.published.set('demo', true, ana.id, c.clock.now());
    const welcomedBack = c.store.db.prepare("SELECT text_start FROM bot_posts WHERE purpose LIKE 'welcome-back:%'");
    expect(welcomedBack.all()).toEqual([{ text_start: expect.stringContaining(ana.id) }]);
    // Answers reach the search index in batches (as the bot does every few seconds): her two are in it.
    c.store.search.catchUp();
    const searched = c.store.db.prepare("SELECT rowid FROM answer_search WHERE answer_search MATCH 'zzyzxmarmot'");
    expect(searched.all()).toHaveLength(2);
    // The index keeps tokens, prefix-compressed: the word's tail is what would give it away.
    expect(databaseBytes(c)).toContain('yzxmarmot');

    await c.command(ana, 'forget-me', ['confirm']);
    const after = databaseBytes(c);
    for (const trace of [...TRACES, 'yzxmarmot']) expect(after, trace).not.toContain(trace);
    expect(searched.all()).toEqual([]);
    expect(welcomedBack.all()).toEqual([{ text_start: expect.not.stringContaining(ana.id) }]);
    expect(c.store.db.prepare('SELECT published_by FROM published_series').all()).toEqual([
      { published_by: 'forgotten:1' },
    ]);
    expect(c.store.published.isPublished('demo')).toBe(true);
    expect(c.store.db.prepare('SELECT COUNT(*) AS n FROM web_signin_links').get()).toEqual({ n: 0 });
    expect(c.store.db.prepare('SELECT COUNT(*) AS n FROM web_sessions').get()).toEqual({ n: 0 });
    // Bea's answer is still found.
    expect(
      c.store.db.prepare("SELECT rowid FROM answer_search WHERE answer_search MATCH 'without'").all(),
    ).toHaveLength(1);
  });

  it("leaves the hosts' follow-up lists: no anonymous first-timer, regular or question in her place", async () => {
    const c = newCommunity();
    const host = `<@${c.host.id}>`;
    // Three chats with her, then one without: she is a regular who missed it.
    for (let n = 1; n <= 3; n++)
      await c.chat([
        [ana, `A1: mine ${n} #CommunityChat`],
        [bea, `A1: hers ${n}`],
      ]);
    await c.chat([
      [c.host, 'Welcome, all'],
      [cy, `${host} is there a recording?`],
      [bea, 'A1: hers 4'],
    ]);
    await c.chat([
      [c.host, 'Welcome back'],
      [ana, `${host} will you share slides?`],
    ]);
    const everyoneIn = (session: number) => {
      const list = followUpsFor(c.store, session);
      return [list.firstTimers, list.missedRegulars, list.unansweredQuestions, list.mostRepliedAnswers]
        .flat()
        .map((item) => item.person.userId);
    };
    expect(everyoneIn(1)).toContain(ana.id); // a first-timer
    expect(everyoneIn(4)).toContain(ana.id); // a regular who missed it
    expect(everyoneIn(5)).toEqual([bea.id, ana.id]); // Bea missed it; Ana asked the host
    await c.command(ana, 'forget-me', ['confirm']);
    for (let session = 1; session <= 5; session++) {
      expect(
        everyoneIn(session).filter((id) => id.startsWith('forgotten:')),
        `chat ${session}`,
      ).toEqual([]);
    }
    expect(everyoneIn(1)).toEqual([bea.id]); // Bea is still a first-timer of chat 1
    expect(everyoneIn(4)).toEqual([cy.id, cy.id]); // Cy: a first-timer who asked the host
    expect(everyoneIn(5)).toEqual([bea.id]);
  });

  it('"forget-me confirm" typed does it without the button; a second time finds nothing', async () => {
    const c = await twoChats();
    const reply = await c.command(ana, 'forget-me', ['confirm']);
    expect(reply.text).toMatch(/2 messages are erased, and the recaps of 2 chats written again/);
    const again = await c.command(ana, 'forget-me', ['confirm']);
    expect(again.text).toMatch(/0 messages are erased, and the recaps of 0 chats written again/);
    expect(c.platform.hostNotices).toHaveLength(2);
  });

  it('waits for her message still queued behind a busy database, and erases it too', async () => {
    const c = await twoChats();
    await c.router.startSession({
      script: shippedScript('demo'),
      community: COMMUNITY,
      channel: 'test:C1',
    });
    await c.clock.advance(20_000);
    // The next write finds the database busy: the message waits in the queue.
    let busy = true;
    const original = c.store.transaction.bind(c.store);
    c.store.transaction = <T>(fn: () => T): T => {
      if (busy) {
        busy = false;
        throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
      }
      return original(fn);
    };
    await c.router.handleMessage({
      id: 'test:C1:queued',
      channel: 'test:C1',
      community: COMMUNITY,
      author: ana,
      text: 'A1: a queued zebra-crossing-secret',
      ts: c.clock.now(),
    });
    expect(c.store.writes.waitingCount).toBeGreaterThan(0); // her message (and its acknowledgement)
    await c.command(ana, 'forget-me', ['confirm']);
    expect(c.store.messages.get('test:C1:queued')).toMatchObject({ text: '', author_id: 'forgotten:1' });
    expect(databaseBytes(c)).not.toContain('zebra-crossing-secret');
  });
});
