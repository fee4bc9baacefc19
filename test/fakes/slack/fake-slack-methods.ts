import type { FakeSlackFiles } from './fake-slack-files.js';
import type { FakeSlackViews } from './fake-slack-views.js';

/** A message the fake holds in a channel's history. */
export interface FakeSlackMessage {
  type: 'message';
  channel: string;
  user?: string;
  bot_id?: string;
  subtype?: string;
  text: string;
  ts: string;
  thread_ts?: string;
  blocks?: unknown;
  edited?: { user: string; ts: string };
}

/** A user the fake knows. */
export interface FakeSlackUser {
  id: string;
  name: string;
  display: string;
  isAdmin?: boolean;
  isOwner?: boolean;
  isBot?: boolean;
}

/** An ephemeral message: seen by one user only, never in history. */
export interface FakeEphemeral {
  channel: string;
  user: string;
  text: string;
  /** Block Kit, when the message has any (then `ts` too, which a click on its buttons names). */
  blocks?: unknown;
  ts?: string;
}

/** What the Web API methods read and change. */
export interface FakeSlackState {
  readonly team: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly port: number;
  readonly history: Map<string, FakeSlackMessage[]>;
  readonly users: Map<string, FakeSlackUser>;
  /** Reaction names per `channel:ts`, as added by the bot. */
  readonly reactions: Map<string, string[]>;
  readonly ephemerals: FakeEphemeral[];
  /** The app's direct-message channel with each user it has one with, by user id. */
  readonly dms: Map<string, string>;
  /** Channel ids the workspace does not have (or the bot cannot see): reading them answers channel_not_found. */
  readonly unknownChannels: Set<string>;
  /** Uploads and the files shared. */
  readonly files: FakeSlackFiles;
  /** Modals: triggers, views.open, submissions. */
  readonly views: FakeSlackViews;
  nextTs(): string;
  remember(message: FakeSlackMessage): void;
}

type Reply = Record<string, unknown>;

// Block Kit limits Slack enforces with `invalid_blocks`; checking them here makes a too-long question fail a test.
const HEADER_MAX = 150;
const SECTION_MAX = 3000;
const MESSAGE_BLOCKS_MAX = 50;
const BUTTONS_MAX = 25;
const BUTTON_TEXT_MAX = 75;
const BUTTON_VALUE_MAX = 2000;

/**
 * Answers one Web API call the way Slack does: the token type is checked first (`not_authed`,
 * `invalid_auth`, `not_allowed_token_type`), then the method's own arguments.
 */
export function answerMethod(
  state: FakeSlackState,
  method: string,
  args: Record<string, unknown>,
  token: string | undefined,
): Reply {
  if (!token) return { ok: false, error: 'not_authed' };
  if (/-invalid$/.test(token)) return { ok: false, error: 'invalid_auth' };
  // apps.connections.open takes only the app-level token; every other method here only a bot token.
  const wants = method === 'apps.connections.open' ? 'xapp-' : 'xoxb-';
  if (!token.startsWith(wants)) return { ok: false, error: 'not_allowed_token_type' };
  switch (method) {
    case 'auth.test':
      return {
        ok: true,
        url: 'https://fake.slack.com/',
        team: 'Fake',
        user: 'emcee',
        team_id: state.team,
        user_id: state.botUserId,
        bot_id: state.botId,
      };
    case 'apps.connections.open':
      return { ok: true, url: `ws://127.0.0.1:${state.port}/socket?ticket=fake&app_id=A0001` };
    case 'chat.postMessage':
      return postMessage(state, args);
    case 'chat.update':
      return update(state, args);
    case 'chat.postEphemeral':
      return postEphemeral(state, args);
    case 'reactions.add':
      return addReaction(state, args);
    case 'users.info':
      return userInfo(state, args);
    case 'conversations.history':
      return history(state, args);
    case 'conversations.replies':
      return replies(state, args);
    case 'conversations.open':
      return openConversation(state, args);
    case 'files.getUploadURLExternal':
      return state.files.uploadUrl(args);
    case 'files.completeUploadExternal':
      return completeUpload(state, args);
    case 'views.open':
      return state.views.open(args);
    default:
      return { ok: false, error: 'unknown_method' };
  }
}

/** Every message of a channel, top-level and in threads. */
export function findMessage(state: FakeSlackState, channel: string, ts: string): FakeSlackMessage | undefined {
  return state.history.get(channel)?.find((m) => m.ts === ts);
}

// A user id as `channel` means the app's DM with that user (its App Home Messages tab), opened on first use.
function resolveChannel(state: FakeSlackState, channel: string): string | undefined {
  if (!/^[UW][A-Z0-9]+$/.test(channel)) return channel;
  return state.users.has(channel) ? dmWith(state, channel) : undefined;
}

function dmWith(state: FakeSlackState, user: string): string {
  let dm = state.dms.get(user);
  if (!dm) state.dms.set(user, (dm = `D${user.slice(1)}`));
  return dm;
}

