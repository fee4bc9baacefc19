import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RecordingPlatform } from '../support/recording-platform.js';
import { ManualClock } from '../../src/time/manual-clock.js';
import { shippedScript } from '../support/write-test-script.js';
import { COMMUNITY, person, type RightsCommunity, rightsCommunityPerTest } from './rights-community.js';

const newCommunity = rightsCommunityPerTest();

const ana = person('Ana');
const bea = person('Bea');

async function chats(c: RightsCommunity) {
  await c.chat([
    [ana, 'hello all'],
    [ana, 'A1: listen first #CommunityChat'],
    [bea, 'A1: reply every time #CommunityChat'],
  ]);
  await c.command(ana, 'quiet');
  await c.chat([[bea, 'A1: again #CommunityChat']]);
  await c.command(ana, 'unquiet');
  // Back after one missed chat: welcomed back, then quiet again.
  await c.chat([[ana, 'A1: back again #CommunityChat']], { ...shippedScript('demo'), welcomeBackAfter: 1 });
  await c.command(ana, 'quiet');
  // She hosts too: signed in on the website.
  const who = { identity: ana.id, name: 'Ana' };
  c.store.webAccess.saveLink('link-hash', who, c.clock.now(), c.clock.now() + 60_000);
  c.store.webAccess.saveSession('session-hash', who, 'csrf-secret', c.clock.now(), c.clock.now() + 60_000);
  c.store.published.set('demo', true, ana.id, c.clock.now());
}

// What the store holds on Ana, read with plain SELECTs, independently of personalData.
function storedOnAna(c: RightsCommunity) {
  const { db } = c.store;
  return {
    participants: db.prepare('SELECT * FROM participants WHERE user_id = ?').all(ana.id),
    quiet: db.prepare('SELECT since FROM quiet_people WHERE user_id = ?').get(ana.id) ?? null,
    messages: db.prepare('SELECT * FROM messages WHERE author_id = ? ORDER BY ts, received_at').all(ana.id),
    thanks: db.prepare('SELECT * FROM thanks WHERE user_id = ? ORDER BY session_id').all(ana.id),
    welcomes: db
      .prepare(
        `SELECT session_id, purpose, state, text_start, sent_at FROM bot_posts WHERE purpose IN (?, ?)
          ORDER BY session_id, purpose`,
      )
      .all(`first-timer:${ana.id}`, `welcome-back:${ana.id}`),
    signInLinks: db
      .prepare('SELECT display_name, created_at, expires_at, used_at FROM web_signin_links WHERE identity = ?')
      .all(ana.id),
    webSessions: db
      .prepare('SELECT display_name, created_at, expires_at, signed_out_at FROM web_sessions WHERE identity = ?')
      .all(ana.id),
    published: db.prepare('SELECT series_id, published_at FROM published_series WHERE published_by = ?').all(ana.id),
    sessionIds: (
      db.prepare('SELECT DISTINCT session_id FROM messages WHERE author_id = ? ORDER BY session_id').all(ana.id) as {
        session_id: number;
      }[]
    ).map((row) => row.session_id),
  };
}

describe('/emcee my-data', () => {
  it('sends, in a direct message, a JSON file holding exactly what the store has on the person', async () => {
    const c = newCommunity();
    await chats(c);
    const reply = await c.command(ana, 'my-data');
    expect(reply).toEqual({ ok: true, text: 'Sent you a direct message with your data (3 messages in 2 chats).' });
    expect(c.platform.shared).toHaveLength(1);
    const [{ channel, notice }] = c.platform.shared as [(typeof c.platform.shared)[number]];
    expect(channel).toBe(`dm:${ana.id}`);
    const file = notice.files![0]!;
    expect(file).toMatchObject({ name: expect.stringMatching(/^emcee-my-data-[0-9a-f]{12}-\d{4}-\d\d-\d\d\.json$/) });
    const data = JSON.parse(String(file.content));

    const stored = storedOnAna(c);
    expect(stored.messages).toHaveLength(3);
    expect(stored.thanks).toHaveLength(2);
    expect(stored.welcomes.map((w) => (w as { purpose: string }).purpose)).toEqual([
      `first-timer:${ana.id}`,
      `welcome-back:${ana.id}`,
    ]);
    expect([stored.signInLinks, stored.webSessions, stored.published].map((rows) => rows.length)).toEqual([1, 1, 1]);
    expect(data).toMatchObject({ community: COMMUNITY, user: ana.id });
    expect(data.participants).toEqual(stored.participants);
    expect(data.quiet).toEqual(stored.quiet);
    expect(data.thanks).toEqual(stored.thanks);
    expect(data.welcomes).toEqual(stored.welcomes);
    expect(data.web).toEqual({
      signInLinks: stored.signInLinks,
      sessions: stored.webSessions,
      published: stored.published,
    });
    // The secrets' hashes are credentials, not data about her: never in the file.
    expect(JSON.stringify(data)).not.toMatch(/link-hash|session-hash|csrf-secret/);
    // Her profile as Emcee computes it: chats 1 and 3, an answer in each, last seen in chat 3.
    const chat3 = c.store.sessions.get(3)!;
    expect(data.profile).toMatchObject({
      userId: ana.id,
      displayName: 'Ana',
      chats: [1, 3],
      answers: 2,
      currentStreak: 1,
      longestStreak: 1,
    });
    expect(data.profile.lastSeenAt).toBeGreaterThanOrEqual(chat3.started_at);
    expect(data.profile.firstSeenAt).toBe((stored.participants[0] as { first_seen_at: number }).first_seen_at);
    // Each message whole, with its chat's series and date.
    const sessions = new Map(
      (
        c.store.db.prepare('SELECT id, script_id, started_at FROM sessions').all() as {
          id: number;
          script_id: string;
          started_at: number;
        }[]
      ).map((s) => [s.id, s]),
    );
    expect(data.messages).toEqual(
      (stored.messages as { session_id: number }[]).map((row) => ({
        ...row,
        seriesId: sessions.get(row.session_id)!.script_id,
        date: new Date(sessions.get(row.session_id)!.started_at).toISOString(),
      })),
    );
    expect(data.sessions.map((s: { sessionId: number }) => s.sessionId)).toEqual(stored.sessionIds);
    expect(data.sessions[0]).toEqual({
      sessionId: 1,
      seriesId: 'demo',
      date: new Date(sessions.get(1)!.started_at).toISOString(),
      rehearsal: false,
    });
    // Bea's words are hers, not in Ana's file.
    expect(JSON.stringify(data)).not.toContain('reply every time');
  });

  it('with no direct message for files (the local room), writes it beside the recaps and says where', async () => {
    const c = newCommunity(new RecordingPlatform(new ManualClock()) as never);
    await chats(c);
    const reply = await c.command(ana, 'my-data');
    expect(reply.ok).toBe(true);
    const file = readdirSync(c.recapDir).find((name) => name.startsWith('emcee-my-data-'))!;
    expect(reply.text).toBe(`Your data (3 messages in 2 chats) is in ${join(c.recapDir, file)}`);
    const data = JSON.parse(readFileSync(join(c.recapDir, file), 'utf8'));
    expect(data.messages.map((m: { text: string }) => m.text)).toEqual(
      (storedOnAna(c).messages as { text: string }[]).map((m) => m.text),
    );
  });
});
