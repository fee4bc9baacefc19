/**
 * Reads the answer prefix hosts expect ("A1: …", "a1)", "A 1 -", "A1b:", "@host #Chat A3：…").
 * Pure text rules, shared by live sessions and imported transcripts.
 */

/** An answer prefix found at the start of a message. */
export interface AnswerPrefix {
  /** The question number written, e.g. 10 for "A10". */
  number: number;
  /** The part letter of a multi-part answer ("a" for "A1a"), lower-cased. */
  part?: string;
}

// Leading @mentions and #hashtags in plain ("@ana", "#Chat") and platform ("<@U1>", "<#C1|x>") forms.
const LEADING_TAGS = /^(?:\s*(?:<[@#!][^>]*>|[@#][^\s]+))*\s*/u;
// "A" then an optional space, the number, an optional part letter, then a delimiter or a space.
const PREFIX = /^[Aa] ?(\d{1,3})([A-Za-z])?(?=[:：\-–—)./,]|\s)/u;

/** Returns the answer prefix at the start of `text`, or undefined when the message does not start with one. */
export function parseAnswerPrefix(text: string): AnswerPrefix | undefined {
  const rest = text.replace(LEADING_TAGS, '');
  const match = PREFIX.exec(rest);
  if (!match) return undefined;
  const number = Number(match[1]);
  const part = match[2]?.toLowerCase();
  return part ? { number, part } : { number };
}

/** The text after the answer prefix and its delimiter, for display ("A1: Listen first" → "Listen first"). */
export function stripAnswerPrefix(text: string): string {
  const rest = text.replace(LEADING_TAGS, '');
  const match = PREFIX.exec(rest);
  if (!match) return text.trim();
  return rest
    .slice(match[0].length)
    .replace(/^\s*[:：\-–—)./,]?\s*/u, '')
    .trim();
}

// A question posted by a host in a transcript: "Q1: …", "Q 2) …", "#Chat Q3 - …".
const QUESTION = /^[Qq] ?(\d{1,3})(?=[:：\-–—)./,]|\s)/u;

/** Returns the question number when `text` starts with a question marker like "Q3:". */
export function parseQuestionMarker(text: string): number | undefined {
  const match = QUESTION.exec(text.replace(LEADING_TAGS, ''));
  return match ? Number(match[1]) : undefined;
}
