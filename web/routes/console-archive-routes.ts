import type { Hono } from 'hono';
import { html } from 'hono/html';
import { z } from 'zod';
import { type ArchivedSeries, archiveBySeries } from '../archive-query.js';
import { consoleAuthor, consoleHost } from '../console-host.js';
import { consoleNav } from '../console-nav.js';
import { type Markup, page } from '../page-layout.js';
import { setPublished } from '../../src/access/publishing.js';
import { csrfField, type Viewer, type WebEnv } from '../viewer.js';
import type { WebDeps } from '../web-deps.js';

const seriesId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a series id like "weekly-chat"');
const publishSchema = z.object({ series: seriesId, publish: z.enum(['0', '1']) });
const WHAT_PUBLISHING_MEANS = 'Publishing makes its calendar, recaps and search public; nothing else.';

/** The console's Archive: every finished chat by series, each series with its publish switch. */
export function registerConsoleArchiveRoutes(app: Hono<WebEnv>, deps: WebDeps): void {
  app.get('/console/archive', (c) => {
    const changed = seriesId.safeParse(c.req.query('changed'));
    const archive = archiveBySeries(deps.store, deps.scripts?.names() ?? []);
    const notice = changed.success ? changedNotice(archive, changed.data) : undefined;
    return c.html(archivePage(consoleHost(c), archive, notice));
  });

  app.post('/console/archive/publish', async (c) => {
    const host = consoleHost(c);
    const form = publishSchema.safeParse(await c.req.parseBody());
    const archive = archiveBySeries(deps.store, deps.scripts?.names() ?? []);
    if (!form.success || !archive.some((series) => series.seriesId === form.data.series)) {
      return c.html(archivePage(host, archive, 'There is no such series: open the archive again.'), 400);
    }
    const by = consoleAuthor(host);
    const outcome = setPublished(
      deps.store,
      form.data.series,
      form.data.publish === '1',
      by.id,
      deps.clock.now(),
      deps.scripts,
    );
    if (!outcome.ok) return c.html(archivePage(host, archive, outcome.text), 400);
    return c.redirect(`/console/archive?changed=${form.data.series}#series-${form.data.series}`, 303);
  });
}

function changedNotice(archive: ArchivedSeries[], id: string): string | undefined {
  const series = archive.find((s) => s.seriesId === id);
  if (!series) return undefined;
  return series.published
    ? `${id} is published: its calendar, recaps and search are public now.`
    : `${id} is private: only signed-in hosts see its pages now.`;
}

function archivePage(viewer: Viewer, archive: ArchivedSeries[], notice: string | undefined): Markup {
  return page({
    title: 'Archive',
    viewer,
    body: html`${consoleNav('archive')}
<h1>Archive</h1>
${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
<p class="muted">Every finished chat, newest first, published or not. Rehearsals are not listed: they are never
shown publicly.</p>
${archive.length === 0 ? html`<p>No series yet.</p>` : archive.map((series) => seriesSection(viewer, series))}`,
  });
}

function seriesSection(viewer: Viewer, series: ArchivedSeries): Markup {
  const id = series.seriesId;
  return html`<section class="archive-series" id="series-${id}" aria-labelledby="series-${id}-heading">
<h2 id="series-${id}-heading">${id}</h2>
<form class="publish-switch" method="post" action="/console/archive/publish">${csrfField(viewer)}
<input type="hidden" name="series" value="${id}">
<input type="hidden" name="publish" value="${series.published ? '0' : '1'}">
<p><span class="state ${series.published ? 'state-public' : 'state-private'}">${
    series.published ? 'Published' : 'Private'
  }</span> ${
    series.published ? 'Visitors see its calendar, recaps and search.' : 'Only signed-in hosts see its pages.'
  }</p>
<p class="hint" id="publish-${id}-hint">${WHAT_PUBLISHING_MEANS}</p>
<button type="submit" class="${series.published ? 'secondary' : ''}" aria-describedby="publish-${id}-hint">${
    series.published ? `Unpublish ${id}` : `Publish ${id}`
  }</button>
</form>
${series.chats.length === 0 ? html`<p>No finished chats yet.</p>` : chatTable(series)}
</section>`;
}

function chatTable(series: ArchivedSeries): Markup {
  return html`<div class="table-wrap"><table>
<caption class="visually-hidden">Finished chats of ${series.seriesId}, newest first</caption>
<thead><tr><th scope="col">Date</th><th scope="col">Topic</th><th scope="col">Answers</th>
<th scope="col">People</th><th scope="col">Recap</th></tr></thead>
<tbody>${series.chats.map(
    (chat) => html`<tr><td>${chat.date}</td><td>${chat.topic}</td><td class="number">${chat.answers}</td>
<td class="number">${chat.participants}</td>
<td><a href="${chat.recapPath}">Recap<span class="visually-hidden"> of ${chat.date}</span></a>
</td></tr>`,
  )}</tbody>
</table></div>`;
}
