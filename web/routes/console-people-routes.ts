import type { Hono } from 'hono';
import { html } from 'hono/html';
import { z } from 'zod';
import { localOf } from '../../src/plan/episode-planner.js';
import { consoleHost } from '../console-host.js';
import { consoleNav } from '../console-nav.js';
import { type Markup, page } from '../page-layout.js';
import { type ProfilePage, type ProfileSort, profilesPage } from '../../src/people/profile-page.js';
import type { PersonProfile } from '../../src/people/profiles.js';
import { communitiesWithPeople, communityZone } from '../people-query.js';
import type { Viewer, WebEnv } from '../viewer.js';
import type { WebDeps } from '../web-deps.js';

/** People shown per page. */
export const PEOPLE_PER_PAGE = 50;

const SORTS = {
  name: { label: 'Name', order: 'ascending' },
  'first-seen': { label: 'First seen', order: 'ascending' },
  chats: { label: 'Chats attended', order: 'descending' },
  answers: { label: 'Answers', order: 'descending' },
  'last-seen': { label: 'Last seen', order: 'descending' },
} as const satisfies Record<ProfileSort, { label: string; order: string }>;
type Sort = keyof typeof SORTS;

// A bad parameter falls back to its default rather than failing the page.
const querySchema = z.object({
  community: z.string().max(200).optional().catch(undefined),
  sort: z.enum(Object.keys(SORTS) as [Sort, ...Sort[]]).catch('chats'),
  q: z.string().trim().max(100).catch(''),
  page: z.coerce.number().int().min(1).catch(1),
});
type PeopleQuery = z.infer<typeof querySchema>;

/** The console's People: a community's members with first seen, chats attended, answers and last seen. */
export function registerConsolePeopleRoutes(app: Hono<WebEnv>, deps: WebDeps): void {
  app.get('/console/people', (c) => {
    const query = querySchema.parse(c.req.query());
    const communities = communitiesWithPeople(deps.store);
    const community = query.community && communities.includes(query.community) ? query.community : communities[0];
    const found: ProfilePage = community
      ? profilesPage(deps.store, community, {
          sort: query.sort,
          nameContains: query.q,
          page: query.page,
          perPage: PEOPLE_PER_PAGE,
        })
      : { profiles: [], total: 0, page: 1, pages: 1 };
    const shown = { ...query, page: found.page, ...(community ? { community } : {}) };
    const zone = community ? communityZone(deps.store, community) : 'UTC';
    const view = { communities, query: shown, rows: found.profiles, total: found.total, pages: found.pages, zone };
    return c.html(peoplePage(consoleHost(c), view));
  });
}

interface PeopleView {
  communities: string[];
  query: PeopleQuery;
  rows: PersonProfile[];
  total: number;
  pages: number;
  zone: string;
}

function link(query: PeopleQuery, change: Partial<PeopleQuery>): string {
  const next = { ...query, ...change };
  const params = new URLSearchParams();
  if (next.community) params.set('community', next.community);
  params.set('sort', next.sort);
  if (next.q) params.set('q', next.q);
  if (next.page > 1) params.set('page', String(next.page));
  return `/console/people?${params}`;
}

function peoplePage(viewer: Viewer, view: PeopleView): Markup {
  const { query } = view;
  const day = (at: number | undefined) => (at === undefined ? '—' : localOf(at, view.zone).slice(0, 10));
  return page({
    title: 'People',
    viewer,
    body: html`${consoleNav('people')}
<h1>People</h1>
${view.communities.length > 1 ? communityPicker(view) : ''}
<form class="people-search" method="get" action="/console/people" role="search">
${query.community ? html`<input type="hidden" name="community" value="${query.community}">` : ''}
<input type="hidden" name="sort" value="${query.sort}">
<label for="people-q">Search by name</label>
<input type="search" id="people-q" name="q" value="${query.q}">
<button type="submit" class="secondary">Search</button>
</form>
<p class="muted" role="status">${view.total} ${view.total === 1 ? 'person' : 'people'}${
      query.q ? html` named like “${query.q}”` : ''
    }. Chats attended and answers count finished chats only, never rehearsals; dates in ${view.zone}.</p>
${
  view.rows.length === 0
    ? html`<p>${query.q ? 'Nobody by that name.' : 'Nobody has taken part in a chat yet.'}</p>`
    : html`<div class="table-wrap"><table class="people">
<caption class="visually-hidden">Members, sorted by ${SORTS[query.sort].label.toLowerCase()}</caption>
<thead><tr>${(Object.keys(SORTS) as Sort[]).map(
        (sort) => html`<th scope="col"${sort === query.sort ? html` aria-sort="${SORTS[sort].order}"` : ''}><a
 href="${link(query, { sort, page: 1 })}">${SORTS[sort].label}</a></th>`,
      )}</tr></thead>
<tbody>${view.rows.map(
        (p) => html`<tr><td>${p.displayName}</td><td>${day(p.firstSeenAt)}</td>
<td class="number">${p.chats.length}</td><td class="number">${p.answers}</td><td>${day(p.lastSeenAt)}</td></tr>`,
      )}</tbody></table></div>`
}
${view.pages > 1 ? pager(query, view.pages) : ''}`,
  });
}

function communityPicker(view: PeopleView): Markup {
  return html`<form class="community-picker" method="get" action="/console/people">
<label for="people-community">Community</label>
<select id="people-community" name="community">${view.communities.map(
    (id) => html`<option value="${id}"${id === view.query.community ? html` selected` : ''}>${id}</option>`,
  )}</select>
<button type="submit" class="secondary">Show</button>
</form>`;
}

function pager(query: PeopleQuery, pages: number): Markup {
  return html`<nav class="pager" aria-label="Pages">
${query.page > 1 ? html`<a href="${link(query, { page: query.page - 1 })}" rel="prev">Previous</a>` : ''}
<span>Page ${query.page} of ${pages}</span>
${query.page < pages ? html`<a href="${link(query, { page: query.page + 1 })}" rel="next">Next</a>` : ''}
</nav>`;
}
