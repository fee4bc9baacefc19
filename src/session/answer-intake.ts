import { attribute, type Attribution } from '../attribution/attribute.js';
import type { Logger } from '../log.js';
import type { SessionMemory } from '../people/session-memory.js';
import type { InboundEdit, InboundMessage, MessageAddress, Platform } from '../port.js';
import { fillTemplate } from '../script/fill-template.js';
import { type ChatScript, isGuest } from '../script/script-schema.js';
import type { AddressedPerson } from '../people/addressing.js';
import type { ChatStore } from '../store/chat-store.js';
import type { LiveFeed } from '../service/live-feed.js';
import type { Clock } from '../time/clock.js';
import type { PostLedger } from './post-ledger.js';
import { WelcomeBacks } from './welcome-backs.js';

/** Where the chat stands when a message arrives: what attribution judges it against. */
export interface ChatPosition {
  /** The open question (0 in the opening, questionCount + 1 once closing). */
  openQuestion: number;
  /** How many questions have been asked. */
  askedQuestions: number;
}

/**
 * Takes in a session's messages: stores each with its attribution (idempotent on the message address),
 * acknowledges answers and welcomes first-timers without making the caller wait for the platform.
 */
export class AnswerIntake {
  private readonly background = new Set<Promise<unknown>>();
  // Messages waiting for a busy or full database, so a redelivery meanwhile is not taken twice.
  private readonly queued = new Set<MessageAddress>();
  // Who was recorded in the participants table during this chat, under which name.
  private readonly recorded = new Map<string, string>();
  // Acknowledgements sent and not yet recorded, and the write that will record them.
  private readonly acked: MessageAddress[] = [];
  private ackFlush: Promise<void> | undefined;
  private readonly welcomeBacks: WelcomeBacks;

  constructor(
    private readonly deps: { store: ChatStore; platform: Platform; clock: Clock; log: Logger; live?: LiveFeed },
    private readonly session: {
      id: number;
      community: string;
      /** The channel it runs in. */
      channel: string;
      script: ChatScript;
      ledger: PostLedger;
      /** A rehearsal records no one in the community: nobody is a first-timer, nothing counts. */
      rehearsal?: boolean;
    },
  ) {
    this.welcomeBacks = new WelcomeBacks(deps, session, (work, failure) => this.inBackground(work, failure));
  }

  /** What this chat remembers of its participants' past: welcome-backs now, milestones at the closing. */
  get memory(): SessionMemory {
    return this.welcomeBacks.memory;
  }

  /**
   * Stores a message with its attribution; acknowledges answers and welcomes first-timers. Returns whether
   * it was new (false for a bot's message or a redelivery).
   */
  handleMessage(message: InboundMessage, position: ChatPosition): boolean {
    if (message.author.isBot) return false;
    const { store, clock } = this.deps;
    // In a rehearsal the host plays a participant: their answers are acknowledged and thanked like anyone's.
    const fromHost = message.author.isHost && !this.session.rehearsal;
    const attribution = this.attributeText(message.text, fromHost, message.replyTo, position);
    const record = () =>
      store.transaction(() => {
        const guest = isGuest(this.session.script.guests, message.author);
        // Someone already recorded in this chat under this name needs no second write per message.
        const seen =
          !fromHost &&
          !this.session.rehearsal &&
          this.recorded.get(message.author.id) !== message.author.displayName &&
          store.participants.recordSeen({
            communityId: this.session.community,
            userId: message.author.id,
            displayName: message.author.displayName,
            sessionId: this.session.id,
            now: clock.now(),
          });
        // A guest is never welcomed (nor counted) as a first-timer.
        const isNew = seen && !guest;
        const inserted = store.messages.insert({
          address: message.id,
          session_id: this.session.id,
          author_id: message.author.id,
          author_name: message.author.displayName,
          text: message.text,
          ts: message.ts,
          reply_to: message.replyTo ?? null,
          from_host: fromHost ? 1 : 0,
          first_time: isNew ? 1 : 0,
          open_question: position.openQuestion,
          asked_questions: position.askedQuestions,
          received_at: clock.now(),
          ...attributionColumns(attribution),
        });
        return inserted ? isNew : undefined;
      });
    const remember = () => {
      if (!fromHost && !this.session.rehearsal) this.recorded.set(message.author.id, message.author.displayName);
    };
    const now = store.writes.tryNow(record);
    if (now.written) remember();
    if (!now.written) {
      // The database is busy or full: the message waits in order to be written, and is acknowledged meanwhile.
      if (this.queued.has(message.id) || store.messages.get(message.id)) return false;
      this.queued.add(message.id);
      if (attribution.question !== null) this.acknowledge(message.id, message.author);
      this.inBackground(
        now.done.then((firstTime) => {
          this.queued.delete(message.id);
          remember();
          if (firstTime !== undefined) this.publishStored(message, attribution, fromHost, firstTime);
          if (firstTime) this.welcome(message);
          else if (firstTime === false) this.welcomeBacks.consider(message, fromHost);
        }),
        'Could not store a message',
      );
      return true;
    }
    const firstTime = now.value;
    if (firstTime === undefined) return false; // a redelivery: already handled
    this.publishStored(message, attribution, fromHost, firstTime);
    if (attribution.question !== null) this.acknowledge(message.id, message.author);
    if (firstTime) this.welcome(message);
    else this.welcomeBacks.consider(message, fromHost);
    return true;
  }

