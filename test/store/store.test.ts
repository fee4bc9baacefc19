import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChatStore } from '../../src/store/chat-store.js';
import { migrate, openDatabase } from '../../src/store/open-database.js';
import { migrations } from '../../src/store/migrations.js';
import { createHarness, CHANNEL } from '../support/chat-harness.js';

describe('migrations', () => {
  it('apply once, in WAL mode, and keep data across re-opens', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'emcee-store-')), 'emcee.db');
    const first = ChatStore.open(path);
    expect(first.db.pragma('journal_mode', { simple: true })).toBe('wal');
    first.sessions.ensureCommunity('c1', 'test', 1);
    first.close();

    const db = openDatabase(path);
    expect(migrate(db, migrations)).toEqual([]);
    const versions = db.prepare('SELECT version FROM schema_migrations').all();
    expect(versions).toEqual(migrations.map((m) => ({ version: m.version })));
    expect(db.prepare('SELECT id FROM communities').all()).toEqual([{ id: 'c1' }]);
    db.close();
  });

  it('apply a newer migration on top of existing data', () => {
    const db = openDatabase(':memory:');
    // The newest version, not the count: helpers working apart take numbers ahead, so there may be gaps.
    const newest = Math.max(...migrations.map((m) => m.version));
    const next = [
      ...migrations,
      { version: newest + 1, name: 'test column', sql: 'ALTER TABLE communities ADD COLUMN note TEXT' },
    ];
    expect(migrate(db, next)).toEqual([newest + 1]);
    db.prepare("INSERT INTO communities (id, platform, created_at, note) VALUES ('c', 'test', 1, 'kept')").run();
    expect(db.prepare('SELECT note FROM communities').get()).toEqual({ note: 'kept' });
  });

  it('refuse a database newer than the code, touching nothing', () => {
    const db = openDatabase(':memory:');
    db.prepare("INSERT INTO schema_migrations VALUES (99, 'future', 0)").run();
    expect(() => migrate(db, migrations)).toThrow(
      new RegExp(
        `schema version 99, newer than this Emcee knows \\(${Math.max(...migrations.map((m) => m.version))}\\)`,
      ),
    );
  });
});

describe('writes from platform events are idempotent on the message id', () => {
  it('a redelivered message changes nothing: one row, one reaction, one welcome', async () => {
    const h = createHarness();
    const runner = await h.start();
    await h.clock.advance(6 * 60_000);
    const event = { id: `${CHANNEL}:dup`, author: h.person('ana') };
    await h.say('ana', 'A1: the first delivery', event);
    await h.say('ana', 'A1: the first delivery', event);
    await runner.drain();
    expect(h.store.messages.forSession(runner.id)).toHaveLength(1);
    expect(h.platform.reactions).toHaveLength(1);
    expect(h.platform.ofKind('first-timer')).toHaveLength(1);
  });

  it('an edit is attributed again with the context it arrived in; a delete keeps the row', async () => {
    const h = createHarness();
    const runner = await h.start();
    await h.clock.advance(6 * 60_000); // Q1 open
    const id = await h.say('ana', 'Listening first, always');
    expect(h.store.messages.get(id)!.question_number).toBeNull();
    await h.clock.advance(10 * 60_000); // Q2 open now; the edit still belongs to Q1's time
    await h.host.handleEdit({ id, text: 'A1: Listening first, always', editedAt: h.clock.now() });
    expect(h.store.messages.get(id)).toMatchObject({
      question_number: 1,
      late: 0,
      text: 'A1: Listening first, always',
    });
    await runner.drain();
    expect(h.platform.reactions.map((r) => r.to)).toEqual([id]);

    await h.host.handleDelete(id);
    expect(h.store.messages.get(id)!.deleted_at).not.toBeNull();
    expect(h.status().answers).toBe(0);
  });

  it('a post is recorded before it is sent and confirmed after; a failed send can be retried', async () => {
    const h = createHarness();
    h.platform.failNext = 1; // the welcome fails
    const runner = await h.start();
    expect(h.store.posts.get(runner.id, 'welcome')).toBeUndefined();
    expect(h.store.posts.get(runner.id, 'intro')).toMatchObject({ state: 'sent' });
    expect(await runner.postOnce('welcome', { kind: 'opening', text: 'again' })).toBeDefined();
    expect(await runner.postOnce('welcome', { kind: 'opening', text: 'twice?' })).toBeDefined();
    expect(h.platform.ofKind('opening')).toHaveLength(1);
  });
});
