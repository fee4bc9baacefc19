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

type ThanksWording = Pick<Wording, 'thanks' | 'thanksNoAnswers' | 'thanksHeader' | 'answerWords'>;

// How far ahead packing may look for a line that fills the end of a message.
const LOOKAHEAD = 40;

/**
 * Writes a personal line for every participant and packs the lines into as few messages as the
 * platform's limits allow. Variants rotate (`seed` shifts the rotation week to week) and no two
 * consecutive lines use the same one. A line is never split across messages; when the next line does not
 * fit the end of a message, a later participant whose line (in any allowed variant) fits is moved up,
 * so messages are filled before a new one starts.
 */
export function composeThanks(
  participants: readonly ThankYouParticipant[],
  wording: ThanksWording,
  context: { hashtag: string; limits: PlatformLimits; seed: number },
): ThankYouMessage[] {
  const { limits } = context;
  // People who answered come first, then those who only chatted.
  const pending = [...participants.filter((p) => p.answers > 0), ...participants.filter((p) => p.answers === 0)];
  const messages: ThankYouMessage[] = [];
  let current: ThankYouMessage = { text: fillTemplate(wording.thanksHeader, { hashtag: context.hashtag }), mentions: [], thanked: [] };
  let previous: string | undefined; // the template of the line before, wherever it was posted
  let turn = 0;

  while (pending.length > 0) {
    const room = limits.messageLength - current.text.length - (current.text === '' ? 0 : 1);
    const full = current.mentions.length >= limits.mentionsPerMessage;
    const pick = full ? undefined : choose(pending, wording, context, turn, previous, room);
    if (!pick) {
      if (current.thanked.length === 0) {
        // Not even one line fits an empty message (a huge header or name): post it anyway, cut to size.
        const forced = render(pending[0]!, variantsFor(pending[0]!, wording), 0, context.hashtag, wording.answerWords);
        take(current, pending[0]!, forced.text.slice(0, Math.max(0, room)), forced.variant);
        pending.shift();
        turn++;
      }
      messages.push(current);
      current = { text: '', mentions: [], thanked: [] };
      continue;
    }
    take(current, pending[pick.index]!, pick.text, pick.variant);
    previous = pick.template;
    pending.splice(pick.index, 1);
    turn++;
  }
  if (current.thanked.length > 0 || messages.length === 0) messages.push(current);
  return messages;
}

function take(message: ThankYouMessage, person: ThankYouParticipant, text: string, variant: number): void {
  message.text += (message.text === '' ? '' : '\n') + text;
  message.mentions.push(person.userId);
  message.thanked.push({ userId: person.userId, answers: person.answers, variant });
}

// The rotation's line for the next person if it fits; else the longest line that fits among the next few
// people and their allowed variants; undefined when nothing fits.
function choose(
  pending: ThankYouParticipant[],
  wording: ThanksWording,
  context: { hashtag: string; seed: number },
  turn: number,
  previous: string | undefined,
  room: number,
): { index: number; text: string; variant: number; template: string } | undefined {
  const first = pending[0]!;
  const variants = variantsFor(first, wording);
  for (let step = 0; step < variants.length; step++) {
    const variant = (context.seed + turn + step) % variants.length;
    if (variants[variant] === previous) continue;
    const line = render(first, variants, variant, context.hashtag, wording.answerWords);
    if (line.text.length <= room) return { index: 0, ...line, template: variants[variant]! };
    break; // the rotation's choice does not fit: look for a line that fills the space instead
  }
  let best: { index: number; text: string; variant: number; template: string } | undefined;
  for (let index = 0; index < Math.min(pending.length, LOOKAHEAD); index++) {
    const person = pending[index]!;
    const options = variantsFor(person, wording);
    options.forEach((template, variant) => {
      if (template === previous) return;
      const line = render(person, options, variant, context.hashtag, wording.answerWords);
      if (line.text.length <= room && (!best || line.text.length > best.text.length)) best = { index, ...line, template };
    });
  }
  return best;
}

function variantsFor(person: ThankYouParticipant, wording: ThanksWording): readonly string[] {
  return person.answers > 0 ? wording.thanks : wording.thanksNoAnswers;
}

function render(
  person: ThankYouParticipant,
  variants: readonly string[],
  variant: number,
  hashtag: string,
  words: { one: string; other: string },
): { text: string; variant: number } {
  const text = fillTemplate(variants[variant] ?? '', {
    name: person.mention,
    answers: `${person.answers} ${person.answers === 1 ? words.one : words.other}`,
    count: person.answers,
    questions: person.questions.map((n) => `Q${n}`).join(', '),
    hashtag,
  });
  return { text, variant };
}
