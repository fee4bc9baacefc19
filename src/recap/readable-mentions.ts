import { stripAnswerPrefix } from '../attribution/answer-prefix.js';
import type { RecapInput } from './recap-input.js';

/** Someone a message mentions: the platform's user id as written in it, and the name shown for it. */
export interface Mention {
  /** The platform's user id as written in the mention (Slack `U…`, a Discord snowflake). */
  id: string;
  /** Their display name, or null when nobody knows it (shown as "@someone"). */
  name: string | null;
}

/** A name for a platform user id, when one is known. */
export type NameOf = (id: string) => string | undefined;

/** Text made readable for people, with the people it mentions. */
export interface ReadableText {
  /** The text with every platform mention written as a name (`@Ana Lopez`, `@channel`, `#general`). */
  text: string;
  /** The users mentioned, each once, in order of first mention. */
  mentions: Mention[];
}

const NOBODY: NameOf = () => undefined;
// A platform token: "<" target (no spaces, no "|") optional "|label" ">". Anything not recognised below
// ("<3", "<b>", "<script>") is left exactly as written.
const TOKEN = /<([^<>\s|]+)(?:\|([^<>]*))?>/g;

/**
 * Writes Slack and Discord markup the way people read it: `<@U1>`, `<@U1|ana>`, `<@123>` and `<@!123>`
 * become `@name` (or `@someone`), `<@&role>` `@role`, `<#C1|general>` `#general`, `<!channel>`, `<!here>` and
 * `<!everyone>` `@channel`, `@here`, `@everyone`, links their label and address. None of it pings or links
 * on any platform or in any file. Returns the same string when there is nothing to rewrite.
 */
export function readableMentions(text: string, nameOf: NameOf = NOBODY): ReadableText {
  if (!text.includes('<')) return { text, mentions: [] };
  const mentions: Mention[] = [];
  const readable = text.replace(TOKEN, (whole, target: string, label: string | undefined) => {
    const user = /^@!?([A-Za-z0-9]+)$/.exec(target);
    if (user) {
      const id = user[1]!;
      const name = nameOf(id) ?? (label ? label.replace(/^@/, '') : undefined) ?? null;
      if (!mentions.some((m) => m.id === id)) mentions.push({ id, name });
      return `@${name ?? 'someone'}`;
    }
    return otherToken(target, label) ?? whole;
  });
  return { text: readable, mentions };
}

function otherToken(target: string, label: string | undefined): string | undefined {
  const named = (fallback: string, mark: string) => `${mark}${label?.replace(/^[@#]/, '') || fallback}`;
  if (/^@&\d+$/.test(target)) return named('role', '@');
  if (/^#[A-Za-z0-9]+$/.test(target)) return named('channel', '#');
  const broadcast = /^!(channel|here|everyone|group)$/.exec(target)?.[1];
  if (broadcast) return `@${broadcast === 'group' ? 'channel' : broadcast}`;
  if (/^!subteam\^[A-Za-z0-9]+$/.test(target)) return named('group', '@');
  if (/^!date\^/.test(target)) return label || 'a date';
  if (/^https?:\/\//i.test(target)) return label && label !== target ? `${label} (${target})` : target;
  if (/^mailto:/i.test(target)) return label || target.slice('mailto:'.length);
  const emoji = /^a?:([\w~]+):\d+$/.exec(target)?.[1];
  if (emoji) return `:${emoji}:`;
  const command = /^\/([\w-]+):\d+$/.exec(target)?.[1];
  if (command) return `/${command}`;
  const seconds = /^t:(-?\d{1,13})(?::[tTdDfFR])?$/.exec(target)?.[1];
  if (seconds) return `${new Date(Number(seconds) * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return undefined;
}

/**
 * Every name the recap input knows, by platform user id: the directory (`people`), then the guests, then the
 * authors of the chat's messages (the name they wrote under wins). Keys may be user addresses
 * (`slack:T1:U1`) or bare ids; a mention carries the bare id, the address's last part.
 */
export function peopleDirectory(input: Pick<RecapInput, 'people' | 'guests' | 'messages'>): NameOf {
  const names = new Map<string, string>();
  const add = (id: string | undefined, name: string) => {
    if (id && name) names.set(id.slice(id.lastIndexOf(':') + 1), name);
  };
  for (const [id, name] of Object.entries(input.people ?? {})) add(id, name);
  for (const guest of input.guests ?? []) add(guest.id, guest.name);
  for (const message of input.messages) if (message.authorId !== undefined) add(message.authorId, message.author);
  return names.size === 0 ? NOBODY : (id) => names.get(id);
}

/**
 * What a recap shows of an answer: its text without the answer prefix, mentions written as names. The prefix
 * is found in the text as written, where a leading `<@U1>` is one tag, not the two words "@Ana Lopez".
 */
export function answerBody(answer: { text: string; rawText?: string; mentions?: Mention[] }): string {
  if (answer.rawText === undefined) return stripAnswerPrefix(answer.text);
  const known = new Map((answer.mentions ?? []).map((m) => [m.id, m.name ?? undefined]));
  return readableMentions(stripAnswerPrefix(answer.rawText), (id) => known.get(id)).text;
}
