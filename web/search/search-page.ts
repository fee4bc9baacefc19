import { html } from 'hono/html';
import type { SnippetPiece } from '../../src/search/answer-snippet.js';
import type { AnswerSearchPage } from '../../src/store/search-repo.js';
import { SEARCH_PAGE_SIZE, SEARCH_RESULT_CAP } from '../../src/store/search-repo.js';
import { formatDay } from '../../src/time/format-time.js';
import { type Markup, page } from '../page-layout.js';
import type { Viewer } from '../viewer.js';
import { scriptFacts } from './script-facts.js';

/** The search as the address carries it: what was typed and the filters. */
export interface SearchForm {
  /** The words typed. */
  q: string;
  /** A series id, or ''. */
  series: string;
  /** A question number, or undefined. */
  question?: number;
  /** A person's name, or ''. */
  person: string;
  /** 1-based page. */
  page: number;
}

/** A series the filter offers. */
export interface SeriesOption {
  /** Its id. */
  id: string;
  /** Its title. */
  title: string;
}

/** The search page: the form (GET, no script needed), then the results or a hint. */
export function searchPage(
  viewer: Viewer,
  form: SearchForm,
  series: SeriesOption[],
  found: AnswerSearchPage | undefined,
  recapPathOf: (sessionId: number) => string | undefined,
): Markup {
  return page({
    title: form.q ? `Search: ${form.q}` : 'Search',
    viewer,
    body: [
      html`<h1>Search the answers</h1>`,
      searchForm(form, series),
      found
        ? results(form, found, recapPathOf)
        : html`<p class="notice">Type a word or two from an answer: every word must occur,
and the last one may be the start of a word ("mentor" also finds "mentoring"). Filters narrow it to a series, a
question or a person.</p>`,
    ],
  });
}

function searchForm(form: SearchForm, series: SeriesOption[]): Markup {
  return html`<form class="search" method="get" action="/search" role="search">
<div class="search-main"><label for="q">Words</label>
<input id="q" name="q" type="search" value="${form.q}" maxlength="200" autocomplete="off"></div>
<div class="search-filters">
<div><label for="series">Series</label><select id="series" name="series">
<option value="">All series</option>
${series.map((s) => html`<option value="${s.id}"${s.id === form.series ? ' selected' : ''}>${s.title}</option>`)}
</select></div>
<div><label for="question">Question</label>
<input id="question" name="question" type="number" min="1" max="50" inputmode="numeric" value="${form.question ?? ''}">
</div>
<div><label for="person">Person</label><input id="person" name="person" value="${form.person}" maxlength="80"></div>
</div>
<p><button type="submit">Search</button></p>
</form>`;
}

function results(
  form: SearchForm,
  found: AnswerSearchPage,
  recapPathOf: (sessionId: number) => string | undefined,
): Markup {
  if (found.total === 0)
    return html`<p class="notice" role="status">No answer matches. Try fewer words or filters.</p>`;
  const first = (form.page - 1) * SEARCH_PAGE_SIZE + 1;
  const last = first + found.hits.length - 1;
  const count = found.capped ? `${SEARCH_RESULT_CAP.toLocaleString('en')}+` : found.total.toLocaleString('en');
  const order = found.capped
    ? html` More than ${SEARCH_RESULT_CAP.toLocaleString('en')} match: the newest come first. Add a word or a filter
to see the best matches first.`
    : '';
  return html`<p role="status">${count} answer${found.total === 1 ? '' : 's'}${
    found.hits.length ? html`, showing ${first}–${last}` : ''
  }.${order}</p>
<ol class="search-results" start="${first}">
${found.hits.map((hit) => {
  const facts = scriptFacts(hit.scriptJson, hit.seriesId);
  const question = facts.questions[hit.questionNumber - 1];
  return html`<li><p class="snippet">${snippetMarkup(hit.snippet)}</p>
<p class="muted">${hit.authorName || 'someone'} · A${hit.questionNumber}${question ? html` to “${question}”` : ''}<br>
<a href="${recapPathOf(hit.sessionId) ?? '/'}">${facts.title}, ${formatDay(hit.startedAt, facts.timeZone)}</a>
</p></li>`;
})}
</ol>
${pager(form, found)}`;
}

/** A snippet's pieces, each escaped by the template; only the matched words are wrapped in <mark>. */
export function snippetMarkup(pieces: SnippetPiece[]): Markup[] {
  return pieces.map((piece) => (piece.match ? html`<mark>${piece.text}</mark>` : html`${piece.text}`));
}

function pager(form: SearchForm, found: AnswerSearchPage): Markup {
  const pages = Math.max(1, Math.ceil(found.total / SEARCH_PAGE_SIZE));
  if (pages === 1) return html``;
  const link = (to: number, label: string, rel: string) =>
    html`<a href="${searchHref({ ...form, page: to })}" rel="${rel}">${label}</a>`;
  return html`<nav class="pager" aria-label="Result pages">
${form.page > 1 ? link(form.page - 1, '← Previous', 'prev') : ''}
<span>Page ${form.page} of ${pages}</span>
${form.page < pages ? link(form.page + 1, 'Next →', 'next') : ''}
</nav>`;
}

/** The address of a search, with its filters (empty ones left out). */
export function searchHref(form: SearchForm): string {
  const params = new URLSearchParams();
  params.set('q', form.q);
  if (form.series) params.set('series', form.series);
  if (form.question !== undefined) params.set('question', String(form.question));
  if (form.person) params.set('person', form.person);
  if (form.page > 1) params.set('page', String(form.page));
  return `/search?${params.toString()}`;
}
