import { guestMatcher } from './guests.js';
import { type NameOf, peopleDirectory, readableMentions } from './readable-mentions.js';
import type { RecapInput, RecapInputMessage } from './recap-input.js';
import type { Recap, RecapAnswer, RecapLink, RecapParticipant, RecapUnattributed } from './recap-model.js';

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"')\]]+/g;

/**
 * Builds the recap from the neutral input: every message that is not deleted is either an answer under
 * exactly one question or listed as unattributed with its reason. Platform mentions read as names, and the
 * guests' answers come first under each question.
 */
export function buildRecap(input: RecapInput): Recap {
  // Most inputs are in time order with nothing deleted: they are used as they are rather than copied.
  const live = isLiveInOrder(input.messages)
    ? input.messages
    : input.messages.filter((m) => !m.deleted).sort((a, b) => a.ts - b.ts);
  // Messages come in time order and a busy chat has hundreds a second: repeating the last string saves one each.
  let lastMs = Number.NaN;
  let lastIso = '';
  const iso = (ms: number) => {
    if (ms !== lastMs) {
      lastMs = ms;
      lastIso = new Date(ms).toISOString();
    }
    return lastIso;
  };

  const byQuestion = new Map<number, RecapInputMessage[]>();
  for (const message of live) {
    const question = message.attribution.question;
    if (question === null) continue;
    const list = byQuestion.get(question);
    if (list) list.push(message);
    else byQuestion.set(question, [message]);
  }
  const nameOf = peopleDirectory(input);
  const isGuest = guestMatcher(input.guests);
  const hasGuests = (input.guests?.length ?? 0) > 0;
  const questions = input.questions.map((question) => {
    const answers = (byQuestion.get(question.number) ?? []).map((m) => {
      const answer: RecapAnswer = {
        id: m.id,
        author: m.author,
        text: m.text,
        ts: iso(m.ts),
        part: m.attribution.question !== null ? (m.attribution.part ?? null) : null,
        late: m.attribution.question !== null && m.attribution.late,
      };
      withReadableText(answer, m.text, nameOf);
      if (hasGuests && isGuest(m)) answer.guest = true;
      return answer;
    });
    return {
      number: question.number,
      // A host may greet or credit someone in the question itself.
      text: readableMentions(question.text, nameOf).text,
      askedAt: question.askedAt === undefined ? null : iso(question.askedAt),
      answers: hasGuests ? [...answers.filter((a) => a.guest), ...answers.filter((a) => !a.guest)] : answers,
    };
  });

  const unattributed = live.flatMap((m) => {
    if (m.attribution.question !== null) return [];
    const entry: RecapUnattributed = { id: m.id, author: m.author, text: m.text, reason: m.attribution.reason };
    return [withReadableText(entry, m.text, nameOf)];
  });

  const participants = participantsOf(live, hasGuests ? isGuest : undefined, input.community?.returners);
  const answers = questions.reduce((sum, q) => sum + q.answers.length, 0);
  return {
    title: input.title,
    host: input.host,
    hashtag: input.hashtag,
    startedAt: iso(input.startedAt),
    endedAt: iso(input.endedAt),
    questions,
    unattributed,
    participants,
    links: linksIn(live, nameOf),
    stats: {
      messages: live.length,
      answers,
      participants: participants.length,
      firstTimers: participants.filter((p) => p.firstTime).length,
      answersPerQuestion: questions.map((q) => ({ question: q.number, answers: q.answers.length })),
      busiestMinute: busiestMinute(live),
    },
    guests: (input.guests ?? []).map((g) => (g.id === undefined ? { name: g.name } : { name: g.name, id: g.id })),
    ...(input.community ? { trends: input.community.trends } : {}),
  };
}

// The fields are added only when the text changes, so the recap of a chat without markup stays as small as before.
function withReadableText<T extends RecapAnswer | RecapUnattributed>(entry: T, written: string, nameOf: NameOf): T {
  const readable = readableMentions(written, nameOf);
  if (readable.text === written) return entry;
  entry.text = readable.text;
  entry.rawText = written;
  if (readable.mentions.length > 0) entry.mentions = readable.mentions;
  return entry;
}

function isLiveInOrder(messages: readonly RecapInputMessage[]): boolean {
  for (let i = 0; i < messages.length; i++) {
    if (messages[i]!.deleted || (i > 0 && messages[i]!.ts < messages[i - 1]!.ts)) return false;
  }
  return true;
}

function isHost(message: RecapInputMessage): boolean {
  return message.attribution.question === null && message.attribution.reason === 'host';
}

// Guests are listed first, and never as first-timers: they were invited to answer.
function participantsOf(
  messages: RecapInputMessage[],
  isGuest?: (message: RecapInputMessage) => boolean,
  returners?: ReadonlyMap<string, number>,
): RecapParticipant[] {
  const byAuthor = new Map<string, RecapParticipant>();
  for (const message of messages) {
    if (isHost(message)) continue;
    let entry = byAuthor.get(message.author);
    if (!entry) {
      entry = { author: message.author, messages: 0, answers: 0, questionsAnswered: [], firstTime: false };
      byAuthor.set(message.author, entry);
    }
    entry.messages++;
    if (isGuest?.(message)) entry.guest = true;
    entry.firstTime ||= message.firstTime === true;
    const away = message.authorId === undefined ? undefined : returners?.get(message.authorId);
    if (away !== undefined) entry.returnedAfter = away;
    const question = message.attribution.question;
    if (question !== null) {
      entry.answers++;
      if (!entry.questionsAnswered.includes(question)) entry.questionsAnswered.push(question);
    }
  }
  const entries = [...byAuthor.values()];
  for (const entry of entries) {
    entry.questionsAnswered.sort((a, b) => a - b);
    if (entry.guest) entry.firstTime = false;
  }
  return isGuest ? [...entries.filter((p) => p.guest), ...entries.filter((p) => !p.guest)] : entries;
}

function linksIn(messages: RecapInputMessage[], nameOf: NameOf): RecapLink[] {
  const seen = new Set<string>();
  const links: RecapLink[] = [];
  for (const message of messages) {
    // Slack writes a link as <https://…|label>: read as "label (https://…)", the address stands alone.
    const text = message.text.includes('<') ? readableMentions(message.text, nameOf).text : message.text;
    for (const match of text.matchAll(URL_PATTERN)) {
      const url = match[0].replace(/[.,;:!?]+$/, '');
      if (seen.has(url)) continue;
      seen.add(url);
      links.push({ url, author: message.author, id: message.id });
    }
  }
  return links;
}

function busiestMinute(messages: RecapInputMessage[]): Recap['stats']['busiestMinute'] {
  const counts = new Map<number, number>();
  for (const message of messages) {
    const minute = Math.floor(message.ts / 60_000) * 60_000;
    counts.set(minute, (counts.get(minute) ?? 0) + 1);
  }
  let best: [number, number] | undefined;
  for (const entry of counts)
    if (!best || entry[1] > best[1] || (entry[1] === best[1] && entry[0] < best[0])) best = entry;
  return best ? { minute: new Date(best[0]).toISOString(), messages: best[1] } : null;
}
