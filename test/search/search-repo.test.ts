import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChatStore } from '../../src/store/chat-store.js';
import { migrations } from '../../src/store/migrations.js';
import { migrate, openDatabase } from '../../src/store/open-database.js';
import { type AnswerSearch, SEARCH_PAGE_SIZE, SEARCH_RESULT_CAP } from '../../src/store/search-repo.js';
import { seedChat, seriesScript } from '../support/search-seed.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 9, 1, 17);
const weekly = seriesScript('weekly', 'Weekly Chat');
const secret = seriesScript('secret', 'Secret Chat');

function search(store: ChatStore, text: string, more: Partial<AnswerSearch> = {}) {
  return store.search.answers({ text, page: 1, ...more });
}

function authorsOf(store: ChatStore, text: string, more: Partial<AnswerSearch> = {}): string[] {
  return search(store, text, more).hits.map((hit) => hit.authorName);
}

type Instance = { term: string; doc: number; offset: number };

// Every (word, answer, position) the index holds, read from the index itself.
function indexedWords(store: ChatStore): Instance[] {
  store.db.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.indexed USING fts5vocab(main, answer_search, instance)');
  return store.db.prepare('SELECT term, doc, offset FROM temp.indexed ORDER BY term, doc, offset').all() as Instance[];
}

// What the index should hold: the live answers' words, indexed afresh.
function wordsOfLiveAnswers(store: ChatStore): Instance[] {
  store.db.exec(`DROP TABLE IF EXISTS temp.fresh;
    CREATE VIRTUAL TABLE temp.fresh USING fts5(text, tokenize = 'unicode61 remove_diacritics 2');
    INSERT INTO temp.fresh (rowid, text)
      SELECT rowid, text FROM messages WHERE question_number IS NOT NULL AND deleted_at IS NULL;
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.fresh_words USING fts5vocab(temp, fresh, instance);`);
  return store.db
    .prepare('SELECT term, doc, offset FROM temp.fresh_words ORDER BY term, doc, offset')
    .all() as Instance[];
}

