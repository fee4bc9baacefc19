import { ftsMatchExpression } from '../search/search-query.js';
import { Repo } from './repo.js';

/** Results per page of a search. */
export const SEARCH_PAGE_SIZE = 20;
/**
 * The most matches a search counts and ranks: beyond it the page says "1,000+ answers" and ranks the newest
 * thousand, so a word in every other answer costs as little as a rare one (see bench/search-bench.ts).
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
  /** What the snippets put around each matched word: strings that participant text cannot contain. */
  marks: { open: string; close: string };
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
  /** A piece of the answer around the match, each matched word between `marks.open` and `marks.close`. */
  snippet: string;
}

/** A page of answers found. */
export interface AnswerSearchPage {
  /** This page's answers, best first. */
  hits: AnswerHit[];
  /** How many answers match, at most SEARCH_RESULT_CAP. */
  total: number;
  /** Whether more than SEARCH_RESULT_CAP match (then total is the cap). */
  capped: boolean;
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

/** Full-text search over the answers (the answer_search index of migration 13). */
export class SearchRepo extends Repo {
  /** A page of answers matching every word of `search.text` and its filters; nothing when it has no word. */
  answers(search: AnswerSearch): AnswerSearchPage {
    const match = ftsMatchExpression(search.text);
    if (!match) return { hits: [], total: 0, capped: false };
    const person = search.person?.trim().replace(/^@/, '');
    const params = {
      match,
      series: search.seriesId || null,
      visible: search.visibleSeries ? JSON.stringify([...search.visibleSeries]) : null,
      question: search.question ?? null,
      person: person || null,
      cap: SEARCH_RESULT_CAP + 1,
      offset: (Math.max(1, search.page) - 1) * SEARCH_PAGE_SIZE,
      size: SEARCH_PAGE_SIZE,
    };
    // Newest matches first, capped; then ranked by bm25 among them. The count comes from the same capped set.
    const rows = this.statement(
      `WITH hits AS (
         SELECT f.rowid AS rid, bm25(answer_search) AS score
         FROM answer_search f JOIN messages m ON m.rowid = f.rowid JOIN sessions s ON s.id = m.session_id
         WHERE answer_search MATCH @match AND ${FILTERS}
         ORDER BY f.rowid DESC LIMIT @cap
       )
       SELECT (SELECT COUNT(*) FROM hits) AS total, rid FROM hits ORDER BY score, rid DESC LIMIT @size OFFSET @offset`,
    ).all(params) as { total: number; rid: number }[];
    const counted = rows[0]?.total ?? this.countOnly(params);
    const hits = rows.map((row) => this.hit(row.rid, match, search.marks));
    return {
      hits: hits.filter((hit): hit is AnswerHit => hit !== undefined),
      total: Math.min(counted, SEARCH_RESULT_CAP),
      capped: counted > SEARCH_RESULT_CAP,
    };
  }

  /** Every series with a chat that is not a rehearsal, with its latest chat's script. */
  seriesWithChats(): SeriesWithChats[] {
    return this.statement(
      `SELECT script_id AS seriesId, script_json AS scriptJson FROM sessions
         WHERE id IN (SELECT MAX(id) FROM sessions WHERE rehearsal = 0 GROUP BY script_id) ORDER BY script_id`,
    ).all() as SeriesWithChats[];
  }

  // A page past the last one still says how many there are.
  private countOnly(params: Record<string, unknown>): number {
    return (
      this.statement(
        `SELECT COUNT(*) AS n FROM (SELECT 1 FROM answer_search f JOIN messages m ON m.rowid = f.rowid
           JOIN sessions s ON s.id = m.session_id WHERE answer_search MATCH @match AND ${FILTERS} LIMIT @cap)`,
      ).get(params) as { n: number }
    ).n;
  }

  private hit(rowid: number, match: string, marks: AnswerSearch['marks']): AnswerHit | undefined {
    return this.statement(
      `SELECT m.address, m.session_id AS sessionId, s.script_id AS seriesId, s.script_json AS scriptJson,
           s.started_at AS startedAt, m.author_name AS authorName, m.question_number AS questionNumber, m.ts,
           snippet(answer_search, 0, @open, @close, '…', 24) AS snippet
         FROM answer_search f JOIN messages m ON m.rowid = f.rowid JOIN sessions s ON s.id = m.session_id
         WHERE answer_search MATCH @match AND f.rowid = @rowid`,
    ).get({ rowid, match, open: marks.open, close: marks.close }) as AnswerHit | undefined;
  }
}
