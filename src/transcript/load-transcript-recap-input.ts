import type { RecapInput } from '../recap/recap-input.js';
import { parseQuestionMarker } from '../attribution/answer-prefix.js';
import {
  type ReadTranscriptOptions,
  type ReadTranscriptResult,
  readTranscript,
  streamTranscript,
} from './read-transcript.js';
import { type BadLine, TranscriptError } from './transcript-error.js';
import { recapInputFromMessages, type TranscriptDetails } from './transcript-recap-input.js';

/** A transcript file ready to recap, with what was left out on the way. */
export interface LoadedTranscript {
  /** The neutral recap input. */
  input: RecapInput;
  /** Lines left out under `skipBad`. */
  skipped: BadLine[];
  /** Exact repeats dropped. */
  duplicates: number;
}

/**
 * Reads, sorts and attributes a transcript file and turns it into the neutral recap input. Throws a
 * TranscriptError (with a code) for bad lines, an empty file, or a host who asked no questions.
 */
export function loadTranscriptRecapInput(
  file: string,
  details: TranscriptDetails & ReadTranscriptOptions,
): LoadedTranscript {
  return recapInputOf(readTranscript(file, details), file, details);
}

/** The same, reading the file as a stream: for transcripts of any size. */
export async function streamTranscriptRecapInput(
  file: string,
  details: TranscriptDetails & ReadTranscriptOptions,
): Promise<LoadedTranscript> {
  return recapInputOf(await streamTranscript(file, details), file, details);
}

function recapInputOf(read: ReadTranscriptResult, file: string, details: TranscriptDetails): LoadedTranscript {
  const { messages, skipped, duplicates } = read;
  const input = recapInputFromMessages(messages, details);
  // With a script the questions' texts are known, so a recap still says what was asked; without one
  // there would be nothing to recap but chatter.
  if (!input.questions.some((q) => q.askedAt !== undefined) && !details.questionTexts?.length) {
    throw new TranscriptError(
      file,
      [],
      `No questions found in ${file}: the host "${details.host}" posted no message starting "Q1", "Q2"… ` +
        `Check --host (authors in the file include ${likelyHosts(input.messages)}), ` +
        'or give the questions with --script.',
      'TRANSCRIPT_NO_QUESTIONS',
    );
  }
  return { input, skipped, duplicates };
}

// Whoever wrote "Qn" messages is most likely the host the user meant: they come first, then the busiest.
function likelyHosts(messages: readonly { author: string; text: string }[]): string {
  const counts = new Map<string, number>();
  for (const { author, text } of messages) {
    const weight = parseQuestionMarker(text) === undefined ? 1 : 1_000_000;
    counts.set(author, (counts.get(author) ?? 0) + weight);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 5)
    .map(([author]) => `"${author}"`)
    .join(', ');
}
