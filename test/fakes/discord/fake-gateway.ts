import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { FakeGuild, Json } from './fake-guild.js';

/** Gateway opcodes, as Discord's documentation numbers them. */
export const OP = {
  DISPATCH: 0,
  HEARTBEAT: 1,
  IDENTIFY: 2,
  RESUME: 6,
  RECONNECT: 7,
  INVALID_SESSION: 9,
  HELLO: 10,
  HEARTBEAT_ACK: 11,
} as const;

/**
 * Intents Discord only grants when switched on in the Developer Portal: GuildMembers, GuildPresences,
 * MessageContent.
 */
const PRIVILEGED = { GUILD_MEMBERS: 1 << 1, GUILD_PRESENCES: 1 << 8, MESSAGE_CONTENT: 1 << 15 };

/** What the gateway saw, for assertions. */
export interface GatewayLog {
  /** IDENTIFYs received. */
  identify: number;
  /** RESUMEs received. */
  resume: number;
  /** HEARTBEATs received (each answered with an ACK). */
  heartbeats: number;
  /** The `d` of each IDENTIFY, token removed. */
  identifies: Json[];
}

/**
 * The gateway websocket, speaking Discord's protocol (v10, JSON): HELLO on connect; IDENTIFY checked for
 * token, properties and intents (4004, 4014 as Discord closes); READY then GUILD_CREATE for the guild;
 * HEARTBEAT answered with ACK; RESUME replaying every dispatch after the client's sequence, then RESUMED;
 * RECONNECT and INVALID_SESSION on demand. Dispatches while disconnected are kept for the resume.
 */
export class FakeGateway {
  /** What the gateway saw. */
  readonly log: GatewayLog = { identify: 0, resume: 0, heartbeats: 0, identifies: [] };
  /** Whether the application may use the Message Content intent (off: IDENTIFY is closed with 4014). */
  allowMessageContent = true;
  /** The heartbeat interval HELLO announces; short values make discord.js heartbeat within a test. */
  heartbeatIntervalMs = 41_250;
  private readonly server = new WebSocketServer({ noServer: true });
  private socket: WebSocket | undefined;
  // The socket dispatches go to: only once it has identified or resumed, so nothing is sent twice.
  private live: WebSocket | undefined;
  private sessionId: string | undefined;
  private seq = 0;
  private sent: { s: number; frame: string }[] = [];

  constructor(
    private readonly guild: FakeGuild,
    private readonly token: string,
    private readonly resumeUrl: () => string,
  ) {}

  /** Takes over an HTTP upgrade; checks the version and encoding discord.js asks for. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.server.handleUpgrade(req, socket, head, (ws) => {
      const query = new URL(req.url ?? '/', 'ws://fake').searchParams;
      if (query.get('v') !== '10') return void ws.close(4012, 'Invalid API version.');
      if (query.get('encoding') !== 'json') return void ws.close(4002, 'Error while decoding payload.');
      this.connect(ws);
    });
  }

  /** Whether a client is connected and has identified or resumed. */
  get connected(): boolean {
    return this.live !== undefined && this.live === this.socket && this.socket.readyState === 1;
  }

  /** Sends a dispatch; kept for replay on RESUME, and sent now if a client is connected. */
  dispatch(event: string, data: Json): void {
    const frame = JSON.stringify({ op: OP.DISPATCH, t: event, s: ++this.seq, d: data });
    this.sent.push({ s: this.seq, frame });
    if (this.connected) this.live!.send(frame);
  }

  /**
   * Closes the connection with a close code: 4000 is resumable (Discord cycling a server); 4004 is not;
   * after 4009 (session timed out) the session is gone, so a RESUME is refused and the client identifies.
   */
  drop(code = 4000, reason = 'Unknown error.'): void {
    if (code === 4009) this.sessionId = undefined;
    this.live = undefined;
    this.socket?.close(code, reason);
  }

  /** Asks the client to reconnect and resume (opcode 7). */
  requestReconnect(): void {
    this.socket?.send(JSON.stringify({ op: OP.RECONNECT, d: null }));
  }

