import { recapPathOfSession } from '../../src/recap/recap-dates.js';
import type { Context, Hono } from 'hono';
import { SEARCH_PAGE_SIZE, SEARCH_RESULT_CAP } from '../../src/store/search-repo.js';
import { scriptFacts } from '../search/script-facts.js';
import { type SearchForm, type SeriesOption, searchPage } from '../search/search-page.js';
import { viewerOf, type WebEnv } from '../viewer.js';
import { visibleSeriesFilter } from '../visibility.js';
import type { WebDeps } from '../web-deps.js';

const LAST_PAGE = Math.ceil(SEARCH_RESULT_CAP / SEARCH_PAGE_SIZE);

/**
 * `/search?q=…&series=…&question=…&person=…&page=…`: every answer of the chats this viewer may see (visitors:
 * published series; never rehearsals), a plain GET form that works without JavaScript.
 */
export function registerSearchRoutes(app: Hono<WebEnv>, deps: WebDeps): void {
  app.get('/search', (c) => {
    const viewer = viewerOf(c);
    const visible = visibleSeriesFilter(deps.store, viewer);
    const form = searchFormOf(c);
    const series: SeriesOption[] = deps.store.search
      .seriesWithChats()
      .filter((s) => !visible || visible.has(s.seriesId))
      .map((s) => ({ id: s.seriesId, title: scriptFacts(s.scriptJson, s.seriesId).title }));
    const found = form.q.trim()
      ? deps.store.search.answers({
          text: form.q,
          visibleSeries: visible,
          seriesId: form.series || undefined,
          question: form.question,
          person: form.person || undefined,
          page: form.page,
        })
      : undefined;
    return c.html(searchPage(viewer, form, series, found, (sessionId) => recapPathOfSession(deps.store, sessionId)));
  });
}

// Anything odd in the address is dropped rather than refused: a search page always answers.
function searchFormOf(c: Context<WebEnv>): SearchForm {
  const text = (name: string, max: number) => (c.req.query(name) ?? '').slice(0, max);
  const number = (name: string, max: number) => {
    const value = Number(c.req.query(name));
    return Number.isInteger(value) && value >= 1 && value <= max ? value : undefined;
  };
  return {
    q: text('q', 200),
    series: text('series', 100),
    question: number('question', 50),
    person: text('person', 80).trim(),
    page: number('page', LAST_PAGE) ?? 1,
  };
}
