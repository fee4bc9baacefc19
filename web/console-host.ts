import type { Context } from 'hono';
import type { InboundAuthor } from '../src/port.js';
import { type SignedInHost, viewerOf, type WebEnv } from './viewer.js';
import type { WebDeps } from './web-deps.js';

/** The signed-in host of a console route (requireHost has let only hosts through). */
export function consoleHost(c: Context<WebEnv>): SignedInHost {
  const viewer = viewerOf(c);
  if (viewer.kind !== 'host') throw new Error('A console route ran for a visitor: requireHost is missing.');
  return viewer;
}

/**
 * The host as the command registry sees them when they act from the console: a host only if their platform says
 * so at this moment (a host removed on the platform can no longer act, even while signed in).
 */
export async function actingHost(deps: WebDeps, host: SignedInHost): Promise<InboundAuthor> {
  const isHost = deps.hostRights ? await deps.hostRights(host.identity) : true;
  return { id: host.identity, displayName: host.name, isBot: false, isHost };
}

/** The channel and community a console action is made from (no platform channel: the website). */
export const CONSOLE_ORIGIN = { channel: 'web:console', community: 'web' } as const;
