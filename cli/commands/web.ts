import { z } from 'zod';
import { ScriptCatalog } from '../../src/script/script-catalog.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { parseFlags } from '../args.js';
import { loadEnvironment } from '../environment.js';
import { watchSignals } from '../signals.js';
import { platformLinks, siteAddress, startWeb } from '../web-launch.js';
import { hostRightsFrom } from '../../src/access/host-rights.js';
import type { CommandIO } from './command-io.js';

/** Help for `emcee web`. */
export const WEB_HELP = `emcee web [--db FILE] [--port N] [--host ADDRESS]

Serves the website and the host console from the database, with no chat running: the calendar, the
archive of recaps, search, and the console's plan, archive and people pages (the live page needs the
bot). For hosting the archive apart from the bot; \`npm start\` serves the same site beside the chats.

  --db FILE         SQLite database (default: EMCEE_DB or data/emcee.db)
  --port N          port (default: EMCEE_WEB_PORT or 8787)
  --host ADDRESS    address to listen on (default: EMCEE_WEB_HOST or 127.0.0.1)

Visitors see only published series; hosts sign in with a link from "/emcee console" or "emcee signin".`;

const flagsSchema = z.object({
  db: z.string().min(1).optional(),
  port: z.coerce.number().int('must be a whole number').min(0).max(65535).optional(),
  host: z.string().min(1).optional(),
  help: z.boolean().optional(),
});

/** Serves the site until Ctrl-C or SIGTERM. */
export async function webCommand(argv: string[], io: CommandIO): Promise<number> {
  const { flags } = parseFlags(
    argv,
    { db: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, help: { type: 'boolean' } },
    flagsSchema,
  );
  if (flags.help) {
    io.stdout.write(`${WEB_HELP}\n`);
    return 0;
  }
  const environment = loadEnvironment();
  const config = {
    ...environment.config,
    EMCEE_WEB_PORT: flags.port ?? environment.config.EMCEE_WEB_PORT,
    EMCEE_WEB_HOST: flags.host ?? environment.config.EMCEE_WEB_HOST,
  };
  const store = ChatStore.open(flags.db ?? config.EMCEE_DB);
  const signals = watchSignals();
  try {
    const web = await startWeb({
      config,
      store,
      log: environment.log,
      scripts: new ScriptCatalog(config.EMCEE_PROMPTS_DIR),
      // No platform is connected: only "emcee signin" links (people at this server) sign in.
      extra: { hostRights: hostRightsFrom([]), ...platformLinks([]) },
    });
    io.stdout.write(
      `The website is up: open ${siteAddress(config, web)}/ (Ctrl-C stops it). Hosts sign in with "emcee signin".\n`,
    );
    await signals.terminated;
    await web.close();
    return 0;
  } finally {
    signals.dispose();
    store.close();
  }
}
