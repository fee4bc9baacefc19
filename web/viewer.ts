import type { Context } from 'hono';
import { html } from 'hono/html';

/** A host signed in on the website. */
export interface SignedInHost {
  kind: 'host';
  /** Their platform identity, e.g. "slack:T1:U2", "discord:U3" or "cli:alice@server". */
  identity: string;
  /** Their name, for the page header. */
  name: string;
  /** This session's CSRF token: every form carries it and every POST must match it. */
  csrf: string;
}

/** Who is looking at a page: a visitor (nothing unpublished) or a signed-in host. */
export type Viewer = { kind: 'visitor' } | SignedInHost;

/** The Hono environment every route shares. */
export interface WebEnv {
  Variables: {
    /** Set by the sign-in middleware before any route runs. */
    viewer: Viewer;
  };
}

/** Who is looking, as the sign-in middleware found them. */
export function viewerOf(c: Context<WebEnv>): Viewer {
  return c.get('viewer') ?? { kind: 'visitor' };
}

/** The hidden field every form of a signed-in page carries. */
export function csrfField(viewer: Viewer) {
  return viewer.kind === 'host' ? html`<input type="hidden" name="_csrf" value="${viewer.csrf}">` : '';
}