describe('searching the answers', () => {
  it('finds an answer by any of its words, ignoring case and accents, the last word as a prefix', () => {
    const store = ChatStore.open(':memory:');
    seedChat(store, weekly, T0, [
      { by: 'Ana', q: 1, text: 'I met my Mentor at a café in Zürich' },
      { by: 'Ben', q: 2, text: 'Mentoring juniors taught me patience' },
      { by: 'Cy', q: 2, text: 'Nothing to do with it' },
    ]);
    expect(authorsOf(store, 'cafe zurich')).toEqual(['Ana']);
    expect(authorsOf(store, 'MENTOR').sort()).toEqual(['Ana', 'Ben']); // "mentor*" also finds "Mentoring"
    expect(authorsOf(store, 'mentor cafe')).toEqual(['Ana']); // every word must occur
    expect(authorsOf(store, 'patience zürich')).toEqual([]);
    expect(search(store, '   ?!  ')).toEqual({ hits: [], total: 0, capped: false, ranked: true });
  });

  it('ranks the answer where the words weigh most first', () => {
    const store = ChatStore.open(':memory:');
    seedChat(store, weekly, T0, [
      { by: 'Long', q: 1, text: `podcasts ${'and many other things besides that I like '.repeat(6)}` },
      { by: 'Short', q: 1, text: 'podcasts, podcasts, podcasts!' },
      { by: 'Middle', q: 1, text: 'I listen to podcasts on the train' },
    ]);
    expect(authorsOf(store, 'podcasts')).toEqual(['Short', 'Middle', 'Long']);
  });

  it('reads FTS5 syntax in what people type as plain words, never as a query', () => {
    const store = ChatStore.open(':memory:');
    seedChat(store, weekly, T0, [{ by: 'Ana', q: 1, text: 'near or not, "quotes" and stars * matter' }]);
    for (const typed of ['NEAR(a b)', '"quotes', 'text:stars', 'stars*', 'OR', 'not -near', '^quotes', 'a AND (']) {
      expect(() => search(store, typed), typed).not.toThrow();
    }
    expect(authorsOf(store, 'not -near')).toEqual(['Ana']);
    expect(authorsOf(store, 'OR')).toEqual(['Ana']);
    expect(authorsOf(store, 'text:stars')).toEqual([]); // "text" is a word here, not a column filter
  });

  it('marks every matched word in the snippet, leaving the text as it is', () => {
    const store = ChatStore.open(':memory:');
    seedChat(store, weekly, T0, [{ by: 'Eve', q: 3, text: '<script>alert(1)</script> kindness & <b>kindness</b>' }]);
    const [hit] = search(store, 'kindness').hits;
    expect(hit?.snippet).toEqual([
      { text: '<script>alert(1)</script> ', match: false },
      { text: 'kindness', match: true },
      { text: ' & <b>', match: false },
      { text: 'kindness', match: true },
      { text: '</b>', match: false },
    ]);
    expect(hit).toMatchObject({ seriesId: 'weekly', questionNumber: 3, authorName: 'Eve', startedAt: T0 });
  });

  it('filters by series, question and person, and shows only the series a viewer may see, never rehearsals', () => {
    const store = ChatStore.open(':memory:');
    seedChat(store, weekly, T0, [
      { by: 'Ana', q: 1, text: 'gardening is my calm' },
      { by: 'Ben', q: 2, text: 'gardening with kids' },
    ]);
    seedChat(store, secret, T0 + DAY, [{ by: 'Ana', q: 1, text: 'secret gardening club' }]);
    seedChat(store, weekly, T0 + 2 * DAY, [{ by: 'Rex', q: 1, text: 'rehearsal gardening' }], { rehearsal: true });
    expect(authorsOf(store, 'gardening').sort()).toEqual(['Ana', 'Ana', 'Ben']);
    expect(authorsOf(store, 'gardening', { visibleSeries: new Set(['weekly']) }).sort()).toEqual(['Ana', 'Ben']);
    expect(authorsOf(store, 'gardening', { visibleSeries: new Set() })).toEqual([]);
    expect(authorsOf(store, 'gardening', { seriesId: 'secret' })).toEqual(['Ana']);
    expect(authorsOf(store, 'gardening', { seriesId: 'secret', visibleSeries: new Set(['weekly']) })).toEqual([]);
    expect(authorsOf(store, 'gardening', { question: 2 })).toEqual(['Ben']);
    expect(authorsOf(store, 'gardening', { person: '@ana' })).toEqual(['Ana', 'Ana']);
    expect(authorsOf(store, 'gardening', { person: 'ana', question: 1, seriesId: 'weekly' })).toEqual(['Ana']);
  });

  it('pages through the matches 20 at a time, each once, with the total', () => {
    const store = ChatStore.open(':memory:');
    const answers = Array.from({ length: 45 }, (_, i) => ({ by: `P${i}`, q: 1, text: `sunrise walk number ${i}` }));
    seedChat(store, weekly, T0, answers);
    const pages = [1, 2, 3].map((page) => search(store, 'sunrise', { page }));
    expect(pages.map((p) => p.hits.length)).toEqual([SEARCH_PAGE_SIZE, SEARCH_PAGE_SIZE, 5]);
    expect(pages.every((p) => p.total === 45 && !p.capped)).toBe(true);
    expect(new Set(pages.flatMap((p) => p.hits.map((hit) => hit.authorName))).size).toBe(45);
    expect(search(store, 'sunrise', { page: 9 })).toEqual({ hits: [], total: 45, capped: false, ranked: true });
  });

  it(`counts up to ${SEARCH_RESULT_CAP} matches and says when there are more`, () => {
    const store = ChatStore.open(':memory:');
    const answers = Array.from({ length: SEARCH_RESULT_CAP + 5 }, (_, i) => ({ by: `P${i}`, q: 1, text: `tea ${i}` }));
    seedChat(store, weekly, T0, answers);
    const many = search(store, 'tea');
    expect(many).toMatchObject({ total: SEARCH_RESULT_CAP, capped: true, ranked: false });
    expect(many.hits.map((hit) => hit.authorName).slice(0, 2)).toEqual(['P1004', 'P1003']); // newest first
    expect(search(store, 'tea', { page: 50 }).hits.at(-1)?.authorName).toBe('P5');
    expect(search(store, 'tea', { page: 51 }).hits).toEqual([]);
    expect(search(store, 'tea 7')).toMatchObject({ total: 1, capped: false });
  });
});

