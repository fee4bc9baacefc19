import type { TranscriptMessage } from './attribute-transcript.js';
import type { BadLine } from './transcript-error.js';

/** A message read from a transcript with the line it came from, so later checks can name the line. */
export interface TranscriptRow {
  /** 1-based line number where the message starts. */
  line: number;
  /** The message. */
  message: TranscriptMessage;
}

/** What one format's reader found: the readable messages and the lines it could not read. */
export interface TranscriptRows {
  /** Readable messages in file order. */
  rows: TranscriptRow[];
  /** Unreadable lines, in file order. */
  bad: BadLine[];
}
