/** A transcript line that could not be read. */
export interface BadLine {
  /** 1-based line number. */
  line: number;
  /** What is wrong, in plain words. */
  problem: string;
}

/** Why a transcript cannot be recapped; callers branch on the code, people read the message. */
export type TranscriptErrorCode =
  /** Some lines cannot be read (and --skip-bad was not given). */
  | 'TRANSCRIPT_INVALID'
  /** The file cannot be opened or its header is not one we know. */
  | 'TRANSCRIPT_UNREADABLE'
  /** Nothing to recap: no readable messages. */
  | 'TRANSCRIPT_EMPTY'
  /** Messages but no questions from the host. */
  | 'TRANSCRIPT_NO_QUESTIONS';

/** The most bad lines a message lists; more would bury the first ones, which are usually the cause. */
export const MAX_LISTED_BAD_LINES = 20;

/** A transcript that cannot be used as it is; the message names the file, the lines and the fix. */
export class TranscriptError extends Error {
  /** Stable code for callers. */
  readonly code: TranscriptErrorCode;
  constructor(
    /** The file read. */
    readonly file: string,
    /** The lines that could not be read. */
    readonly badLines: BadLine[],
    summary?: string,
    code: TranscriptErrorCode = 'TRANSCRIPT_INVALID',
  ) {
    super(summary ?? describeBadLines(file, badLines));
    this.code = code;
    this.name = 'TranscriptError';
  }
}

/** "file:line  problem" for the first 20 bad lines, the count of the rest, and the two ways out. */
export function describeBadLines(file: string, badLines: readonly BadLine[]): string {
  const listed = badLines.slice(0, MAX_LISTED_BAD_LINES).map((b) => `  ${file}:${b.line}  ${b.problem}`);
  const more = badLines.length > MAX_LISTED_BAD_LINES ? [`  … and ${badLines.length - MAX_LISTED_BAD_LINES} more`] : [];
  return [
    `${file} has ${badLines.length} line(s) that cannot be read; nothing was written:`,
    ...listed,
    ...more,
    'Fix them, or pass --skip-bad to recap the rest.',
  ].join('\n');
}
