import { type Logger, silentLogger } from '../log.js';
import { streamTranscriptRecapInput } from '../transcript/load-transcript-recap-input.js';
import { type BadLine, MAX_LISTED_BAD_LINES } from '../transcript/transcript-error.js';
import { summarizeQuestions } from './llm-summary.js';
import type { RecapInputGuest } from './recap-input.js';
import { type RecapFormat, renderRecapChunks, renderRecaps } from './render-recap.js';
import { writeFileAtomically } from './write-file-atomically.js';

/** Where text goes: a stream, or anything with a `write`. */
export interface TextSink {
  /** Writes text as it is. */
  write(text: string): unknown;
}

/** An OpenAI-compatible endpoint for the optional AI summary; the entry point fills it from EMCEE_LLM_*. */
export interface LlmOptions {
  /** The chat-completions URL (EMCEE_LLM_URL). */
  url: string;
  /** The model name (EMCEE_LLM_MODEL). */
  model: string;
  /** Sent as a bearer token when set (EMCEE_LLM_API_KEY). */
  apiKey?: string;
  /** Limit per call (default 20 s). */
  timeoutMs?: number;
  /** Where recap-summary.md is (default "prompts"). */
  promptsDir?: string;
}

/** What `emcee recap --transcript` is asked to do. */
export interface RecapFromTranscriptOptions {
  /** The transcript file (JSONL, CSV or a TAGS archive). */
  file: string;
  /** Output format (default md). */
  format?: RecapFormat;
  /** The host whose "Qn" messages are the questions. */
  host: string;
  /** The chat's hashtag; found in the messages when not given. */
  hashtag?: string;
  /** The chat's title. */
  title?: string;
  /** IANA timezone for dates (default UTC). */
  timezone?: string;
  /** Question texts by number, from a chat script. */
  questionTexts?: string[];
  /** The episode's guests (transcript handles, or names with user addresses from a script). */
  guests?: RecapInputGuest[];
  /** Recap the readable lines and list the others, instead of stopping. */
  skipBad?: boolean;
  /** Write the recap to this file; otherwise to `stdout`. */
  out?: string;
  /** Receives the recap when there is no `out`. */
  stdout?: TextSink;
  /** Receives notes for the person running it: skipped lines, dropped repeats, where the file went. */
  stderr?: TextSink;
  /** The AI summary endpoint; without it nothing touches the network. */
  llm?: LlmOptions;
  /** Where the AI summary's failures are logged. */
  log?: Logger;
}

/** What a transcript recap produced. */
export interface RecapFromTranscriptResult {
  /** The recap in the asked format, when it went to `stdout` (with `out` it is streamed to the file, never held). */
  text?: string;
  /** The file written, when `out` was given. */
  path?: string;
  /** Lines left out under `skipBad`. */
  skipped: BadLine[];
  /** Why there is no AI summary although one was configured. */
  notice?: string;
}

/**
 * Recaps a transcript file in one format, for the CLI: nothing is written unless the whole file reads
 * (or `skipBad`), and errors are TranscriptErrors naming the file, the lines and the fix. The file is read
 * as a stream and `out` written atomically (FileWriteError names the path and the cause).
 */
export async function runRecapFromTranscript(options: RecapFromTranscriptOptions): Promise<RecapFromTranscriptResult> {
  const format = options.format ?? 'md';
  const { file, host, hashtag, title, timezone, questionTexts, skipBad, guests } = options;
  const details = { host, hashtag, title, timezone, questionTexts, skipBad, guests };
  const { input, skipped, duplicates } = await streamTranscriptRecapInput(file, details);
  for (const bad of skipped.slice(0, MAX_LISTED_BAD_LINES))
    options.stderr?.write(`skipped ${options.file}:${bad.line}  ${bad.problem}\n`);
  if (skipped.length > MAX_LISTED_BAD_LINES)
    options.stderr?.write(`… and ${skipped.length - MAX_LISTED_BAD_LINES} more skipped\n`);
  if (duplicates > 0) options.stderr?.write(`${duplicates} repeated message(s) in ${options.file} counted once\n`);
  const llm = options.llm;
  const extras = await summarizeQuestions(
    input,
    {
      EMCEE_LLM_URL: llm?.url,
      EMCEE_LLM_MODEL: llm?.model,
      EMCEE_LLM_API_KEY: llm?.apiKey,
      EMCEE_LLM_TIMEOUT_MS: llm?.timeoutMs ?? 20_000,
      EMCEE_PROMPTS_DIR: llm?.promptsDir ?? 'prompts',
    },
    options.log ?? silentLogger,
  );
  const result: RecapFromTranscriptResult = { skipped, ...(extras.notice ? { notice: extras.notice } : {}) };
  if (options.out) {
    writeFileAtomically(options.out, renderRecapChunks(input, format, extras));
    options.stderr?.write(`Recap written to ${options.out}\n`);
    return { ...result, path: options.out };
  }
  const text = renderRecaps(input, [format], extras).get(format)!;
  options.stdout?.write(text);
  return { ...result, text };
}
