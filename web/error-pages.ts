import { html } from 'hono/html';
import { page, type Markup } from './page-layout.js';
import type { Viewer } from './viewer.js';

/** The page for anything not found, or not visible to this viewer (the two look the same on purpose). */
export function notFoundPage(viewer: Viewer): Markup {
  return page({
    title: 'Not found',
    viewer,
    body: html`<h1>Not found</h1><p>There is no page here. <a href="/">Back to the chats</a>.</p>`,
  });
}

/** The page for a failure of ours; the details go to the log, not to the browser. */
export function failurePage(viewer: Viewer): Markup {
  return page({
    title: 'Something went wrong',
    viewer,
    body: html`<h1>Something went wrong</h1><p>That did not work on our side, and it has been logged.
Try again in a moment. <a href="/">Back to the chats</a>.</p>`,
  });
}
