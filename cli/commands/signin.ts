import { hostname, userInfo } from 'node:os';
import { z } from 'zod';
import { cliIdentity } from '../../src/access/host-rights.js';
import { issueSignInLink, SIGN_IN_LINK_MS, signInUrl } from '../../src/access/sign-in-links.js';
import { webBaseUrl } from '../../src/config/web-base-url.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { SystemClock } from '../../src/time/clock.js';
import { parseFlags } from '../args.js';
import { loadEnvironment } from '../environment.js';
import type { CommandIO } from './command-io.js';

/** Help for `emcee signin`. */
export const SIGNIN_HELP = `emcee signin [--db FILE]

Prints a one-time link that signs you in to the website's host console as the person at this command line
(whoever can run Emcee on the server is a host). It works once, within ${SIGN_IN_LINK_MS / 60_000} minutes. The link
starts with EMCEE_PUBLIC_URL, else http://EMCEE_WEB_HOST:EMCEE_WEB_PORT. In Slack or Discord, hosts type
"/emcee console" instead.`;

const flagsSchema = z.object({ db: z.string().min(1).optional(), help: z.boolean().optional() });

/** Prints a sign-in link for the CLI's user. */
export async function signinCommand(argv: string[], io: CommandIO): Promise<number> {
  const { flags } = parseFlags(argv, { db: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, flagsSchema);
  if (flags.help) {
    io.stdout.write(`${SIGNIN_HELP}\n`);
    return 0;
  }
  const { config } = loadEnvironment();
  const user = userInfo().username;
  const store = ChatStore.open(flags.db ?? config.EMCEE_DB);
  try {
    const token = issueSignInLink(
      store,
      { identity: cliIdentity(user, hostname()), name: user },
      new SystemClock().now(),
    );
    io.stdout.write(`${signInUrl(webBaseUrl(config), token)}\n`);
  } finally {
    store.close();
  }
  const off =
    config.EMCEE_WEB === 'off' ? ' The website is off (EMCEE_WEB=off): it works once "emcee web" serves it.' : '';
  io.stderr.write(`Open it within ${SIGN_IN_LINK_MS / 60_000} minutes; it works once.${off}\n`);
  return 0;
}
