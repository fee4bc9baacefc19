import { z } from 'zod';
import { UserError } from '../../src/errors/user-error.js';
import { summarizeQuestions } from '../../src/recap/llm-summary.js';
import { runRecapFromTranscript } from '../../src/recap/recap-command.js';
import { RECAP_FORMATS, renderRecapChunks, renderRecaps } from '../../src/recap/render-recap.js';
import { scriptGuests, sessionRecapInput } from '../../src/recap/session-recap-input.js';
import { FileWriteError, writeFileAtomically } from '../../src/recap/write-file-atomically.js';
import { loadScript } from '../../src/script/load-script.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { isTimeZone, TIME_ZONE_HINT } from '../../src/time/formatter-cache.js';
import { parseFlags, UsageError } from '../args.js';
import { loadEnvironment } from '../environment.js';
import type { CommandIO } from './command-io.js';

/** Help for `emcee recap`. */
export const RECAP_HELP = `emcee recap --session <id> | --last            a chat Emcee hosted
emcee recap --transcript <file> --host <name>    a chat held elsewhere (JSONL, CSV or a TAGS archive)

  --format md|html|json|csv   default md
  --out FILE                  default: standard output
  --hashtag TAG               the chat's hashtag (found in the messages when not given)
  --script FILE               take question texts, title, hashtag and timezone from a chat script
  --title TEXT, --timezone TZ for transcripts
  --guest HANDLE              someone answering as the episode's guest (repeatable); named first in the recap
                              (a session takes its guests from its script unless --guest is given)
  --skip-bad                  recap the readable lines and list the others, instead of stopping
  --db FILE                   the database, for --session/--last

With EMCEE_LLM_URL and EMCEE_LLM_MODEL set, each question gets a short AI summary too.`;

const flagsSchema = z
  .object({
    session: z.coerce.number().int().positive().optional(),
    last: z.boolean().optional(),
    transcript: z.string().min(1).optional(),
    host: z.string().min(1).optional(),
    hashtag: z.string().min(1).optional(),
    script: z.string().min(1).optional(),
    title: z.string().min(1).optional(),
    timezone: z.string().refine(isTimeZone, TIME_ZONE_HINT).optional(),
    format: z.enum(RECAP_FORMATS, { message: `one of ${RECAP_FORMATS.join(', ')}` }).default('md'),
    out: z.string().min(1).optional(),
    guest: z.array(z.string().trim().min(1, "give the guest's handle, e.g. --guest ana_lopez")).optional(),
    'skip-bad': z.boolean().optional(),
    db: z.string().min(1).optional(),
    help: z.boolean().optional(),
  })
  .refine((f) => f.help || [f.session !== undefined, f.last, f.transcript !== undefined].filter(Boolean).length === 1, {
    message: 'give exactly one of --session <id>, --last or --transcript <file>',
    path: ['session'],
  })
  .refine((f) => !f.transcript || f.host || f.script, {
    message: 'a transcript needs --host <name> (or --script)',
    path: ['host'],
  });

/** Writes a recap of a stored session or an imported transcript. */
export async function recapCommand(argv: string[], io: CommandIO): Promise<number> {
  const { flags } = parseFlags(
    argv,
    {
      session: { type: 'string' },
      last: { type: 'boolean' },
      transcript: { type: 'string' },
      host: { type: 'string' },
      hashtag: { type: 'string' },
      script: { type: 'string' },
      title: { type: 'string' },
      timezone: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      guest: { type: 'string', multiple: true },
      'skip-bad': { type: 'boolean' },
      db: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    flagsSchema,
  );
  if (flags.help) {
    io.stdout.write(`${RECAP_HELP}\n`);
    return 0;
  }
  const { config, log } = loadEnvironment();
  const guests = flags.guest?.map((handle) => ({ name: handle.replace(/^@/, '') }));
  try {
    if (flags.transcript) {
      const script = flags.script ? loadScript(flags.script) : undefined;
      // One path for transcripts: its typed errors, author hint and repeated-message notice reach the user.
      await runRecapFromTranscript({
        file: flags.transcript,
        format: flags.format,
        host: flags.host ?? script!.host,
        hashtag: flags.hashtag ?? script?.hashtag,
        title: flags.title ?? script?.title,
        timezone: flags.timezone ?? script?.timezone,
        questionTexts: script?.questions.map((q) => q.text),
        guests: guests ?? scriptGuests(script),
        skipBad: flags['skip-bad'],
        out: flags.out,
        stdout: io.stdout,
        stderr: io.stderr,
        llm:
          config.EMCEE_LLM_URL && config.EMCEE_LLM_MODEL
            ? {
                url: config.EMCEE_LLM_URL,
                model: config.EMCEE_LLM_MODEL,
                apiKey: config.EMCEE_LLM_API_KEY,
                timeoutMs: config.EMCEE_LLM_TIMEOUT_MS,
                promptsDir: config.EMCEE_PROMPTS_DIR,
              }
            : undefined,
        log,
      });
      return 0;
    }
    const path = flags.db ?? config.EMCEE_DB;
    const store = ChatStore.openReadOnly(path);
    let input;
    try {
      const id = flags.session ?? store.sessions.recent(1)[0]?.id;
      if (id === undefined) throw new UsageError('There are no sessions yet: run one with "npm start".');
      if (!store.sessions.get(id)) {
        throw new UserError('SESSION_NOT_FOUND', `No session ${id} in ${path}: list them with "emcee sessions".`);
      }
      input = sessionRecapInput(store, id);
      if (guests) input = { ...input, guests };
    } finally {
      store.close();
    }
    const extras = await summarizeQuestions(input, config, log);
    if (flags.out) {
      writeFileAtomically(flags.out, renderRecapChunks(input, flags.format, extras));
      io.stderr.write(`Recap written to ${flags.out}\n`);
    } else io.stdout.write(renderRecaps(input, [flags.format], extras).get(flags.format)!);
    return 0;
  } catch (error) {
    // One line in plain words ("disk full", "folder does not exist"), no stack: the old file is untouched.
    if (!(error instanceof FileWriteError)) throw error;
    io.stderr.write(`${error.message}\n`);
    return 1;
  }
}
