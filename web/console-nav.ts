import { html } from 'hono/html';
import type { Markup } from './page-layout.js';

/** The console's pages, in the order the navigation shows them. */
const CONSOLE_PAGES = [
  { id: 'live', label: 'Live', href: '/console' },
  { id: 'plan', label: 'Plan', href: '/console/plan' },
  { id: 'archive', label: 'Archive', href: '/console/archive' },
  { id: 'people', label: 'People', href: '/console/people' },
  { id: 'followups', label: 'Follow-ups', href: '/console/followups' },
] as const;

/** One page of the host console. */
export type ConsolePage = (typeof CONSOLE_PAGES)[number]['id'];

/** The navigation every console page starts with; the current page is marked for screen readers too. */
export function consoleNav(current: ConsolePage): Markup {
  return html`<nav class="console-nav" aria-label="Console">
<ul>${CONSOLE_PAGES.map(
    (p) => html`<li><a href="${p.href}"${p.id === current ? html` aria-current="page"` : ''}>${p.label}</a></li>`,
  )}</ul>
</nav>`;
}
