import { fillTemplate } from '../script/fill-template.js';
import type { Wording } from '../script/script-schema.js';
import type { PlatformLimits, UserAddress } from '../port.js';

/** Someone to thank, with what they gave. */
export interface ThankYouParticipant {
  /** Their address on the platform. */
  userId: UserAddress;
  /** Their name. */
  displayName: string;
  /** The mention that pings them, already formatted by the platform (their plain name when quiet). */
  mention: string;
  /** Asked not to be pinged: left out of the post's mentions. */
  quiet?: boolean;
  /** How many answers they gave. */
  answers: number;
  /** The question numbers they answered, ascending. */
  questions: number[];
  /** The chat's guest: thanked first, as the guest, in a line of their own wording. */
  isGuest?: boolean;
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

type ThanksWording = Pick<Wording, 'thanks' | 'thanksNoAnswers' | 'thanksHeader' | 'answerWords' | 'thanksGuest'>;

// How far ahead packing may look for a line that fills the end of a message.
const LOOKAHEAD = 40;

/**
 * Writes a personal line for every participant and packs the lines into as few messages as the
 * platform's limits allow. Variants rotate (`seed` shifts the rotation week to week) and no two
 * consecutive lines use the same one. A line is never split across messages. When the next line does not
 * fit the end of a message, a later participant whose line fits is moved up; failing that, lines already
 * in the message switch to shorter wordings to make room, so each message is filled before the next.
 */
export function composeThanks(
  participants: readonly ThankYouParticipant[],
  wording: ThanksWording,
  context: { hashtag: string; limits: PlatformLimits; seed: number; withHeader?: boolean },
): ThankYouMessage[] {
  const { limits } = context;
  // The guests first, then people who answered, then those who only chatted.
  const guests = participants.filter((p) => p.isGuest);
  const others = participants.filter((p) => !p.isGuest);
  const pending = [...guests, ...others.filter((p) => p.answers > 0), ...others.filter((p) => p.answers === 0)];
  const draw = (person: ThankYouParticipant, variant: number): Line => {
    const templates = variantsFor(person, wording);
    return {
      person,
      variant,
      template: templates[variant]!,
      text: render(person, templates, variant, context.hashtag, wording.answerWords).text,
    };
  };
  // Thanks that carry on after a restart (some were posted already) need no second header.
  const header =
    context.withHeader === false ? undefined : fillTemplate(wording.thanksHeader, { hashtag: context.hashtag });
  const drafts: Draft[] = [];
  let current: Draft = { header, lines: [] };
  let before: string | undefined; // the template of the last line of the previous message
  let turn = 0;

  while (pending.length > 0) {
    const previous = current.lines.at(-1)?.template ?? before;
    const full = current.lines.length >= limits.mentionsPerMessage;
    const pick = full ? undefined : choose(pending, wording, context, turn, previous, roomIn(current, limits), draw);
    const made =
      pick ??
      (full || current.lines.length === 0 ? undefined : makeRoom(current, pending, wording, limits, before, draw));
    if (made) {
      current.lines.push(made.line);
      pending.splice(made.index, 1);
      turn++;
      continue;
    }
    if (current.lines.length === 0) {
      // Not even one line fits an empty message (a huge header or name): post it anyway, cut to size.
      const forced = draw(pending.shift()!, 0);
      current.lines.push({ ...forced, text: forced.text.slice(0, Math.max(0, roomIn(current, limits))) });
      turn++;
    }
    before = current.lines.at(-1)!.template;
    drafts.push(current);
    current = { header: undefined, lines: [] };
  }
  if (current.lines.length > 0 || drafts.length === 0) drafts.push(current);
  return drafts.map((draft) => ({
    text: textOf(draft),
    mentions: draft.lines.filter((l) => !l.person.quiet).map((l) => l.person.userId),
    thanked: draft.lines.map((l) => ({ userId: l.person.userId, answers: l.person.answers, variant: l.variant })),
  }));
}

interface Line {
  person: ThankYouParticipant;
  variant: number;
  template: string;
  text: string;
}

interface Draft {
  header: string | undefined;
  lines: Line[];
}

function textOf(draft: Draft): string {
  return [...(draft.header === undefined ? [] : [draft.header]), ...draft.lines.map((l) => l.text)].join('\n');
}

// Characters left for one more line, its line break included.
function roomIn(draft: Draft, limits: PlatformLimits): number {
  const used = textOf(draft).length;
  return limits.messageLength - used - (used === 0 ? 0 : 1);
}

// The rotation's line for the next person if it fits; else the longest line that fits among the next few
// people and their allowed variants; undefined when nothing fits.
function choose(
  pending: ThankYouParticipant[],
  wording: ThanksWording,
  context: { seed: number },
  turn: number,
  previous: string | undefined,
  room: number,
  draw: (person: ThankYouParticipant, variant: number) => Line,
): { index: number; line: Line } | undefined {
  const first = pending[0]!;
  const variants = variantsFor(first, wording);
  for (let step = 0; step < variants.length; step++) {
    const variant = (context.seed + turn + step) % variants.length;
    if (variants[variant] === previous) continue;
    const line = draw(first, variant);
    if (line.text.length <= room) return { index: 0, line };
    break; // the rotation's choice does not fit: look for a line that fills the space instead
  }
  let best: { index: number; line: Line } | undefined;
  for (let index = 0; index < Math.min(pending.length, LOOKAHEAD); index++) {
    const person = pending[index]!;
    variantsFor(person, wording).forEach((template, variant) => {
      if (template === previous) return;
      const line = draw(person, variant);
      if (line.text.length <= room && (!best || line.text.length > best.line.text.length)) best = { index, line };
    });
  }
  return best;
}

// Frees room for the shortest waiting line by moving lines already in the message to shorter wordings
// (never the same wording as a neighbour). Returns that line when it then fits, changing nothing otherwise.
function makeRoom(
  draft: Draft,
  pending: ThankYouParticipant[],
  wording: ThanksWording,
  limits: PlatformLimits,
  before: string | undefined,
  draw: (person: ThankYouParticipant, variant: number) => Line,
): { index: number; line: Line } | undefined {
  let shortest: { index: number; line: Line } | undefined;
  for (let index = 0; index < Math.min(pending.length, LOOKAHEAD); index++) {
    const person = pending[index]!;
    variantsFor(person, wording).forEach((_, variant) => {
      const line = draw(person, variant);
      if (!shortest || line.text.length < shortest.line.text.length) shortest = { index, line };
    });
  }
  if (!shortest) return undefined;
  let deficit = shortest.line.text.length - roomIn(draft, limits);
  const lines = draft.lines.map((l) => ({ ...l }));
  for (let i = lines.length - 1; i >= 0 && deficit > 0; i--) {
    const prev = i === 0 ? before : lines[i - 1]!.template;
    const next = i === lines.length - 1 ? shortest.line.template : lines[i + 1]!.template;
    let cheapest = lines[i]!;
    variantsFor(lines[i]!.person, wording).forEach((template, variant) => {
      if (template === prev || template === next) return;
      const option = draw(lines[i]!.person, variant);
      if (option.text.length < cheapest.text.length) cheapest = option;
    });
    deficit -= lines[i]!.text.length - cheapest.text.length;
    lines[i] = cheapest;
  }
  const last = lines.at(-1)?.template ?? before;
  if (deficit > 0 || last === shortest.line.template) return undefined;
  draft.lines = lines;
  return shortest;
}

function variantsFor(person: ThankYouParticipant, wording: ThanksWording): readonly string[] {
  if (person.isGuest) return wording.thanksGuest;
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
