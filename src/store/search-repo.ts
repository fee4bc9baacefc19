import { type RankCandidate, rankAnswers } from '../search/rank-answers.js';
import { answerSnippet, type SnippetPiece } from '../search/answer-snippet.js';
import { ftsMatchExpression } from '../search/search-query.js';
import { Repo } from './repo.js';

/** Results per page of a search. */
export const SEARCH_PAGE_SIZE = 20;
/**
 * The most matches a search counts and ranks: beyond it the page says "1,000+ answers" and lists the newest
 * thousand, newest first, so a word in every other answer costs as little as a rare one (bench/search-bench.ts).
 */
export const SEARCH_RESULT_CAP = 1000;

/** A search of the answers, with its filters. */
export interface AnswerSearch {
  /** What the person typed; it is never read as FTS5 syntax. */
  text: string;
  /** The series this viewer may see; undefined for every series (a host). */
  visibleSeries?: ReadonlySet<string>;
  /** Only this series. */
  seriesId?: string;
  /** Only answers to this question number. */
  question?: number;
  /** Only answers by this name (any case, a leading "@" ignored). */
  person?: string;
  /** 1-based page. */
  page: number;
}

/** One answer found. */
export interface AnswerHit {
  /** The message's address on its platform. */
  address: string;
  /** The chat it was given in. */
  sessionId: number;
  /** Its series (the chat's script id). */
  seriesId: string;
  /** The chat's script as it ran, JSON (title, time zone, questions). */
  scriptJson: string;
  /** When the chat started, epoch ms. */
  startedAt: number;
  /** Who answered, by the name they had then. */
  authorName: string;
  /** The question it answers. */
  questionNumber: number;
  /** When it was posted, epoch ms. */
  ts: number;
  /** The part of the answer around the match, in pieces, the matched words marked. */
  snippet: SnippetPiece[];
}

/** A page of answers found. */
export interface AnswerSearchPage {
  /** This page's answers, best first (newest first when capped). */
  hits: AnswerHit[];
  /** How many answers match, at most SEARCH_RESULT_CAP. */
  total: number;
  /** Whether more than SEARCH_RESULT_CAP match (then total is the cap). */
  capped: boolean;
  /** True when ranked best first; false when capped, then newest first. */
  ranked: boolean;
}

/** A series with at least one chat, for the search's series filter. */
export interface SeriesWithChats {
  /** The series id. */
  seriesId: string;
  /** Its latest chat's script, JSON. */
  scriptJson: string;
}

const FILTERS = `s.rehearsal = 0 AND m.question_number IS NOT NULL AND m.deleted_at IS NULL
    AND (@series IS NULL OR s.script_id = @series)
    AND (@visible IS NULL OR s.script_id IN (SELECT value FROM json_each(@visible)))
    AND (@question IS NULL OR m.question_number = @question)
    AND (@person IS NULL OR m.author_name = @person COLLATE NOCASE)`;

// Rows of messages indexed per transaction by catchUp.
const CATCH_UP_ROWS = 5000;

/** Full-text search over the answers (the answer_search index of migrations 13 and 15). */
export class SearchRepo extends Repo {
  /**
   * Indexes the answers stored since the last call, up to `limit` rows of messages, in one transaction (one FTS5
   * segment for the lot, rather than one per message on the answer path); returns how many rows it went past.
   * The bot calls it every few seconds and a search calls it first, so results are never behind.
   */
  catchUp(limit = CATCH_UP_ROWS): number {
    if (this.db.readonly) return 0;
    return this.db.transaction(() => {
      const from = (this.statement('SELECT indexed_upto AS n FROM answer_search_progress').get() as { n: number }).n;
      const last = (this.statement('SELECT COALESCE(MAX(rowid), 0) AS n FROM messages').get() as { n: number }).n;
      const upto = Math.min(last, from + limit);
      if (upto <= from) return 0;
      this.statement(
        `INSERT INTO answer_search (rowid, text) SELECT rowid, text FROM messages
          WHERE rowid > ? AND rowid <= ? AND question_number IS NOT NULL AND deleted_at IS NULL`,
      ).run(from, upto);
      this.statement('UPDATE answer_search_progress SET indexed_upto = ?').run(upto);
      return upto - from;
    })();
  }

  /** A page of answers matching every word of `search.text` and its filters; nothing when it has no word. */
  answers(search: AnswerSearch): AnswerSearchPage {
    const match = ftsMatchExpression(search.text);
    if (!match) return { hits: [], total: 0, capped: false, ranked: true };
    try {
      // A long backlog (a database from before this index, or a bot in another process) is indexed in steps.
      for (let indexed = CATCH_UP_ROWS; indexed === CATCH_UP_ROWS; ) indexed = this.catchUp();
    } catch {
      // The database is busy (another process writes): search what is indexed so far.
    }
    const person = search.person?.trim().replace(/^@/, '');
    const params = {
      match,
      series: search.seriesId || null,
      visible: search.visibleSeries ? JSON.stringify([...search.visibleSeries]) : null,
      question: search.question ?? null,
      person: person || null,
      cap: SEARCH_RESULT_CAP + 1,
      offset: (Math.max(1, search.page) - 1) * SEARCH_PAGE_SIZE,
    };
    // The newest matches, one more than the cap: the count, and the answers to rank. A search matching more than
    // the cap shows the newest first and says so, so that a word in every other answer costs what a rare one does.
    const newest = this.statement(
      `SELECT f.rowid, m.text FROM answer_search f JOIN messages m ON m.rowid = f.rowid
         JOIN sessions s ON s.id = m.session_id
         WHERE answer_search MATCH @match AND ${FILTERS} ORDER BY f.rowid DESC LIMIT @cap`,
    ).all(params) as RankCandidate[];
    const capped = newest.length > SEARCH_RESULT_CAP;
    const ordered = capped ? newest.slice(0, SEARCH_RESULT_CAP) : rankAnswers(newest, search.text);
    const pageRowids = ordered.slice(params.offset, params.offset + SEARCH_PAGE_SIZE).map((row) => row.rowid);
    const texts = new Map(ordered.map((row) => [row.rowid, row.text]));
    const found = this.hitsAt(pageRowids);
    const hits = pageRowids.flatMap((rowid) => {
      const hit = found.get(rowid);
      return hit ? [{ ...hit, snippet: answerSnippet(texts.get(rowid) ?? '', search.text) }] : [];
    });
    return {
      hits,
      total: Math.min(newest.length, SEARCH_RESULT_CAP),
      capped,
      ranked: !capped,
    };
  }

  /** Every series with a chat that is not a rehearsal, with its latest chat's script. */
  seriesWithChats(): SeriesWithChats[] {
    return this.statement(
      `SELECT script_id AS seriesId, script_json AS scriptJson FROM sessions
         WHERE id IN (SELECT MAX(id) FROM sessions WHERE rehearsal = 0 GROUP BY script_id) ORDER BY script_id`,
    ).all() as SeriesWithChats[];
  }

  private hitsAt(rowids: number[]): Map<number, Omit<AnswerHit, 'snippet'>> {
    const rows = this.statement(
      `SELECT m.rowid, m.address, m.session_id AS sessionId, s.script_id AS seriesId, s.script_json AS scriptJson,
           s.started_at AS startedAt, m.author_name AS authorName, m.question_number AS questionNumber, m.ts
         FROM messages m JOIN sessions s ON s.id = m.session_id WHERE m.rowid IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(rowids)) as (Omit<AnswerHit, 'snippet'> & { rowid: number })[];
    return new Map(rows.map(({ rowid, ...hit }) => [rowid, hit]));
  }
}
