import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Viewer } from './viewer.js';

/** Markup built with hono's `html` template: every interpolated value is escaped unless wrapped in raw(). */
export type Markup = HtmlEscapedString | Promise<HtmlEscapedString>;

/** What one page puts in the shared frame. */
export interface PageParts {
  /** The <title> and the page's heading. */
  title: string;
  /** Who is looking (the header shows the console and sign-out to hosts). */
  viewer: Viewer;
  /** The page's content. */
  body: Markup | Markup[];
  /** Scripts of this page, served by the site itself (the CSP allows nothing else). */
  scripts?: string[];
  /** Stylesheets of this page besides the site's, served by the site itself (the recap page's). */
  stylesheets?: string[];
}

/**
 * The frame every page shares: a skip link, the site's navigation, one <main>, the stylesheet. No external
 * requests; pages work without JavaScript and only the live parts load a script.
 */
export function page(parts: PageParts): Markup {
  const host = parts.viewer.kind === 'host' ? parts.viewer : undefined;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${parts.title} · Emcee</title>
<link rel="stylesheet" href="/assets/site.css">
${(parts.stylesheets ?? []).map((href) => html`<link rel="stylesheet" href="${href}">`)}
${(parts.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`)}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
<nav aria-label="Site">
<a class="brand" href="/">Emcee</a>
<a href="/search">Search</a>
<a href="/calendar.ics">Calendar</a>
${
  host
    ? html`<a href="/console">Console</a>
<form class="inline" method="post" action="/signout"><input type="hidden" name="_csrf" value="${host.csrf}">
<button type="submit">Sign out ${host.name}</button></form>`
    : ''
}
</nav>
</header>
<main id="main">
${parts.body}
</main>
</body>
</html>`;
}
