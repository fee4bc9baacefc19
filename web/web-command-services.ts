import type { CommandServices } from '../src/commands/command-spec.js';
import { EpisodePlanner } from '../src/plan/episode-planner.js';
import type { ChannelAddress } from '../src/port.js';
import type { SessionRunner } from '../src/session/session-runner.js';
import type { WebDeps } from './web-deps.js';

/** Why the website alone cannot do what only a connected bot can. */
export const NEEDS_THE_BOT =
  'This needs the bot connected to Slack or Discord: run "npm start" with the platform set up.';

/**
 * The services the chat commands run on when the console acts: the bot's own when the bot serves the site, else
 * a small set over the store, the series' scripts and a planner (`emcee web` runs with no platform). What only a
 * platform can do answers plainly that it needs the bot.
 */
export function webCommandServices(deps: WebDeps): CommandServices {
  const fromBot = deps.bot?.commandServices?.();
  if (fromBot) return fromBot;
  const { store, scripts, clock } = deps;
  const planner = scripts ? new EpisodePlanner({ store, scripts, clock }) : undefined;
  return {
    store,
    scripts,
    planner,
    async startSession(): Promise<SessionRunner> {
      throw new Error(NEEDS_THE_BOT);
    },
    describeNext: () => `The schedule is kept by the running bot. ${NEEDS_THE_BOT}`,
    describeLastRecap: () => 'Every finished chat is in the console\u2019s Archive.',
    // The name the person last wrote under anywhere Emcee saw them; without a platform, the address's last part.
    async nameOf(user: string): Promise<string> {
      const row = store.db
        .prepare('SELECT display_name FROM participants WHERE user_id = ? ORDER BY first_seen_at DESC LIMIT 1')
        .get(user) as { display_name: string } | undefined;
      return row?.display_name ?? user.split(':').at(-1) ?? user;
    },
    resolveChannel: (): ChannelAddress | undefined => undefined,
    openDirectChannel: async (): Promise<ChannelAddress | undefined> => undefined,
    // Without a platform nobody can be reached privately; the commands that need it say so.
    sendPrivately: async () => false,
    tellHosts: async () => undefined,
    mentionOf: (_user, displayName) => displayName,
    recapDir: deps.config.recapDir,
    clock,
  };
}