// conversations.open with one user: the app's DM with them (a group DM of several is not faked).
function openConversation(state: FakeSlackState, args: Record<string, unknown>): Reply {
  const users = String(args.users ?? '')
    .split(',')
    .filter(Boolean);
  if (users.length === 0) return { ok: false, error: 'users_list_not_supplied' };
  if (users.length > 1) return { ok: false, error: 'not_supported' };
  if (!state.users.has(users[0]!)) return { ok: false, error: 'user_not_found' };
  const already = state.dms.has(users[0]!) ? { no_op: true, already_open: true } : {};
  return { ok: true, ...already, channel: { id: dmWith(state, users[0]!) } };
}

function completeUpload(state: FakeSlackState, args: Record<string, unknown>): Reply {
  const known = (id: string) => state.history.has(id) || [...state.dms.values()].includes(id);
  return state.files.complete(args, known, (text) => {
    const ts = state.nextTs();
    const channel = String(args.channel_id);
    state.remember({ type: 'message', channel, user: state.botUserId, bot_id: state.botId, text, ts });
    return ts;
  });
}

function postMessage(state: FakeSlackState, args: Record<string, unknown>): Reply {
  const channel = args.channel ? resolveChannel(state, String(args.channel)) : undefined;
  if (!channel) return { ok: false, error: 'channel_not_found' };
  if (!args.text && !args.blocks) return { ok: false, error: 'no_text' };
  const blockError = checkBlocks(args.blocks);
  if (blockError) return { ok: false, error: 'invalid_blocks', errors: [blockError] };
  const threadTs = args.thread_ts ? String(args.thread_ts) : undefined;
  if (threadTs && !findMessage(state, channel, threadTs)) return { ok: false, error: 'thread_not_found' };
  const message: FakeSlackMessage = {
    type: 'message',
    channel,
    user: state.botUserId,
    bot_id: state.botId,
    text: String(args.text ?? ''),
    ts: state.nextTs(),
    ...(threadTs ? { thread_ts: threadTs } : {}),
    ...(args.blocks ? { blocks: args.blocks } : {}),
  };
  state.remember(message);
  return { ok: true, channel: message.channel, ts: message.ts, message };
}

function update(state: FakeSlackState, args: Record<string, unknown>): Reply {
  const message = findMessage(state, String(args.channel), String(args.ts));
  if (!message) return { ok: false, error: 'message_not_found' };
  if (message.user !== state.botUserId) return { ok: false, error: 'cant_update_message' };
  message.text = String(args.text ?? message.text);
  message.edited = { user: state.botUserId, ts: state.nextTs() };
  return { ok: true, channel: message.channel, ts: message.ts, text: message.text };
}

function postEphemeral(state: FakeSlackState, args: Record<string, unknown>): Reply {
  if (!args.channel) return { ok: false, error: 'channel_not_found' };
  if (!args.user || !state.users.has(String(args.user))) return { ok: false, error: 'user_not_in_channel' };
  if (!args.text && !args.blocks) return { ok: false, error: 'no_text' };
  const blockError = checkBlocks(args.blocks);
  if (blockError) return { ok: false, error: 'invalid_blocks', errors: [blockError] };
  const ts = state.nextTs();
  const text = String(args.text ?? '');
  const message: FakeEphemeral = { channel: String(args.channel), user: String(args.user), text };
  state.ephemerals.push(args.blocks ? { ...message, blocks: args.blocks, ts } : message);
  return { ok: true, message_ts: ts };
}

