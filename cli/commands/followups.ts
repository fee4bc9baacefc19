import { z } from 'zod';
import { UserError } from '../../src/errors/user-error.js';
import { followUpsFor } from '../../src/people/follow-ups.js';
import { renderFollowUps } from '../../src/people/render-follow-ups.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { formatDay } from '../../src/time/format-time.js';
import { parseFlags, UsageError } from '../args.js';
import { loadEnvironment } from '../environment.js';
import type { CommandIO } from './command-io.js';

/** Help for `emcee followups`. */
export const FOLLOWUPS_HELP = `emcee followups [series] [--session N] [--json] [--db FILE]

The hosts' follow-up list of a chat: first-timers with their first answer, regulars who missed it (at least
3 of the series' previous 5 chats), questions to the hosts or guests nobody answered, and the answers that
drew the most replies. By default the latest finished chat (of the series when one is named); rehearsals
have none. --json prints the list as JSON (see "The host's follow-up list" in the README).`;

const flagsSchema = z.object({
  session: z.coerce.number().int().positive().optional(),
  json: z.boolean().optional(),
  db: z.string().min(1).optional(),
  help: z.boolean().optional(),
});

/** Prints the follow-up list of one chat, reading the database only. */
export async function followupsCommand(argv: string[], io: CommandIO): Promise<number> {
  const { flags, positionals } = parseFlags(
    argv,
    {
      session: { type: 'string' },
      json: { type: 'boolean' },
      db: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    flagsSchema,
  );
  if (flags.help) {
    io.stdout.write(`${FOLLOWUPS_HELP}\n`);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError(`Name one series at most (got ${positionals.join(', ')}).`);
  const series = positionals[0];
  // Reading only: works on a read-only file and beside a running bot, and never creates an empty database.
  const store = ChatStore.openReadOnly(flags.db ?? loadEnvironment().config.EMCEE_DB);
  try {
    const sessionId = flags.session ?? store.sessions.lastEnded(series)?.id;
    if (sessionId === undefined) {
      throw new UserError(
        'SESSION_NOT_FOUND',
        series
          ? `No finished chat of the series "${series}" yet. List chats with "emcee sessions".`
          : 'No finished chat yet. List chats with "emcee sessions".',
      );
    }
    const list = followUpsFor(store, sessionId);
    if (series && list.seriesId !== series) {
      throw new UsageError(`Session ${sessionId} is a chat of "${list.seriesId}", not of "${series}".`);
    }
    if (flags.json) {
      io.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
      return 0;
    }
    const timezone = (JSON.parse(store.sessions.get(sessionId)!.script_json) as { timezone?: string }).timezone;
    io.stdout.write(
      `${renderFollowUps(list, { day: (iso) => (timezone ? formatDay(iso, timezone) : iso.slice(0, 10)) })}\n`,
    );
    return 0;
  } finally {
    store.close();
  }
}
