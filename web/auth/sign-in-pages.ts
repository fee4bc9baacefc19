import { html } from 'hono/html';
import { SIGN_IN_LINK_MS } from '../../src/access/sign-in-links.js';
import { page, type Markup } from '../page-layout.js';
import type { Viewer } from '../viewer.js';

const MINUTES = SIGN_IN_LINK_MS / 60_000;

const howToGetALink = html`<p>To get a sign-in link, type <code>/emcee console</code> in Slack or Discord (hosts
only), or run <code>emcee signin</code> on the server that runs Emcee. Each link works once, within ${MINUTES}
minutes.</p>`;

/** How hosts sign in; shown at /signin and to visitors who open a host-only page. */
export function signInExplainerPage(viewer: Viewer, why?: string): Markup {
  if (viewer.kind === 'host') {
    return page({
      title: 'Signed in',
      viewer,
      body: html`<h1>Signed in</h1>
<p>You are signed in as ${viewer.name}. <a href="/console">Open the console</a>.</p>`,
    });
  }
  return page({
    title: 'Sign in',
    viewer,
    body: html`<h1>Sign in</h1>${why ? html`<p class="notice">${why}</p>` : ''}
<p>The console is for the community's hosts: the live chat, the plan, the archive and its people.</p>
${howToGetALink}`,
  });
}

/**
 * A valid link's page: one button. Signing in takes a POST, so the link previews Slack and Discord fetch do not
 * use the link up.
 */
export function signInOfferPage(viewer: Viewer, name: string, token: string): Markup {
  return page({
    title: 'Sign in',
    viewer,
    body: html`<h1>Sign in to the console</h1>
<p>This link signs you in as ${name}, for 7 days or until you sign out.</p>
<form method="post" action="/signin/${token}"><button type="submit">Sign in as ${name}</button></form>`,
  });
}

/** Why a sign-in link no longer works; it offers nothing but how to get a new one. */
export function linkRefusedPage(viewer: Viewer, why: 'used' | 'expired' | 'unknown'): Markup {
  const heading = {
    used: 'This sign-in link was already used',
    expired: 'This sign-in link has expired',
    unknown: 'This sign-in link does not work',
  }[why];
  const detail = {
    used: 'Each link signs in once. If that was not you, sign in again and tell the other hosts.',
    expired: `Links work for ${MINUTES} minutes.`,
    unknown: 'It may have been copied only in part.',
  }[why];
  return page({ title: heading, viewer, body: html`<h1>${heading}</h1><p>${detail}</p>${howToGetALink}` });
}

/** Told to a signed-in person the platform no longer counts as a host: they were signed out. */
export function rightsRemovedPage(): Markup {
  return page({
    title: 'Signed out',
    viewer: { kind: 'visitor' },
    body: html`<h1>You were signed out</h1>
<p>You are no longer a host of this community, so the console is closed to you. If that is a mistake, ask
another host to give you host rights again, then sign in with a new link.</p>`,
  });
}

/** When the platform could not be asked whether someone still hosts: nothing was done. */
export function rightsUnknownPage(viewer: Viewer): Markup {
  return page({
    title: 'Try again',
    viewer,
    body: html`<h1>Try again in a moment</h1>
<p>Emcee could not check your host rights with Slack or Discord just now, so it did nothing. Reload the page
to try again. If this website runs without the bot (<code>emcee web</code>), Slack and Discord cannot be asked:
sign in with a link from <code>emcee signin</code> on the server instead.</p>`,
  });
}

/** A POST without this session's CSRF token (a stale page, another site's form, or nobody signed in). */
export function csrfRefusedPage(viewer: Viewer): Markup {
  return page({
    title: 'Not done',
    viewer,
    body: html`<h1>That was not done</h1>
<p>${
      viewer.kind === 'host'
        ? 'This form is out of date or came from another page. Go back, reload the page and try again.'
        : 'Only signed-in hosts can do that, and you are not signed in (or your session ended).'
    } <a href="/signin">How to sign in</a>.</p>`,
  });
}