describe('the search index follows the messages', () => {
  it('drops deleted, erased and removed answers and finds an edit by its new words only', () => {
    const store = ChatStore.open(':memory:');
    const { addresses } = seedChat(store, weekly, T0, [
      { by: 'Ana', q: 1, text: 'volunteering abroad' },
      { by: 'Ben', q: 1, text: 'volunteering at home' },
      { by: 'Cy', q: 1, text: 'volunteering online' },
      { by: 'Di', q: 2, text: 'volunteering weekly' },
    ]);
    const [ana, ben, cy, di] = addresses as [string, string, string, string];
    store.messages.markAcknowledged(ana, T0); // an update of another column leaves the index as it is
    store.messages.markDeleted(ben, T0);
    store.db.prepare("UPDATE messages SET text = '', author_name = '' WHERE address = ?").run(cy); // forget-me
    store.db.prepare('DELETE FROM messages WHERE address = ?').run(di);
    expect(authorsOf(store, 'volunteering')).toEqual(['Ana']);
    store.messages.applyEdit(ana, {
      text: 'fundraising abroad',
      question_number: 1,
      part: null,
      late: 0,
      via: 'prefix',
      reason: null,
      edited_at: T0 + 1,
    });
    expect(authorsOf(store, 'volunteering')).toEqual([]);
    expect(authorsOf(store, 'fundraising')).toEqual(['Ana']);
    expect(authorsOf(store, 'abroad')).toEqual(['Ana']); // a word the edit kept is still there, once
    expect(indexedWords(store)).toEqual(wordsOfLiveAnswers(store));
    expect(indexedWords(store).map((word) => word.term)).toEqual(['abroad', 'fundraising']);
    const notAnAnswer = { text: 'fundraising', question_number: null, part: null, late: 0, via: null };
    store.messages.applyEdit(ana, { ...notAnAnswer, reason: 'no prefix', edited_at: T0 + 2 });
    expect(authorsOf(store, 'fundraising')).toEqual([]);
    store.messages.applyEdit(ana, { ...notAnAnswer, question_number: 2, via: 'prefix', reason: null, edited_at: 3 });
    expect(authorsOf(store, 'fundraising')).toEqual(['Ana']);
    expect(indexedWords(store)).toEqual(wordsOfLiveAnswers(store));
  });

  it('indexes answers in batches after they are stored (not on the answer path); a search catches up first', () => {
    const store = ChatStore.open(':memory:');
    seedChat(store, weekly, T0, [{ by: 'Ana', q: 1, text: 'mentoring newcomers' }]);
    expect(indexedWords(store)).toEqual([]);
    expect(store.search.catchUp()).toBeGreaterThan(0);
    expect(indexedWords(store)).toEqual(wordsOfLiveAnswers(store));
    expect(store.search.catchUp()).toBe(0);
    seedChat(store, weekly, T0 + 7 * DAY, [{ by: 'Ben', q: 1, text: 'mentoring again' }]);
    expect(authorsOf(store, 'mentoring').sort()).toEqual(['Ana', 'Ben']);
    expect(indexedWords(store)).toEqual(wordsOfLiveAnswers(store));
  });

  it('indexes the answers already stored when the migration runs', () => {
    const db = openDatabase(
      ':memory:',
      migrations.filter((m) => m.version < 13),
    );
    const store = new ChatStore(db);
    seedChat(store, weekly, T0, [{ by: 'Old', q: 1, text: 'an answer from before search existed' }]);
    expect(migrate(db, migrations)).toContain(13);
    expect(authorsOf(store, 'existed')).toEqual(['Old']);
  });

  it('keeps finding the right answers after a VACUUM', () => {
    const store = ChatStore.open(join(mkdtempSync(join(tmpdir(), 'emcee-search-')), 'emcee.db'));
    const answers = Array.from({ length: 300 }, (_, i) => ({ by: `P${i}`, q: 1, text: `word${i} shared` }));
    const { addresses } = seedChat(store, weekly, T0, answers);
    const remove = store.db.prepare('DELETE FROM messages WHERE address = ?');
    for (const address of addresses.filter((_, i) => i % 3 === 0)) remove.run(address);
    store.db.exec('VACUUM');
    expect(authorsOf(store, 'word31')).toEqual(['P31']);
    expect(authorsOf(store, 'word30')).toEqual([]);
    expect(search(store, 'shared').total).toBe(200);
    store.close();
  });
});
