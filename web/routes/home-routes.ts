import type { Hono } from 'hono';
import { html } from 'hono/html';
import { seriesPath } from '../../src/recap/recap-address.js';
import { recapItem, upcomingItem } from '../chat-listing.js';
import { page } from '../page-layout.js';
import { latestRecaps } from '../recap-list.js';
import { knownSeriesIds, type SeriesInfo, seriesInfo } from '../series-directory.js';
import { upcomingChats } from '../upcoming-chats.js';
import { viewerOf, type WebEnv } from '../viewer.js';
import { visibleSeriesFilter } from '../visibility.js';
import type { WebDeps } from '../web-deps.js';

/** `/`: the series this viewer may see, the next chats and the latest recaps. */
export function registerHomeRoutes(app: Hono<WebEnv>, deps: WebDeps): void {
  app.get('/', (c) => {
    const viewer = viewerOf(c);
    const visible = visibleSeriesFilter(deps.store, viewer);
    const ids = visible ? [...visible].sort() : knownSeriesIds(deps);
    const series = ids.flatMap((id) => seriesInfo(deps, id) ?? []);
    const byId = new Map(series.map((info) => [info.id, info]));
    const upcoming = upcomingChats(deps, series, 8);
    const recaps = latestRecaps(deps, ids, 10);
    const nothingPublished = viewer.kind === 'host' && deps.store.published.all().size === 0;
    const body = html`<h1>The chats</h1>
${
  nothingPublished
    ? html`<p class="notice">Nothing is published yet, so visitors see no chats.
Publish a series from the <a href="/console">console</a>'s archive.</p>`
    : ''
}
${series.length === 0 ? emptyState(viewer.kind === 'host') : seriesList(series)}
<h2>Next chats</h2>
${
  upcoming.length === 0
    ? html`<p class="muted">No chat is planned yet.</p>`
    : html`<ul class="cards">${upcoming.map((chat) => upcomingItem(chat, true))}</ul>`
}
<h2>Latest recaps</h2>
${
  recaps.length === 0
    ? html`<p class="muted">No recaps yet: each chat's recap appears here when it ends.</p>`
    : html`<ul class="cards">${recaps.map((entry) => recapItem(entry, byId.get(entry.chat.seriesId), true))}</ul>`
}`;
    return c.html(page({ title: 'The chats', viewer, body }));
  });
}

function emptyState(host: boolean) {
  return host
    ? html`<p class="notice">No series yet: add a chat script to the prompts folder, or run a chat.</p>`
    : html`<p class="notice">No chats published yet. Come back when the hosts have published a series.</p>`;
}

function seriesList(series: SeriesInfo[]) {
  return html`<h2>Series</h2>
<ul class="cards">${series.map(
    (info) =>
      html`<li><a href="${seriesPath(info.id)}">${info.title}</a> <span class="muted">${info.hashtag}</span></li>`,
  )}</ul>`;
}
