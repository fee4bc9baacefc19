import type { RecapInput, RecapInputMessage } from './recap-input.js';
import type { Recap, RecapLink, RecapParticipant } from './recap-model.js';

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"')\]]+/g;

/**
 * Builds the recap from the neutral input: every message that is not deleted is either an answer under
 * exactly one question or listed as unattributed with its reason.
 */
export function buildRecap(input: RecapInput): Recap {
  // Most inputs are in time order with nothing deleted: they are used as they are rather than copied.
  const live = isLiveInOrder(input.messages)
    ? input.messages
    : input.messages.filter((m) => !m.deleted).sort((a, b) => a.ts - b.ts);
  // Messages come in time order and a busy chat has hundreds a second: repeating the last string saves one each.
  let lastMs = Number.NaN;
  let lastIso = '';
  const iso = (ms: number) => (ms === lastMs ? lastIso : ((lastMs = ms), (lastIso = new Date(ms).toISOString())));

  const byQuestion = new Map<number, RecapInputMessage[]>();
  for (const message of live) {
    const question = message.attribution.question;
    if (question === null) continue;
    const list = byQuestion.get(question);
    if (list) list.push(message);
    else byQuestion.set(question, [message]);
  }
  const questions = input.questions.map((question) => ({
    number: question.number,
    text: question.text,
    askedAt: question.askedAt === undefined ? null : iso(question.askedAt),
    answers: (byQuestion.get(question.number) ?? [])
      .map((m) => ({
        id: m.id,
        author: m.author,
        text: m.text,
        ts: iso(m.ts),
        part: m.attribution.question !== null ? (m.attribution.part ?? null) : null,
        late: m.attribution.question !== null && m.attribution.late,
      })),
  }));

  const unattributed = live.flatMap((m) =>
    m.attribution.question === null ? [{ id: m.id, author: m.author, text: m.text, reason: m.attribution.reason }] : [],
  );

  const participants = participantsOf(live);
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
    links: linksIn(live),
    stats: {
      messages: live.length,
      answers,
      participants: participants.length,
      firstTimers: participants.filter((p) => p.firstTime).length,
      answersPerQuestion: questions.map((q) => ({ question: q.number, answers: q.answers.length })),
      busiestMinute: busiestMinute(live),
    },
  };
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

function participantsOf(messages: RecapInputMessage[]): RecapParticipant[] {
  const byAuthor = new Map<string, RecapParticipant>();
  for (const message of messages) {
    if (isHost(message)) continue;
    let entry = byAuthor.get(message.author);
    if (!entry) {
      entry = { author: message.author, messages: 0, answers: 0, questionsAnswered: [], firstTime: false };
      byAuthor.set(message.author, entry);
    }
    entry.messages++;
    entry.firstTime ||= message.firstTime === true;
    const question = message.attribution.question;
    if (question !== null) {
      entry.answers++;
      if (!entry.questionsAnswered.includes(question)) entry.questionsAnswered.push(question);
    }
  }
  for (const entry of byAuthor.values()) entry.questionsAnswered.sort((a, b) => a - b);
  return [...byAuthor.values()];
}

function linksIn(messages: RecapInputMessage[]): RecapLink[] {
  const seen = new Set<string>();
  const links: RecapLink[] = [];
  for (const message of messages) {
    for (const match of message.text.matchAll(URL_PATTERN)) {
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
  for (const entry of counts) if (!best || entry[1] > best[1] || (entry[1] === best[1] && entry[0] < best[0])) best = entry;
  return best ? { minute: new Date(best[0]).toISOString(), messages: best[1] } : null;
}
