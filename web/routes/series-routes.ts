import type { Hono } from 'hono';
import { html, raw } from 'hono/html';
import { seriesChatDates } from '../../src/recap/recap-dates.js';
import { recapPath } from '../../src/recap/recap-address.js';
import { attendanceChart } from '../../src/recap/svg-charts.js';
import { retentionSentence } from '../../src/recap/trends-text.js';
import { formatDay } from '../../src/time/format-time.js';
import { cachedFormatter } from '../../src/time/formatter-cache.js';
import { upcomingItem } from '../chat-listing.js';
import { page } from '../page-layout.js';
import { seriesAttendance } from '../series-attendance.js';
import { seriesInfo } from '../series-directory.js';
import { upcomingChats } from '../upcoming-chats.js';
import { viewerOf, type WebEnv } from '../viewer.js';
import { canSeeSeries } from '../visibility.js';
import type { WebDeps } from '../web-deps.js';

// Past recaps listed per page, newest first.
const RECAPS_PER_PAGE = 50;
// Chats the attendance chart shows.

/** `/series/<id>`: a series' upcoming episodes, its past recaps and its attendance; 404 when not visible. */
export function registerSeriesRoutes(app: Hono<WebEnv>, deps: WebDeps): void {
  app.get('/series/:id{[^./]+}', (c) => {
    const viewer = viewerOf(c);
    const id = c.req.param('id');
    const info = canSeeSeries(deps.store, viewer, id) ? seriesInfo(deps, id) : undefined;
    if (!info) return c.notFound();
    const upcoming = upcomingChats(deps, [info], 10);
    const past = seriesChatDates(deps.store, id)
      .filter((chat) => chat.ended)
      .reverse();
    const pages = Math.max(1, Math.ceil(past.length / RECAPS_PER_PAGE));
    const pageNumber = Math.min(pages, Math.max(1, Number.parseInt(c.req.query('page') ?? '1', 10) || 1));
    const shown = past.slice((pageNumber - 1) * RECAPS_PER_PAGE, pageNumber * RECAPS_PER_PAGE);
    const trends = seriesAttendance(deps.store, id);
    const attendance = trends?.chats ?? [];
    const shortDate = (at: number) =>
      cachedFormatter('en-US', { timeZone: info.timezone, month: 'short', day: 'numeric' }).format(new Date(at));
    const chart = attendanceChart(
      attendance.map((chat) => ({
        label: shortDate(Date.parse(chat.startedAt)),
        new: chat.new,
        returning: chat.returning,
      })),
    );
    const published = deps.store.published.isPublished(id);
    const body = html`<h1>${info.title}</h1>
<p class="muted">${info.hashtag} · times in ${info.timezone}</p>
${
  published
    ? ''
    : html`<p class="notice">Not published: only hosts see this page.
Publish it from the <a href="/console">console</a>.</p>`
}
<h2>Upcoming chats</h2>
${
  upcoming.length === 0
    ? html`<p class="muted">Nothing planned yet.</p>`
    : html`<ul class="cards">${upcoming.map((chat) => upcomingItem(chat, false))}</ul>`
}
<h2>Attendance over the last chats</h2>
${
  attendance.length === 0
    ? html`<p class="muted">No chat has ended yet.</p>`
    : html`<figure class="attendance">${raw(chart)}<figcaption>People at each of the last
${attendance.length} chats: first-timers, and people who had come before.</figcaption></figure>
<p>${trends ? retentionSentence(trends.retention) : ''}</p>`
}
<h2>Past recaps</h2>
${
  shown.length === 0
    ? html`<p class="muted">No recaps yet: each chat's recap appears here when it ends.</p>`
    : html`<ul class="recaps">${shown.map(
        (
          chat,
        ) => html`<li><a href="${recapPath(chat.seriesId, chat.slug)}">${formatDay(chat.startedAt, chat.timezone)}</a>
${chat.slug.length > 10 ? html` <span class="muted">(chat ${chat.slug.slice(11)} that day)</span>` : ''}</li>`,
      )}</ul>`
}
${pages > 1 ? pager(id, pageNumber, pages) : ''}`;
    return c.html(page({ title: info.title, viewer, body }));
  });
}

function pager(id: string, current: number, pages: number) {
  const link = (n: number, label: string) => html`<a href="/series/${encodeURIComponent(id)}?page=${n}">${label}</a>`;
  return html`<nav class="pager" aria-label="Past recaps">
${current > 1 ? link(current - 1, 'Newer') : ''} <span>Page ${current} of ${pages}</span>
${current < pages ? link(current + 1, 'Older') : ''}</nav>`;
}
