import { fillTemplate } from '../script/fill-template.js';
import type { Wording } from '../script/script-schema.js';
import type { PlatformLimits, UserAddress } from '../port.js';

/** Someone to thank, with what they gave. */
export interface ThankYouParticipant {
  /** Their address on the platform. */
  userId: UserAddress;
  /** Their name. */
  displayName: string;
  /** The mention that pings them, already formatted by the platform. */
  mention: string;
  /** How many answers they gave. */
  answers: number;
  /** The question numbers they answered, ascending. */
  questions: number[];
}

/** One message of thanks, ready to post. */
export interface ThankYouMessage {
  /** Full text. */
  text: string;
  /** Who it pings. */
  mentions: UserAddress[];
  /** Which wording variant thanked whom, for the record. */
  thanked: { userId: UserAddress; answers: number; variant: number }[];
}

/**
 * Writes a personal line for every participant, rotating the script's variants so no two consecutive
 * lines read the same, and packs the lines into as few messages as the platform's limits allow.
 * `seed` shifts the rotation so the same people are not thanked with the same words every week.
 */
export function composeThanks(
  participants: readonly ThankYouParticipant[],
  wording: Pick<Wording, 'thanks' | 'thanksNoAnswers' | 'thanksHeader' | 'answerWords'>,
  context: { hashtag: string; limits: PlatformLimits; seed: number },
): ThankYouMessage[] {
  const answered = participants.filter((p) => p.answers > 0);
  const quiet = participants.filter((p) => p.answers === 0);
  const lines = [
    ...answered.map((p, i) => line(p, wording.thanks, context.seed + i, context.hashtag, wording.answerWords)),
    ...quiet.map((p, i) => line(p, wording.thanksNoAnswers, context.seed + i, context.hashtag, wording.answerWords)),
  ];
  const header = fillTemplate(wording.thanksHeader, { hashtag: context.hashtag });
  return pack(header, lines, context.limits);
}

interface ThankYouLine {
  text: string;
  participant: ThankYouParticipant;
  variant: number;
}

function line(
  p: ThankYouParticipant,
  variants: readonly string[],
  index: number,
  hashtag: string,
  words: { one: string; other: string },
): ThankYouLine {
  const variant = index % variants.length;
  const text = fillTemplate(variants[variant] ?? '', {
    name: p.mention,
    answers: `${p.answers} ${p.answers === 1 ? words.one : words.other}`,
    count: p.answers,
    questions: p.questions.map((n) => `Q${n}`).join(', '),
    hashtag,
  });
  return { text, participant: p, variant };
}

// Greedy in order: each line goes into the current message while text and mention budgets allow.
function pack(header: string, lines: readonly ThankYouLine[], limits: PlatformLimits): ThankYouMessage[] {
  const messages: ThankYouMessage[] = [];
  let current: ThankYouMessage = { text: header, mentions: [], thanked: [] };
  for (const entry of lines) {
    const separator = current.text === '' ? '' : '\n';
    const fitsText = current.text.length + separator.length + entry.text.length <= limits.messageLength;
    const fitsMentions = current.mentions.length < limits.mentionsPerMessage;
    if (!(fitsText && fitsMentions) && current.thanked.length > 0) {
      messages.push(current);
      current = { text: '', mentions: [], thanked: [] };
    }
    current.text += (current.text === '' ? '' : '\n') + entry.text;
    current.mentions.push(entry.participant.userId);
    current.thanked.push({
      userId: entry.participant.userId,
      answers: entry.participant.answers,
      variant: entry.variant,
    });
  }
  if (current.thanked.length > 0 || messages.length === 0) messages.push(current);
  return messages;
}
