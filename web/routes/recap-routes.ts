import type { Context, Hono } from 'hono';
import { html, raw } from 'hono/html';
import { buildRecap } from '../../src/recap/build-recap.js';
import { pickHighlights } from '../../src/recap/highlights.js';
import { seriesPath } from '../../src/recap/recap-address.js';
import { chatAtDate } from '../../src/recap/recap-dates.js';
import { type AnswerLink, RECAP_CSS, renderHtmlBody } from '../../src/recap/render-html.js';
import { renderRecaps } from '../../src/recap/render-recap.js';
import { sessionRecapInput } from '../../src/recap/session-recap-input.js';
import { formatDay } from '../../src/time/format-time.js';
import { page } from '../page-layout.js';
import { seriesInfo } from '../series-directory.js';
import { viewerOf, type WebEnv } from '../viewer.js';
import { canSeeSeries } from '../visibility.js';
import type { WebDeps } from '../web-deps.js';

/** The downloads of a recap page: the formats renderRecaps makes, with their media types. */
const DOWNLOADS = {
  md: { type: 'text/markdown; charset=utf-8', label: 'Markdown' },
  csv: { type: 'text/csv; charset=utf-8', label: 'CSV' },
  json: { type: 'application/json; charset=utf-8', label: 'JSON' },
} as const;
type Download = keyof typeof DOWNLOADS;

// "2026-12-03", "2026-12-03-2", each optionally with a download's extension.
const SLUG = /^(\d{4}-\d{2}-\d{2}(?:-\d+)?)(?:\.(md|csv|json))?$/;

/**
 * `/recaps/<series>/<date>`: a chat's recap as the HTML recap shows it (the same renderer, its stylesheet served as
 * /assets/recap.css), with its downloads at `<date>.md`, `.csv` and `.json`, rendered from the store on request.
 * A rehearsal, a chat still running, or a series this viewer may not see: 404.
 */
export function registerRecapRoutes(app: Hono<WebEnv>, deps: WebDeps): void {
  app.get('/assets/recap.css', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(RECAP_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });

  app.get('/recaps/:series/:slug', (c) => {
    const viewer = viewerOf(c);
    const seriesId = c.req.param('series');
    const match = SLUG.exec(c.req.param('slug'));
    if (!match || !canSeeSeries(deps.store, viewer, seriesId)) return c.notFound();
    const chat = chatAtDate(deps.store, seriesId, match[1]!);
    if (!chat?.ended) return c.notFound();
    const input = sessionRecapInput(deps.store, chat.sessionId);
    const format = match[2] as Download | undefined;
    if (format) return download(c, renderRecaps(input, [format]).get(format)!, format, `${seriesId}-${chat.slug}`);
    const recap = buildRecap(input);
    const body = renderHtmlBody(recap, {
      timezone: input.timezone,
      highlights: pickHighlights(recap, input),
      input,
      answerLink: (answer) => answerLink(deps, answer.id),
    });
    const series = seriesInfo(deps, seriesId);
    const base = `/recaps/${encodeURIComponent(seriesId)}/${chat.slug}`;
    const markup = html`<p class="crumbs"><a href="${seriesPath(seriesId)}">${series?.title ?? seriesId}</a></p>
<article class="recap">${raw(body)}</article>
<section class="downloads" aria-labelledby="downloads"><h2 id="downloads">Download this recap</h2>
<ul>${(Object.keys(DOWNLOADS) as Download[]).map(
      (ext) => html`<li><a href="${base}.${ext}" download>${DOWNLOADS[ext].label}</a></li>`,
    )}</ul></section>`;
    return c.html(
      page({
        title: `${recap.title}, ${formatDay(chat.startedAt, chat.timezone)}`,
        viewer,
        body: markup,
        stylesheets: ['/assets/recap.css'],
      }),
    );
  });
}

function download(c: Context<WebEnv>, text: string, format: Download, name: string): Response {
  const file = `${name.replace(/[^A-Za-z0-9._-]/g, '_')}.${format}`;
  c.header('Content-Disposition', `attachment; filename="${file}"`);
  return c.body(text, 200, { 'Content-Type': DOWNLOADS[format].type });
}

// The platform's name from the address, for the link's words; the local room has no permalinks.
function answerLink(deps: WebDeps, address: string): AnswerLink | undefined {
  const href = deps.permalinkOf?.(address);
  if (!href) return undefined;
  const platform = address.startsWith('slack:') ? 'Slack' : address.startsWith('discord:') ? 'Discord' : 'the chat';
  return { href, label: `open in ${platform}` };
}