function addReaction(state: FakeSlackState, args: Record<string, unknown>): Reply {
  const name = String(args.name ?? '');
  // Slack wants the bare shortcode ("clap"), not ":clap:" and not the emoji itself.
  if (!/^[a-z0-9_+'-]+$/.test(name)) return { ok: false, error: 'invalid_name' };
  const channel = String(args.channel);
  const ts = String(args.timestamp);
  if (!findMessage(state, channel, ts)) return { ok: false, error: 'message_not_found' };
  const key = `${channel}:${ts}`;
  const names = state.reactions.get(key) ?? [];
  if (names.includes(name)) return { ok: false, error: 'already_reacted' };
  state.reactions.set(key, [...names, name]);
  return { ok: true };
}

function userInfo(state: FakeSlackState, args: Record<string, unknown>): Reply {
  const user = state.users.get(String(args.user));
  if (!user) return { ok: false, error: 'user_not_found' };
  return {
    ok: true,
    user: {
      id: user.id,
      team_id: state.team,
      name: user.name,
      real_name: user.display,
      is_admin: user.isAdmin ?? false,
      is_owner: user.isOwner ?? false,
      is_bot: user.isBot ?? false,
      profile: { display_name: user.display, real_name: user.display },
    },
  };
}

// Newest first, `oldest`/`latest` exclusive as Slack's defaults, paged by an opaque cursor.
function history(state: FakeSlackState, args: Record<string, unknown>): Reply {
  if (state.unknownChannels.has(String(args.channel))) return { ok: false, error: 'channel_not_found' };
  const oldest = Number(args.oldest ?? 0);
  const latest = args.latest === undefined ? Infinity : Number(args.latest);
  const all = (state.history.get(String(args.channel)) ?? []).filter(
    (m) => Number(m.ts) > oldest && Number(m.ts) < latest && (!m.thread_ts || m.thread_ts === m.ts),
  );
  const newestFirst = [...all].reverse().map((m) => {
    const thread = threadOf(state, m);
    return thread.length ? { ...m, thread_ts: m.ts, reply_count: thread.length, latest_reply: thread.at(-1)!.ts } : m;
  });
  return page(newestFirst, args, 'messages');
}

function replies(state: FakeSlackState, args: Record<string, unknown>): Reply {
  const asked = findMessage(state, String(args.channel), String(args.ts));
  if (!asked) return { ok: false, error: 'thread_not_found' };
  // Slack accepts a reply's ts too and answers with its whole thread.
  const parent = asked.thread_ts ? (findMessage(state, asked.channel, asked.thread_ts) ?? asked) : asked;
  const oldest = Number(args.oldest ?? 0);
  const thread = threadOf(state, parent).filter((m) => Number(m.ts) > oldest);
  return page([parent, ...thread], args, 'messages');
}

function page(items: unknown[], args: Record<string, unknown>, key: string): Reply {
  const limit = Math.min(Number(args.limit ?? 100) || 100, 1000);
  const start = args.cursor ? Number(Buffer.from(String(args.cursor), 'base64').toString()) : 0;
  const slice = items.slice(start, start + limit);
  const more = start + limit < items.length;
  return {
    ok: true,
    [key]: slice,
    has_more: more,
    response_metadata: { next_cursor: more ? Buffer.from(String(start + limit)).toString('base64') : '' },
  };
}

function threadOf(state: FakeSlackState, parent: FakeSlackMessage): FakeSlackMessage[] {
  return (state.history.get(parent.channel) ?? []).filter((m) => m.thread_ts === parent.ts && m.ts !== parent.ts);
}

/** Slack's `invalid_blocks` checks for a message's blocks, with its json-pointer; undefined when Slack takes them. */
export function checkBlocks(blocks: unknown): string | undefined {
  if (blocks === undefined) return undefined;
  if (!Array.isArray(blocks)) return 'blocks must be an array';
  if (blocks.length > MESSAGE_BLOCKS_MAX) {
    return `no more than ${MESSAGE_BLOCKS_MAX} items allowed [json-pointer:/blocks]`;
  }
  for (const [i, block] of blocks.entries()) {
    const b = block as { type?: string; text?: { type?: string; text?: string }; elements?: unknown[] };
    if (b.type === 'section' && !b.text?.text) return `must provide text [json-pointer:/blocks/${i}/text]`;
    if (b.type === 'actions') {
      const problem = checkButtons(b.elements, `/blocks/${i}/elements`);
      if (problem) return problem;
    }
    if (b.type === 'header' && (b.text?.type !== 'plain_text' || (b.text.text ?? '').length > HEADER_MAX)) {
      return `must be plain_text of at most ${HEADER_MAX} characters [json-pointer:/blocks/${i}/text]`;
    }
    if (b.type === 'section' && (b.text?.text ?? '').length > SECTION_MAX) {
      return `must be less than ${SECTION_MAX + 1} characters [json-pointer:/blocks/${i}/text/text]`;
    }
    if (b.type === 'context' && (!b.elements?.length || b.elements.length > 10)) {
      return `context takes 1 to 10 elements [json-pointer:/blocks/${i}/elements]`;
    }
  }
  return undefined;
}

// An actions block: 1 to 25 buttons, each with an action_id unique in the block, a short plain_text label,
// a value of at most 2,000 characters and a style of primary or danger, if any.
function checkButtons(elements: unknown[] | undefined, at: string): string | undefined {
  if (!elements?.length || elements.length > BUTTONS_MAX) {
    return `actions take 1 to ${BUTTONS_MAX} elements [json-pointer:${at}]`;
  }
  const ids = new Set<string>();
  for (const [j, element] of elements.entries()) {
    const e = element as {
      type?: string;
      action_id?: string;
      text?: { type?: string; text?: string };
      value?: string;
      style?: string;
    };
    const where = `${at}/${j}`;
    if (e.type !== 'button') return `the fake knows only buttons in actions [json-pointer:${where}/type]`;
    if (!e.action_id || e.action_id.length > 255 || ids.has(e.action_id)) {
      return `invalid or duplicate action_id [json-pointer:${where}/action_id]`;
    }
    ids.add(e.action_id);
    if (e.text?.type !== 'plain_text' || !e.text.text || e.text.text.length > BUTTON_TEXT_MAX) {
      return `must be plain_text of 1 to ${BUTTON_TEXT_MAX} characters [json-pointer:${where}/text]`;
    }
    if ((e.value ?? '').length > BUTTON_VALUE_MAX) {
      return `must be at most ${BUTTON_VALUE_MAX} characters [json-pointer:${where}/value]`;
    }
    if (e.style !== undefined && e.style !== 'primary' && e.style !== 'danger') {
      return `must be primary or danger [json-pointer:${where}/style]`;
    }
  }
  return undefined;
}
