import * as fs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { plainCause } from '../errors/plain-cause.js';

export { plainCause };

/** The file calls a write makes; tests pass failing ones (root ignores permissions, so chmod cannot). */
export type FileCalls = Pick<typeof fs, 'openSync' | 'writeSync' | 'fsyncSync' | 'closeSync' | 'renameSync' | 'rmSync'>;

/** A file that could not be written; the message names the path and the cause in plain words, on one line. */
export class FileWriteError extends Error {
  /** Stable code for callers. */
  readonly code = 'FILE_WRITE_FAILED';
  constructor(
    /** The file that was to be written. */
    readonly path: string,
    /** The cause in plain words, e.g. "disk full". */
    readonly reason: string,
  ) {
    super(`Could not write ${path}: ${reason}.`);
    this.name = 'FileWriteError';
  }
}

// Writes reach the disk in pieces of about this size: big enough to be fast, small enough to hold.
const BATCH_CHARS = 1024 * 1024;

/**
 * Writes `content` (a string, or chunks for output too big for one string) to a temporary file beside `path`,
 * then renames it over `path`: a reader sees the old file or the new one, never half of one, and when the
 * write fails the old file is left as it was. Throws FileWriteError.
 */
export function writeFileAtomically(path: string, content: string | Iterable<string>, calls: FileCalls = fs): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  let fd: number | undefined;
  try {
    fd = calls.openSync(temp, 'wx', 0o644);
    let batch = '';
    for (const chunk of typeof content === 'string' ? [content] : content) {
      batch += chunk;
      if (batch.length >= BATCH_CHARS) {
        writeAll(calls, fd, batch);
        batch = '';
      }
    }
    if (batch) writeAll(calls, fd, batch);
    calls.fsyncSync(fd);
    calls.closeSync(fd);
    fd = undefined;
    calls.renameSync(temp, path);
  } catch (error) {
    if (fd !== undefined) ignoreFailure(() => calls.closeSync(fd!));
    ignoreFailure(() => calls.rmSync(temp, { force: true }));
    throw new FileWriteError(path, plainCause(error));
  }
}

function writeAll(calls: FileCalls, fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let written = 0;
  while (written < bytes.length) written += calls.writeSync(fd, bytes, written, bytes.length - written);
}

function ignoreFailure(run: () => void): void {
  try {
    run();
  } catch {
    // Already failing: the first cause is the one worth reporting.
  }
}
