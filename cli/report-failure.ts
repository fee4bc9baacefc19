import { ConfigError } from '../src/config/core-config.js';
import { explainFailure } from '../src/errors/explain-failure.js';
import { UserError } from '../src/errors/user-error.js';
import { FileWriteError } from '../src/recap/write-file-atomically.js';
import { ScriptError } from '../src/script/load-script.js';
import { TranscriptError } from '../src/transcript/transcript-error.js';
import { UsageError } from './args.js';

/** What to print for a failed command, and its exit code. */
export interface FailureReport {
  /** The text for stderr, ending in a newline. */
  text: string;
  /** 2 for a command line that cannot be used, 1 for anything else. */
  code: number;
}

// Failures whose message is already written for the person running Emcee (file, field and fix).
const EXPLAINED = [UserError, ScriptError, ConfigError, TranscriptError, FileWriteError];

/**
 * Turns a failure into what the person reads: its own words for an expected failure; a plain line for
 * a low-level one a person can fix (a damaged database, a full disk, a missing folder); the first line of
 * anything else, with where to find more. The stack only with `debug` (EMCEE_LOG_LEVEL=debug).
 */
export function reportFailure(error: unknown, command: string, help: string, debug: boolean): FailureReport {
  if (error instanceof UsageError) return { text: `${error.message}\n\n${help}\n`, code: 2 };
  const explained = EXPLAINED.some((type) => error instanceof type) ? (error as Error) : explainFailure(error);
  const line = explained
    ? explained.message
    : `emcee ${command} failed: ${firstLine(error)}` +
      (debug ? '' : ' (run again with EMCEE_LOG_LEVEL=debug for the details, and please report it)');
  return { text: `${line}\n${debug ? stackOf(error) : ''}`, code: 1 };
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}

// The stack of the error and of each cause behind it.
function stackOf(error: unknown): string {
  let text = '';
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth++) {
    text += `${depth === 0 ? '' : 'Caused by: '}${cause.stack ?? cause.message}\n`;
  }
  return text;
}