  /** Acknowledges every answer of the session still owed one (a crash came between storing and reacting). */
  acknowledgeOwed(): number {
    const { store } = this.deps;
    const owed = store.messages.unacknowledgedAnswers(this.session.id);
    for (const address of owed) {
      const row = store.messages.get(address);
      this.acknowledge(address, { id: row?.author_id ?? '', displayName: row?.author_name ?? '' });
    }
    return owed.length;
  }

  /**
   * Welcomes every first-timer of the session still owed a welcome: a crash came between storing their first
   * message and posting the welcome (settle pending posts first, so one that went out is not sent again).
   */
  welcomeOwed(): number {
    const { store } = this.deps;
    let owed = 0;
    for (const row of store.messages.forSession(this.session.id)) {
      if (row.first_time !== 1 || row.deleted_at !== null) continue;
      if (store.posts.get(this.session.id, `first-timer:${row.author_id}`)) continue;
      if (store.quiet.isQuiet(this.session.community, row.author_id)) continue;
      this.welcome({ id: row.address, author: { id: row.author_id, displayName: row.author_name } });
      owed++;
    }
    return owed;
  }

  /** Welcomes back everyone of the session still owed it (a crash came between their first message and it). */
  welcomeBackOwed(): number {
    return this.welcomeBacks.owed();
  }

  /** Attributes an edited message again, with the position it first arrived in. */
  handleEdit(edit: InboundEdit): void {
    const stored = this.deps.store.messages.get(edit.id);
    if (!stored || stored.session_id !== this.session.id) return;
    const attribution = this.attributeText(edit.text, stored.from_host === 1, stored.reply_to ?? undefined, {
      openQuestion: stored.open_question,
      askedQuestions: stored.asked_questions,
    });
    const { store } = this.deps;
    const fields = { text: edit.text, edited_at: edit.editedAt, ...attributionColumns(attribution) };
    this.inBackground(
      store.writes.write(() => store.messages.applyEdit(edit.id, fields)),
      'Could not store an edit',
    );
    if (attribution.question !== null && stored.question_number === null) {
      this.acknowledge(edit.id, { id: stored.author_id, displayName: stored.author_name });
    }
  }

  /** Marks a message deleted: it leaves the recap and the counts, and stays in the store. */
  handleDelete(id: MessageAddress): void {
    const stored = this.deps.store.messages.get(id);
    if (!stored || stored.session_id !== this.session.id) return;
    const { store, clock } = this.deps;
    const at = clock.now();
    this.inBackground(
      store.writes.write(() => store.messages.markDeleted(id, at)),
      'Could not store a delete',
    );
  }

  /** Waits for acknowledgements and welcomes still in flight. */
  async drain(): Promise<void> {
    while (this.background.size > 0) await Promise.allSettled([...this.background]);
  }

