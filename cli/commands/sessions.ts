import { z } from 'zod';
import { ChatStore } from '../../src/store/chat-store.js';
import { parseFlags } from '../args.js';
import { loadEnvironment } from '../environment.js';
import type { CommandIO } from './command-io.js';

/** Help for `emcee sessions`. */
export const SESSIONS_HELP = `emcee sessions [--limit N] [--db FILE]

Lists past and running sessions, newest first, with their counts.`;

const flagsSchema = z.object({
  limit: z.coerce.number().int().positive().max(1000).default(20),
  db: z.string().min(1).optional(),
  help: z.boolean().optional(),
});

/** Lists sessions with message, answer and participant counts. */
export async function sessionsCommand(argv: string[], io: CommandIO): Promise<number> {
  const { flags } = parseFlags(
    argv,
    { limit: { type: 'string' }, db: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    flagsSchema,
  );
  if (flags.help) {
    io.stdout.write(`${SESSIONS_HELP}\n`);
    return 0;
  }
  // Reading only: works on a read-only file and beside a running bot, and never creates an empty database.
  const store = ChatStore.openReadOnly(flags.db ?? loadEnvironment().config.EMCEE_DB);
  try {
    const rows = store.sessions.recent(flags.limit);
    if (rows.length === 0) {
      io.stdout.write('No sessions yet. Run one with "npm start" or "emcee run demo --crowd 12".\n');
      return 0;
    }
    const lines = rows.map((row) => [
      String(row.id),
      new Date(row.started_at).toISOString().replace('T', ' ').slice(0, 16),
      row.script_id,
      row.rehearsal ? `${row.state} (rehearsal)` : row.state,
      String(row.participants),
      String(row.answers),
      String(row.messages),
    ]);
    const header = ['id', 'started (UTC)', 'script', 'state', 'people', 'answers', 'messages'];
    const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
    const format = (cells: string[]) =>
      cells
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd();
    io.stdout.write(`${[format(header), ...lines.map(format)].join('\n')}\n`);
    return 0;
  } finally {
    store.close();
  }
}
