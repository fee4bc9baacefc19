import type { Logger } from '../log.js';

/** What every live event says about the chat it comes from. */
interface LiveChatRef {
  /** The session in the store. */
  sessionId: number;
  /** The channel it runs in. */
  channel: string;
  /** The series (the script's id, its file name under prompts/). */
  series: string;
  /** A rehearsal: watched by nobody but the host who runs it, never shown on the site. */
  rehearsal: boolean;
}

/** A message of a running chat, just stored. */
export interface LiveMessage extends LiveChatRef {
  kind: 'message';
  /** Its address on the platform (for a jump link). */
  address: string;
  /** Who wrote it. */
  author: { id: string; name: string };
  /** Its text, as written: participant text, to be escaped wherever it is shown. */
  text: string;
  /** When it was written, epoch ms. */
  ts: number;
  /** The question it answers, or null when it answers none. */
  question: number | null;
  /** Whether it is its author's first message in the community. */
  firstTime: boolean;
  /** Whether it answers a question that had already closed. */
  late: boolean;
  /** Whether a host wrote it (not an answer, not a participant). */
  fromHost: boolean;
}

/** A first-timer's welcome went out. */
export interface LiveWelcome extends LiveChatRef {
  kind: 'welcomed';
  /** The person welcomed. */
  authorId: string;
}

/** How the chat's step changed. */
export type LiveStepChange = 'opening' | 'question' | 'closing' | 'paused' | 'resumed' | 'extended' | 'ended';

/** The chat moved on, paused, resumed, was extended, is closing or ended. */
export interface LiveStep extends LiveChatRef {
  kind: 'step';
  /** What happened. */
  change: LiveStepChange;
  /** The chat's title. */
  title: string;
  /** running, paused or ended. */
  state: 'running' | 'paused' | 'ended';
  /** The open question (0 in the opening, questionCount + 1 once closing). */
  openQuestion: number;
  /** Questions in the script. */
  questionCount: number;
  /** The open question's text, while a question is open. */
  questionText?: string;
  /** When the step ends on the chat's clock, epoch ms (null while paused or closing). */
  deadline: number | null;
  /** Until the step ends, on the chat's clock (frozen while paused; null once closing). */
  timeLeftMs: number | null;
  /** How much faster than real time the chat's clock runs (1 but in a sped-up demo). */
  clockSpeed: number;
}

/** Someone used forget-me: whoever keeps recent events drops theirs. */
export interface LiveForgotten {
  kind: 'forgotten';
  /** The community they were forgotten in. */
  community: string;
  /** Their user address. */
  userId: string;
  /** Never a rehearsal's. */
  rehearsal: false;
}

/** What happens in a running chat. */
export type LiveChatEvent = LiveMessage | LiveWelcome | LiveStep;

/** Everything the live feed carries. */
export type LiveEvent = LiveChatEvent | LiveForgotten;

/** Told of every live event, synchronously, in order. */
export type LiveListener = (event: LiveEvent) => void;

/**
 * The running chats' events, for whoever watches them (the host console). Publishing never slows or breaks
 * the chat: listeners run synchronously and must only queue work; one that throws is logged and skipped.
 */
export class LiveFeed {
  private readonly listeners = new Set<LiveListener>();

  constructor(private readonly log: Logger) {}

  /** Calls `listener` for every event from now on; returns the way to stop. */
  subscribe(listener: LiveListener): () => void {
    // A wrapper per subscription, so the same function subscribed twice is two subscriptions.
    const entry: LiveListener = (event) => listener(event);
    this.listeners.add(entry);
    return () => this.listeners.delete(entry);
  }

  /** Tells every listener; a failing listener is logged, never the publisher's problem. */
  publish(event: LiveEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.log.warn('A live-feed listener failed; the chat goes on', { kind: event.kind, error });
      }
    }
  }

  /** How many listeners there are (for tests and /healthz-like reports). */
  get listenerCount(): number {
    return this.listeners.size;
  }
}
