import { setPublished } from '../access/publishing.js';
import type { ChatCommand } from './command-spec.js';

/** `console`: a one-time link that signs this host in to the website's console. */
export const consoleCommand: ChatCommand = {
  name: 'console',
  hostsOnlyTo: 'open the host console',
  audience: 'host',
  summary: 'A sign-in link to the host console on the website',
  args: [],
  relayFromCli: false,
  async run({ command, services }) {
    const url = services.webSignIn?.(command.by.id, command.by.displayName);
    if (!url) {
      return {
        ok: false,
        text:
          'The website is off here. Set EMCEE_WEB=on (and EMCEE_PUBLIC_URL to the address people open) and ' +
          'restart Emcee; on the server, "emcee signin" prints a link too.',
      };
    }
    return {
      ok: true,
      text: `Your sign-in link to the console, for you only: it works once, within 10 minutes.\n${url}`,
    };
  },
};

/** The command that publishes (or unpublishes) the series it names, in the host's name. */
function publishingCommand(name: 'publish' | 'unpublish', summary: string): ChatCommand {
  const published = name === 'publish';
  return {
    name,
    hostsOnlyTo: `${name} a series`,
    audience: 'host',
    summary,
    args: [
      {
        name: 'series',
        kind: 'text',
        description: 'Series, e.g. weekly-chat',
        required: true,
        hint: `Say which series to ${name}, e.g. "${name} weekly-chat".`,
        example: 'weekly-chat',
      },
    ],
    relayFromCli: false,
    async run({ command, services }, args) {
      const { store, clock, scripts } = services;
      const outcome = setPublished(store, String(args.series), published, command.by.id, clock.now(), scripts);
      return { ok: outcome.ok, text: outcome.text };
    },
  };
}

/** `publish <series>`: the series' calendar, recaps and search become public on the website. */
export const publishCommand = publishingCommand(
  'publish',
  "Make a series' calendar, recaps and search public on the website",
);

/** `unpublish <series>`: the series' pages are for signed-in hosts only again. */
export const unpublishCommand = publishingCommand('unpublish', "Make a series' website pages private again");
