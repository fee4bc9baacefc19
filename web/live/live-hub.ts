import { randomBytes } from 'node:crypto';
import type { LiveChatEvent, LiveEvent, LiveListener } from '../../src/service/live-feed.js';
import type { Clock } from '../../src/time/clock.js';

/** A live event with its place in this hub's sequence ("<hub>.<n>": a restarted server's ids never pass). */
export interface NumberedLiveEvent {
  /** The SSE event id; a reconnecting browser sends it back as Last-Event-ID. */
  id: string;
  /** The event. */
  event: LiveChatEvent;
}

/** How much the hub keeps. */
export interface LiveHubLimits {
  /** Recent events kept for reconnecting browsers, all channels together. */
  recent: number;
  /** Events one browser may have waiting; past it the browser is dropped (it reconnects and catches up). */
  perClient: number;
}

const DEFAULT_LIMITS: LiveHubLimits = { recent: 2000, perClient: 500 };

/**
 * Between the live feed and the browsers watching it: numbers the events, keeps the recent ones so a
 * reconnecting browser gets what it missed, and gives each browser a bounded queue. Taking an event is a
 * push onto arrays, so the chat never waits on a browser; a browser that falls too far behind is dropped.
 */
export class LiveHub {
  private readonly tag = randomBytes(4).toString('hex');
  private sequence = 0;
  private readonly recent: NumberedLiveEvent[] = [];
  private readonly clients = new Set<LiveClient>();
  private readonly stopListening: () => void;
  private stoppedFlag = false;
  private readonly limits: LiveHubLimits;

  constructor(
    subscribe: (listener: LiveListener) => () => void,
    private readonly wall: Clock,
    limits: Partial<LiveHubLimits> = {},
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    this.stopListening = subscribe((event) => this.take(event));
  }

  /** The id of the latest event, for a page to render "everything up to here" and ask for what follows. */
  get latestId(): string {
    return `${this.tag}.${this.sequence}`;
  }

  /** Browsers connected now. */
  get clientCount(): number {
    return this.clients.size;
  }

  /**
   * A browser watching `channel`, given the events after `afterId` first. `missedSome` is true when those
   * can no longer be told (the id is older than the buffer, or from another server run): the page reloads.
   */
  connect(channel: string, afterId: string | undefined): LiveClient {
    const client = new LiveClient(channel, this.limits.perClient, this.wall, (gone) => this.clients.delete(gone));
    const after = afterId === undefined ? this.sequence : this.positionOf(afterId);
    if (after === undefined) client.missedSome = true;
    else for (const numbered of this.recent) if (sequenceOf(numbered.id) > after) client.offer(numbered);
    this.clients.add(client);
    return client;
  }

  /** Whether the server is stopping (every stream ends with a goodbye). */
  get stopped(): boolean {
    return this.stoppedFlag;
  }

  /** Stops listening and closes every browser's stream (the server is stopping). */
  close(): void {
    this.stoppedFlag = true;
    this.stopListening();
    for (const client of [...this.clients]) client.close();
  }

  private take(event: LiveEvent): void {
    if (event.kind === 'forgotten') {
      // Nothing of a person who used forget-me is replayed to a browser that reconnects.
      const theirs = (kept: NumberedLiveEvent) =>
        (kept.event.kind === 'message' && kept.event.author.id === event.userId) ||
        (kept.event.kind === 'welcomed' && kept.event.authorId === event.userId);
      this.recent.splice(0, this.recent.length, ...this.recent.filter((kept) => !theirs(kept)));
      return;
    }
    // Rehearsals are never shown on the site.
    if (event.rehearsal) return;
    const numbered = { id: `${this.tag}.${++this.sequence}`, event };
    this.recent.push(numbered);
    if (this.recent.length > this.limits.recent) this.recent.splice(0, this.recent.length - this.limits.recent);
    for (const client of this.clients) client.offer(numbered);
  }

  // Where "<tag>.<n>" sits in this hub's sequence; undefined when the events after it are no longer all kept.
  private positionOf(id: string): number | undefined {
    const [tag, n] = id.split('.');
    const position = Number(n);
    if (tag !== this.tag || !Number.isInteger(position) || position < 0 || position > this.sequence) return undefined;
    const oldestKept = this.recent[0] ? sequenceOf(this.recent[0].id) : this.sequence + 1;
    return position + 1 >= oldestKept ? position : undefined;
  }
}

/** One browser's stream: its channel's events, queued until its connection takes them. */
export class LiveClient {
  /** Whether events before the connection were lost to it (it must reload the page). */
  missedSome = false;
  private queue: NumberedLiveEvent[] = [];
  private wake: (() => void) | undefined;
  private closedFlag = false;

  constructor(
    /** The channel watched. */
    readonly channel: string,
    private readonly limit: number,
    private readonly wall: Clock,
    private readonly onClose: (client: LiveClient) => void,
  ) {}

  /** Whether the stream is over (closed by the browser, the server, or dropped for falling behind). */
  get closed(): boolean {
    return this.closedFlag;
  }

  /** Queues an event of this client's channel; drops the client when it has fallen too far behind. */
  offer(numbered: NumberedLiveEvent): void {
    if (this.closedFlag || numbered.event.channel !== this.channel) return;
    if (this.queue.length >= this.limit) {
      this.close();
      return;
    }
    this.queue.push(numbered);
    this.wake?.();
  }

  /**
   * The events waiting, as soon as there are any; an empty list after `idleMs` without one (time for a
   * heartbeat); undefined once closed.
   */
  async next(idleMs: number): Promise<NumberedLiveEvent[] | undefined> {
    if (this.queue.length === 0 && !this.closedFlag) {
      await new Promise<void>((resolve) => {
        const timer = this.wall.at(this.wall.now() + idleMs, () => resolve());
        this.wake = () => {
          timer.cancel();
          resolve();
        };
      });
      this.wake = undefined;
    }
    if (this.closedFlag) return undefined;
    const taken = this.queue;
    this.queue = [];
    return taken;
  }

  /** Ends the stream; harmless twice. */
  close(): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    this.queue = [];
    this.wake?.();
    this.onClose(this);
  }
}

function sequenceOf(id: string): number {
  return Number(id.slice(id.indexOf('.') + 1));
}
