import type { IncomingMessage, ServerResponse } from 'node:http';

/** A file shared in a channel through files.completeUploadExternal. */
export interface FakeSlackFile {
  id: string;
  /** The name given to files.getUploadURLExternal. */
  name: string;
  title: string;
  /** The bytes uploaded to the upload URL. */
  bytes: Buffer;
  /** The length announced to files.getUploadURLExternal. */
  length: number;
  /** Where it was shared. */
  channel: string;
  /** The message that shared it (its ts in the channel's history). */
  ts: string;
}

interface PendingUpload {
  id: string;
  name: string;
  length: number;
  bytes?: Buffer;
}

type Reply = Record<string, unknown>;

/**
 * Slack's external upload flow, as files.uploadV2 drives it: files.getUploadURLExternal reserves a file id
 * and an upload URL (here on the fake's own 127.0.0.1 port), the bytes are POSTed there (raw, or as
 * multipart form data as @slack/web-api sends them), and files.completeUploadExternal shares the uploaded
 * files in a channel. A file completed before its bytes arrived fails with `file_not_found`. The length
 * announced is kept, so a test can compare it with the bytes that came.
 */
export class FakeSlackFiles {
  /** Every file shared, in order. */
  readonly shared: FakeSlackFile[] = [];
  private readonly pending = new Map<string, PendingUpload>();
  private counter = 0;

  constructor(private readonly baseUrl: () => string) {}

  /** files.getUploadURLExternal: `filename` and `length` (bytes) are required. */
  uploadUrl(args: Record<string, unknown>): Reply {
    const length = Number(args.length);
    if (!args.filename || !Number.isInteger(length) || length < 1) return { ok: false, error: 'invalid_arguments' };
    const id = `F${String(++this.counter).padStart(8, '0')}`;
    this.pending.set(id, { id, name: String(args.filename), length });
    return { ok: true, upload_url: `${this.baseUrl()}/upload/v1/${id}`, file_id: id };
  }

  /** The POST of a file's bytes to its upload URL; answers 200 "OK - <bytes>" as Slack's upload host does. */
  async receive(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const id = /\/upload\/v1\/(\w+)/.exec(req.url ?? '')?.[1];
    const upload = id ? this.pending.get(id) : undefined;
    if (!upload || req.method !== 'POST') return void res.writeHead(404).end();
    const type = req.headers['content-type'] ?? '';
    upload.bytes = type.startsWith('multipart/form-data') ? await firstFilePart(body, type) : body;
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${upload.bytes.length}`);
  }

  /**
   * files.completeUploadExternal: shares the listed uploads in `channel_id` (which `channelKnown` must
   * accept) as one message, via `share`, which stores it and returns its ts.
   */
  complete(
    args: Record<string, unknown>,
    channelKnown: (id: string) => boolean,
    share: (text: string) => string,
  ): Reply {
    const list = Array.isArray(args.files) ? (args.files as { id?: unknown; title?: unknown }[]) : undefined;
    if (!list?.length) return { ok: false, error: 'invalid_arguments' };
    const channel = args.channel_id === undefined ? undefined : String(args.channel_id);
    if (channel !== undefined && !channelKnown(channel)) return { ok: false, error: 'channel_not_found' };
    const uploads = list.map((entry) => this.pending.get(String(entry.id)));
    if (uploads.some((upload) => !upload?.bytes)) return { ok: false, error: 'file_not_found' };
    const ts = channel === undefined ? '' : share(String(args.initial_comment ?? ''));
    const files = uploads.map((upload, i) => {
      this.pending.delete(upload!.id);
      const title = String(list[i]!.title ?? upload!.name);
      if (channel !== undefined) this.shared.push({ ...upload!, bytes: upload!.bytes!, title, channel, ts });
      return { id: upload!.id, title };
    });
    return { ok: true, files };
  }
}

// The bytes of the first file in a multipart body, parsed the way fetch does.
async function firstFilePart(body: Buffer, contentType: string): Promise<Buffer> {
  const form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
  for (const value of form.values()) {
    if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  }
  return Buffer.alloc(0);
}
