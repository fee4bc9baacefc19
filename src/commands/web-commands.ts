import { setPublished } from '../access/publishing.js';
import type { ArgSpec, ChatCommand } from './command-spec.js';

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

const seriesArg = (verb: string): ArgSpec => ({
  name: 'series',
  kind: 'text',
  description: 'Series, e.g. weekly-chat',
  required: true,
  hint: `Say which series to ${verb}, e.g. "${verb} weekly-chat".`,
  example: 'weekly-chat',
});

/** `publish <series>`: the series' calendar, recaps and search become public on the website. */
export const publishCommand: ChatCommand = {
  name: 'publish',
  hostsOnlyTo: 'publish a series',
  audience: 'host',
  summary: "Make a series' calendar, recaps and search public on the website",
  args: [seriesArg('publish')],
  relayFromCli: false,
  async run({ command, services }, args) {
    const outcome = setPublished(
      services.store,
      String(args.series),
      true,
      command.by.id,
      services.clock.now(),
      services.scripts,
    );
    return { ok: outcome.ok, text: outcome.text };
  },
};

/** `unpublish <series>`: the series' pages are for signed-in hosts only again. */
export const unpublishCommand: ChatCommand = {
  name: 'unpublish',
  hostsOnlyTo: 'unpublish a series',
  audience: 'host',
  summary: "Make a series' website pages private again",
  args: [seriesArg('unpublish')],
  relayFromCli: false,
  async run({ command, services }, args) {
    const outcome = setPublished(
      services.store,
      String(args.series),
      false,
      command.by.id,
      services.clock.now(),
      services.scripts,
    );
    return { ok: outcome.ok, text: outcome.text };
  },
};
