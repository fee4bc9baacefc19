import { hostname, userInfo } from 'node:os';
import { z } from 'zod';
import { cliIdentity } from '../../src/access/host-rights.js';
import { setPublished } from '../../src/access/publishing.js';
import { UserError } from '../../src/errors/user-error.js';
import { ScriptCatalog } from '../../src/script/script-catalog.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { SystemClock } from '../../src/time/clock.js';
import { parseFlags, UsageError } from '../args.js';
import { loadEnvironment } from '../environment.js';
import type { CommandIO } from './command-io.js';

/** Help for `emcee publish` and `emcee unpublish`. */
export const PUBLISH_HELP = `emcee publish <series> [--db FILE]
emcee unpublish <series> [--db FILE]

Publishing a series makes its calendar, its recaps and its search public on the website; unpublishing makes
them visible to signed-in hosts only again (the default). Rehearsals are never shown. The series is a chat
script's name (prompts/<series>.yaml). Hosts can also type "/emcee publish <series>" in Slack or Discord.`;

const flagsSchema = z.object({ db: z.string().min(1).optional(), help: z.boolean().optional() });

/** Publishes (`published` true) or unpublishes a series, writing the database directly. */
export async function publishCommand(published: boolean, argv: string[], io: CommandIO): Promise<number> {
  const { flags, positionals } = parseFlags(
    argv,
    { db: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    flagsSchema,
  );
  if (flags.help) {
    io.stdout.write(`${PUBLISH_HELP}\n`);
    return 0;
  }
  const verb = published ? 'publish' : 'unpublish';
  const [series, ...extra] = positionals;
  if (!series || extra.length > 0)
    throw new UsageError(`Say which one series to ${verb}, e.g. "emcee ${verb} weekly-chat".`);
  const { config } = loadEnvironment();
  const store = ChatStore.open(flags.db ?? config.EMCEE_DB);
  try {
    const by = cliIdentity(userInfo().username, hostname());
    const scripts = new ScriptCatalog(config.EMCEE_PROMPTS_DIR);
    const outcome = setPublished(store, series, published, by, new SystemClock().now(), scripts);
    if (!outcome.ok) throw new UserError('SERIES_UNKNOWN', outcome.text);
    io.stdout.write(`${outcome.text}\n`);
    return 0;
  } finally {
    store.close();
  }
}