  private attributeText(
    text: string,
    fromHost: boolean,
    replyTo: string | undefined,
    position: ChatPosition,
  ): Attribution {
    return attribute(
      { text, fromHostOrBot: fromHost, replyTo },
      {
        questionCount: this.session.script.questions.length,
        askedQuestions: position.askedQuestions,
        openQuestion: position.openQuestion,
        questionOfMessage: (address) => this.deps.store.posts.questionAt(address),
      },
    );
  }

  // A reaction pings nobody, so a quiet person's answer gets one too; only an applause replacing it names them.
  private acknowledge(address: MessageAddress, author: AddressedPerson): void {
    const { platform, store } = this.deps;
    const { acknowledgement, applause } = this.session.script.wording;
    const quiet = store.quiet.isQuiet(this.session.community, author.id);
    const reaction = {
      ...acknowledgement,
      applause,
      ...(quiet ? { quietName: platform.quote(author.displayName) } : {}),
    };
    this.inBackground(
      platform.react(address, reaction).then(() => this.recordAcknowledged(address)),
      'Could not acknowledge an answer',
    );
  }

  // Acknowledgements sent in the same turn of the event loop are recorded in one transaction: under a burst of
  // answers that is one write instead of one per answer.
  private recordAcknowledged(address: MessageAddress): Promise<void> {
    const { store, clock } = this.deps;
    this.acked.push(address);
    this.ackFlush ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      const batch = this.acked.splice(0);
      this.ackFlush = undefined;
      const at = clock.now();
      return store.writes.write(() =>
        store.transaction(() => {
          for (const acked of batch) store.messages.markAcknowledged(acked, at);
        }),
      );
    });
    return this.ackFlush;
  }

  // Someone who asked to be quiet is not welcomed: a welcome is a ping.
  private welcome(message: { id: MessageAddress; author: Pick<InboundMessage['author'], 'id' | 'displayName'> }): void {
    const { script, community, ledger } = this.session;
    this.welcomeBacks.noteNewcomer(message.author.id);
    if (this.deps.store.quiet.isQuiet(community, message.author.id)) return;
    const variants = script.wording.firstTimerWelcome;
    const index = this.deps.store.participants.count(community) % variants.length;
    const text = fillTemplate(variants[index]!, {
      name: this.deps.platform.mention(message.author.id, message.author.displayName),
      hashtag: script.hashtag,
    });
    this.inBackground(
      ledger
        .postOnce(
          `first-timer:${message.author.id}`,
          { kind: 'first-timer', text, mentions: [message.author.id] },
          { replyTo: message.id },
        )
        .then(() => this.deps.live?.publish({ kind: 'welcomed', ...this.liveRef(), authorId: message.author.id })),
      'Could not welcome a first-timer',
    );
  }

  // Watchers (the host console) see each message once, as it is stored.
  private publishStored(message: InboundMessage, attribution: Attribution, fromHost: boolean, firstTime: boolean) {
    this.deps.live?.publish({
      kind: 'message',
      ...this.liveRef(),
      address: message.id,
      author: { id: message.author.id, name: message.author.displayName },
      text: message.text,
      ts: message.ts,
      question: attribution.question,
      firstTime,
      late: attribution.question !== null && attribution.late,
      fromHost,
    });
  }

  private liveRef() {
    const { id, script, channel, rehearsal } = this.session;
    return { sessionId: id, channel, series: script.id, rehearsal: rehearsal === true };
  }

  private inBackground(promise: Promise<unknown>, failure: string): void {
    const tracked = promise
      .catch((error: unknown) => this.deps.log.warn(failure, { session: this.session.id, error }))
      .finally(() => this.background.delete(tracked));
    this.background.add(tracked);
  }
}

function attributionColumns(attribution: Attribution) {
  return attribution.question === null
    ? { question_number: null, part: null, late: 0, via: null, reason: attribution.reason }
    : {
        question_number: attribution.question,
        part: attribution.part ?? null,
        late: attribution.late ? 1 : 0,
        via: attribution.via,
        reason: null,
      };
}