  /** Ends the session (opcode 9, not resumable): the client must IDENTIFY again. */
  invalidateSession(): void {
    this.sessionId = undefined;
    // Nothing more reaches the invalidated session; what follows is dispatched to the next one only.
    this.live = undefined;
    this.socket?.send(JSON.stringify({ op: OP.INVALID_SESSION, d: false }));
  }

  /** Closes everything. */
  close(): void {
    for (const client of this.server.clients) client.terminate();
    this.server.close();
  }

  private connect(ws: WebSocket): void {
    this.socket = ws;
    let identified = false;
    ws.send(JSON.stringify({ op: OP.HELLO, d: { heartbeat_interval: this.heartbeatIntervalMs } }));
    ws.on('message', (raw) => {
      let frame: { op?: unknown; d?: unknown };
      try {
        frame = JSON.parse(String(raw)) as { op?: unknown; d?: unknown };
      } catch {
        return void ws.close(4002, 'Error while decoding payload.');
      }
      if (frame.op === OP.HEARTBEAT) {
        this.log.heartbeats++;
        return void ws.send(JSON.stringify({ op: OP.HEARTBEAT_ACK }));
      }
      if (frame.op === OP.IDENTIFY || frame.op === OP.RESUME) {
        if (identified) return void ws.close(4005, 'Already authenticated.');
        identified = frame.op === OP.IDENTIFY ? this.identify(ws, frame.d as Json) : this.resume(ws, frame.d as Json);
        if (identified) this.live = ws;
        if (frame.op === OP.IDENTIFY && identified) this.greet();
        return;
      }
      if (!identified) return void ws.close(4003, 'Not authenticated.');
      if (typeof frame.op !== 'number' || ![3, 4, 8, 31].includes(frame.op)) ws.close(4001, 'Unknown opcode.');
    });
  }

  private identify(ws: WebSocket, data: Json): boolean {
    this.log.identify++;
    const { token, ...rest } = data;
    this.log.identifies.push(rest);
    if (token !== this.token) return refuse(ws, 4004, 'Authentication failed.');
    const properties = data.properties as Json | undefined;
    if (typeof data.intents !== 'number' || !properties?.os || !properties.browser || !properties.device) {
      return refuse(ws, 4013, 'Invalid intent(s).');
    }
    const disallowed =
      PRIVILEGED.GUILD_MEMBERS |
      PRIVILEGED.GUILD_PRESENCES |
      (this.allowMessageContent ? 0 : PRIVILEGED.MESSAGE_CONTENT);
    if ((data.intents & disallowed) !== 0) return refuse(ws, 4014, 'Disallowed intent(s).');
    this.sessionId = randomUUID();
    this.sent = [];
    this.seq = 0;
    return true;
  }

  // READY, then a GUILD_CREATE for every guild READY listed as unavailable (discord.js waits for them).
  private greet(): void {
    this.dispatch('READY', {
      v: 10,
      user: { ...this.guild.user(this.guild.botId), verified: true, mfa_enabled: false, flags: 0 },
      guilds: [{ id: this.guild.guildId, unavailable: true }],
      session_id: this.sessionId,
      resume_gateway_url: this.resumeUrl(),
      shard: [0, 1],
      application: { id: this.guild.applicationId, flags: 0 },
      private_channels: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      user_settings: {},
      relationships: [],
    });
    this.dispatch('GUILD_CREATE', this.guild.guildCreate());
  }

  private resume(ws: WebSocket, data: Json): boolean {
    this.log.resume++;
    if (data.token !== this.token) return refuse(ws, 4004, 'Authentication failed.');
    if (!this.sessionId || data.session_id !== this.sessionId) {
      ws.send(JSON.stringify({ op: OP.INVALID_SESSION, d: false }));
      return false;
    }
    for (const { s, frame } of this.sent) if (s > Number(data.seq)) ws.send(frame);
    const frame = JSON.stringify({ op: OP.DISPATCH, t: 'RESUMED', s: ++this.seq, d: {} });
    this.sent.push({ s: this.seq, frame });
    ws.send(frame);
    return true;
  }
}

function refuse(ws: WebSocket, code: number, reason: string): false {
  ws.close(code, reason);
  return false;
}
