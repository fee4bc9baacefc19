import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { RecapInput } from '../../src/recap/recap-input.js';
import { RECAP_FORMATS, renderRecaps } from '../../src/recap/render-recap.js';
import { sessionRecapInput } from '../../src/recap/session-recap-input.js';
import { summarizeQuestions } from '../../src/recap/llm-summary.js';
import { loadScript } from '../../src/script/load-script.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { isTimeZone, TIME_ZONE_HINT } from '../../src/time/formatter-cache.js';
import { attributeTranscript } from '../../src/transcript/attribute-transcript.js';
import { readTranscript } from '../../src/transcript/read-transcript.js';
import { transcriptRecapInput } from '../../src/transcript/transcript-recap-input.js';
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
    'skip-bad': z.boolean().optional(),
    db: z.string().min(1).optional(),
    help: z.boolean().optional(),
  })
  .refine((f) => f.help || [f.session !== undefined, f.last, f.transcript !== undefined].filter(Boolean).length === 1, {
    message: 'give exactly one of --session <id>, --last or --transcript <file>',
    path: ['session'],
  })
  .refine((f) => !f.transcript || f.host || f.script, { message: 'a transcript needs --host <name> (or --script)', path: ['host'] });

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
  let input: RecapInput;
  if (flags.transcript) {
    const script = flags.script ? loadScript(flags.script) : undefined;
    const { messages, skipped } = readTranscript(flags.transcript, { skipBad: flags['skip-bad'] });
    for (const bad of skipped.slice(0, 20)) io.stderr.write(`skipped ${flags.transcript}:${bad.line}  ${bad.problem}\n`);
    if (skipped.length > 20) io.stderr.write(`… and ${skipped.length - 20} more skipped\n`);
    const host = flags.host ?? script!.host;
    const attributed = attributeTranscript(messages, [host]);
    if (attributed.questions.length === 0 && !script) {
      io.stderr.write(
        `No questions found in ${flags.transcript}: the host "${host}" posted no message starting "Q1", "Q2"… ` +
          'Check --host, or give the questions with --script.\n',
      );
      return 1;
    }
    input = transcriptRecapInput(attributed, {
      host,
      hashtag: flags.hashtag ?? script?.hashtag,
      title: flags.title ?? script?.title,
      timezone: flags.timezone ?? script?.timezone,
      questionTexts: script?.questions.map((q) => q.text),
    });
  } else {
    const store = ChatStore.open(flags.db ?? config.EMCEE_DB);
    try {
      const id = flags.session ?? store.sessions.recent(1)[0]?.id;
      if (id === undefined) throw new UsageError('There are no sessions yet: run one with "npm start".');
      input = sessionRecapInput(store, id);
    } finally {
      store.close();
    }
  }
  const extras = await summarizeQuestions(input, config, log);
  const text = renderRecaps(input, [flags.format], extras).get(flags.format)!;
  if (flags.out) {
    writeFileSync(flags.out, text);
    io.stderr.write(`Recap written to ${flags.out}\n`);
  } else io.stdout.write(text);
  return 0;
}
