import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { planTimeline } from '../../src/script/timeline.js';
import { ChatService } from '../../src/service/chat-service.js';
import { readCoreConfig } from '../../src/config/core-config.js';
import { ChatStore } from '../../src/store/chat-store.js';
import type { StoreTrouble } from '../../src/store/write-queue.js';
import { createHarness } from '../support/chat-harness.js';
import { waitFor } from '../support/wait-for.js';

const LOCK_MS = 10_000;

/** A chat on a database file, with the bot's settings (short busy timeout, queued writes). */
function chatOnFile() {
  const path = join(mkdtempSync(join(tmpdir(), 'emcee-busy-')), 'emcee.db');
  const store = ChatStore.open(path);
  // The service sets the bot's busy timeout and watches the store's health, as in production.
  const troubles: StoreTrouble[] = [];
  store.writes.watch((trouble) => troubles.push(trouble));
  void new ChatService({ store, clock: createHarness().clock, log: silentLogger, config: readCoreConfig({}) });
  const h = createHarness({ store });
  return { h, path, store, troubles };
}

describe('a busy or full database never crashes a chat or loses an answer', () => {
  it(`another connection holds the write lock ${LOCK_MS / 1000} s mid-question as 40 answers arrive`, async () => {
    const { h, path, store, troubles } = chatOnFile();
    const plan = planTimeline(h.script);
    const start = h.clock.now();
    await h.start();
    await h.clock.advanceTo(start + plan.questionOffsets[0]! + 60_000); // Q1 open

    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    const lockedAt = Date.now();
    const blocked: number[] = [];
    for (let i = 0; i < 40; i++) {
      const before = Date.now();
      await h.say(`p${i % 8}`, `A1: answer ${i} while the database is locked`);
      blocked.push(Date.now() - before);
    }
    // Acknowledged at once, though nothing could be written yet.
    await waitFor(() => h.platform.reactions.length === 40, 'every answer acknowledged during the lock');
    expect(store.messages.forSession(1).filter((m) => m.question_number === 1)).toHaveLength(0);
    expect(Math.max(...blocked)).toBeLessThan(200); // the event loop never waits on the lock for long
    expect(troubles[0]).toMatchObject({ kind: 'busy' });

    // Q2 falls due during the lock: it waits to be recorded, and is never posted unrecorded.
    await h.clock.advanceTo(start + plan.questionOffsets[1]!);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.platform.ofKind('question')).toHaveLength(1);

    await waitFor(() => Date.now() - lockedAt >= LOCK_MS, 'the end of the lock', LOCK_MS + 1000);
    other.exec('COMMIT');
    const releasedAt = Date.now();
    await waitFor(() => h.platform.ofKind('question').length === 2, 'Q2 after the lock', 2000);
    const late = Date.now() - releasedAt;
    expect(late).toBeLessThan(200);
    await waitFor(() => store.writes.waitingCount === 0, 'every waiting write saved');
    const answers = store.messages.forSession(1).filter((m) => m.question_number === 1);
    expect(answers).toHaveLength(40);
    expect(answers.every((m) => m.acked_at !== null)).toBe(true);
    expect(troubles.at(-1)).toMatchObject({ kind: 'recovered' });
    console.log(`lock ${LOCK_MS} ms: 40/40 answers stored, Q2 posted ${late} ms after the lock ended`);
    other.close();
  }, 30_000);

  it('a full database (max_page_count) mid-chat: no crash, nothing lost once the limit is raised', async () => {
    const { h, store, troubles } = chatOnFile();
    const plan = planTimeline(h.script);
    const start = h.clock.now();
    await h.start();
    await h.clock.advanceTo(start + plan.questionOffsets[0]! + 60_000);
    const pages = Number(store.db.pragma('page_count', { simple: true }));
    store.db.pragma(`max_page_count = ${pages}`);
    const long = 'x'.repeat(3000); // a few pages' worth of answers fills the last page at once
    for (let i = 0; i < 30; i++) await h.say(`p${i}`, `A1: ${i} ${long}`);
    await waitFor(() => troubles.some((t) => t.kind === 'full'), 'the full disk noticed');
    await waitFor(() => h.platform.reactions.length === 30, 'every answer acknowledged meanwhile');
    expect(store.writes.waitingCount).toBeGreaterThan(0);

    store.db.pragma('max_page_count = 1073741823');
    await waitFor(() => store.writes.waitingCount === 0, 'the waiting writes saved', 5000);
    expect(store.messages.forSession(1).filter((m) => m.question_number === 1)).toHaveLength(30);
    await h.clock.advanceTo(start + plan.questionOffsets[1]!);
    await waitFor(() => h.platform.ofKind('question').length === 2, 'Q2 on time once space is back');
  });
});
