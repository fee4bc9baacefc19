import type { Context } from 'hono';
import type { InboundAuthor } from '../src/port.js';
import { type SignedInHost, viewerOf, type WebEnv } from './viewer.js';

/** The signed-in host of a console route (requireHost has let only hosts through). */
export function consoleHost(c: Context<WebEnv>): SignedInHost {
  const viewer = viewerOf(c);
  if (viewer.kind !== 'host') throw new Error('A console route ran for a visitor: requireHost is missing.');
  return viewer;
}

/**
 * The host as the command registry sees them when they act from the console. requireHost asked their platform at
 * the start of this very request (a host removed there never gets this far), so the action runs on that answer:
 * one platform call per click, not one per check.
 */
export function consoleAuthor(host: SignedInHost): InboundAuthor {
  return { id: host.identity, displayName: host.name, isBot: false, isHost: true };
}

/** The channel and community a console action is made from (no platform channel: the website). */
export const CONSOLE_ORIGIN = { channel: 'web:console', community: 'web' } as const;
