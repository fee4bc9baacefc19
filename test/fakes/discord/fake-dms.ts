import type { FakeGuild, Json } from './fake-guild.js';

/** A file part of a multipart request, as discord.js sends attachments (`files[n]`). */
export interface UploadedPart {
  /** The form field, e.g. "files[0]". */
  key: string;
  /** The file name the part carries. */
  name: string;
  /** Its bytes. */
  bytes: Buffer;
  /** Its content type, when the client set one. */
  type: string;
}

/** A file the bot attached to a direct message. */
export interface FakeAttachment {
  id: string;
  filename: string;
  size: number;
  content_type?: string;
  /** The bytes as uploaded. */
  bytes: Buffer;
}

type Reply = { status: number; body?: unknown };

const error = (status: number, code: number, message: string): Reply => ({ status, body: { message, code } });

/** Channel type of a DM. */
const DM = 1;

/**
 * The bot's direct messages, as Discord keeps them: POST /users/@me/channels gives the one DM channel with a
 * member (the same on every call); messages posted there may attach files, each named by an `attachments`
 * entry whose id matches its `files[id]` part. A member whose DMs are closed to the server makes a post fail
 * with 50007, as on Discord; a user who shares no server with the bot cannot be messaged either.
 */
export class FakeDms {
  /** DM channel id by member id. */
  readonly channels = new Map<string, string>();
  /** Messages per DM channel id, oldest first, with `attachments` (and their bytes in `files`). */
  readonly messages = new Map<string, Json[]>();
  /** Attachments per message id, bytes included. */
  readonly files = new Map<string, FakeAttachment[]>();

  constructor(private readonly guild: FakeGuild) {}

  /** Whether `id` is one of the DM channels. */
  has(id: string): boolean {
    return [...this.channels.values()].includes(id);
  }

  /** The member a DM channel is with. */
  recipientOf(channelId: string): string | undefined {
    return [...this.channels.entries()].find(([, id]) => id === channelId)?.[0];
  }

  /** POST /users/@me/channels. */
  open(body: Json | undefined): Reply {
    const recipient = typeof body?.recipient_id === 'string' ? body.recipient_id : undefined;
    if (!recipient) return error(400, 50035, 'Invalid Form Body (recipient_id: This field is required)');
    const member = this.guild.members.get(recipient);
    if (!member || member.bot) return error(400, 50033, 'Invalid Recipient(s)');
    let id = this.channels.get(recipient);
    if (!id) this.channels.set(recipient, (id = this.guild.nextId()));
    const channel = { id, type: DM, last_message_id: null, flags: 0, recipients: [this.guild.user(recipient)] };
    return { status: 200, body: channel };
  }

  /** A message in one of the DMs, by id. */
  find(messageId: string): Json | undefined {
    for (const list of this.messages.values()) {
      const found = list.find((m) => m.id === messageId);
      if (found) return found;
    }
    return undefined;
  }

  /**
   * A member writes in their DM with the bot (a Discord reply to `replyTo` when set); kept in the DM's
   * history. Throws when the bot never opened a DM with them.
   */
  memberWrites(fields: { author: string; content: string; replyTo?: string }): Json {
    const channelId = this.channels.get(fields.author);
    if (!channelId) throw new Error(`the bot has no DM with ${fields.author}`);
    const message = this.inDm(this.guild.message({ ...fields, channelId }));
    this.messages.set(channelId, [...(this.messages.get(channelId) ?? []), message]);
    return message;
  }

  /** A DM message as MESSAGE_CREATE carries it: no guild_id and no member, channel_type DM. */
  dispatchable(message: Json): Json {
    return { ...message, channel_type: DM };
  }

  /** GET /channels/:dm/messages: after a snowflake, newest first, as Discord answers. */
  history(channelId: string, query: URLSearchParams): Reply {
    const after = BigInt(query.get('after') ?? '0');
    const limit = Math.min(100, Number(query.get('limit') ?? '50'));
    const list = (this.messages.get(channelId) ?? []).filter((m) => BigInt(String(m.id)) > after).slice(0, limit);
    return { status: 200, body: [...list].reverse() };
  }

  /** POST /channels/:dm/messages, JSON or multipart (payload_json plus `files[n]` parts). */
  post(channelId: string, body: Json | undefined, parts: UploadedPart[]): Reply {
    const recipient = this.recipientOf(channelId)!;
    if (this.guild.members.get(recipient)?.dmsClosed) return error(403, 50007, 'Cannot send messages to this user');
    const content = typeof body?.content === 'string' ? body.content : '';
    const embeds = Array.isArray(body?.embeds) ? body.embeds : [];
    const reference = body?.message_reference as Json | undefined;
    if (content.length > 2000) {
      return error(400, 50035, 'Invalid Form Body (content: Must be 2000 or fewer in length.)');
    }
    const declared = Array.isArray(body?.attachments) ? (body.attachments as Json[]) : [];
    const attachments: FakeAttachment[] = [];
    for (const entry of declared) {
      const key = `files[${String(entry.id)}]`;
      const part = parts.find((p) => p.key === key);
      if (!part) return error(400, 50035, `Invalid Form Body (attachments.${String(entry.id)}: no part ${key})`);
      const filename = String(entry.filename ?? part.name);
      const type = part.type ? { content_type: part.type } : {};
      attachments.push({ id: this.guild.nextId(), filename, size: part.bytes.length, bytes: part.bytes, ...type });
    }
    if (content === '' && attachments.length === 0 && embeds.length === 0) {
      return error(400, 50006, 'Cannot send an empty message');
    }
    const nonce = typeof body?.nonce === 'string' ? body.nonce : undefined;
    const list = this.messages.get(channelId) ?? [];
    const enforced = nonce !== undefined && body?.enforce_nonce === true;
    const earlier = enforced ? list.find((m) => m.nonce === nonce) : undefined;
    if (earlier) return { status: 200, body: earlier };
    const replyTo = reference?.message_id !== undefined ? { replyTo: String(reference.message_id) } : {};
    const message: Json = {
      ...this.inDm(this.guild.message({ author: this.guild.botId, content, channelId, embeds, ...replyTo })),
      attachments: attachments.map(({ bytes: _bytes, ...shown }) => ({
        ...shown,
        url: `https://cdn.example/${shown.id}/${shown.filename}`,
      })),
      ...(nonce !== undefined ? { nonce } : {}),
    };
    this.messages.set(channelId, [...list, message]);
    this.files.set(String(message.id), attachments);
    return { status: 200, body: message };
  }

  // A reply's reference in a DM names no guild.
  private inDm(message: Json): Json {
    const reference = message.message_reference as Json | undefined;
    if (!reference) return message;
    const { guild_id: _guild, ...inDm } = reference;
    return { ...message, message_reference: inDm };
  }
}
