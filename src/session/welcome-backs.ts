import { welcomeBackAfterOf } from '../people/returners.js';
import { SessionMemory } from '../people/session-memory.js';
import { stableHash } from '../people/stable-hash.js';
import type { InboundMessage, MessageAddress, Platform } from '../port.js';
import { fillTemplate } from '../script/fill-template.js';
import { type ChatScript, DEFAULT_WELCOME_BACK, isGuest } from '../script/script-schema.js';
import type { ChatStore } from '../store/chat-store.js';
import type { MessageRow } from '../store/session-rows.js';
import type { PostLedger } from './post-ledger.js';

/** A message as far as a welcome-back needs it: where to reply and who wrote it. */
export interface FirstMessage {
  /** Its address (the welcome-back replies to it). */
  id: MessageAddress;
  /** Its author. */
  author: Pick<InboundMessage['author'], 'id' | 'displayName'>;
}

/**
 * One chat's welcome-backs: someone back after missing enough chats gets one personal reply to their first
 * message, in the script's words. Never a host, a guest, a first-timer (they have no chat to be back from),
 * anyone in a rehearsal, or anyone who asked to be quiet. Each person's past is read once, on their first
 * message, and kept (`memory`) for the closing's milestones.
 */
export class WelcomeBacks {
  // People whose welcome-back was decided in this process: their further messages need no look-up.
  private readonly considered = new Set<string>();
  private readonly after: number;
  /** What this chat remembers of its participants' past: welcome-backs now, milestones at the closing. */
  readonly memory: SessionMemory;

  constructor(
    private readonly deps: { store: ChatStore; platform: Platform },
    private readonly session: {
      id: number;
      community: string;
      script: ChatScript;
      ledger: PostLedger;
      rehearsal?: boolean;
    },
    private readonly inBackground: (work: Promise<unknown>, failure: string) => void,
  ) {
    // A script stored before welcome-backs existed has no setting: the default applies.
    this.after = session.rehearsal ? 0 : welcomeBackAfterOf(session.script);
    this.memory = new SessionMemory(deps.store, session);
  }

  /** A first-timer: new here, nothing to be back from and no past to look up. */
  noteNewcomer(userId: string): void {
    this.considered.add(userId);
    this.memory.noteNewcomer(userId);
  }

  /** Welcomes the author back if this is their first message here and they were away; returns whether it did. */
  consider(message: FirstMessage, fromHost: boolean): boolean {
    const { store, platform } = this.deps;
    const { script, community, ledger, id } = this.session;
    const person = message.author;
    if (fromHost || this.session.rehearsal || this.considered.has(person.id)) return false;
    this.considered.add(person.id);
    // Their past is looked up now, on their first message, so the closing need not read anyone's history.
    this.memory.pastOf(person.id);
    if (isGuest(script.guests, person) || store.quiet.isQuiet(community, person.id)) return false;
    const absence = this.memory.absenceOf(person.id, this.after);
    if (!absence) return false;
    const variants = script.wording.welcomeBack ?? DEFAULT_WELCOME_BACK;
    const text = fillTemplate(variants[(id + stableHash(person.id)) % variants.length]!, {
      name: platform.mention(person.id, person.displayName),
      weeks: absence.weeks,
      hashtag: script.hashtag,
    });
    this.inBackground(
      ledger.postOnce(
        `welcome-back:${person.id}`,
        { kind: 'welcome-back', text, mentions: [person.id] },
        { replyTo: message.id },
      ),
      'Could not welcome someone back',
    );
    return true;
  }

  /**
   * Welcomes back everyone of the chat still owed it (a crash came between their first message and the
   * welcome-back), replying to their first message; settle pending posts first, as for first-timer welcomes.
   */
  owed(): number {
    const { store } = this.deps;
    const firsts = new Map<string, MessageRow>();
    for (const row of store.messages.forSession(this.session.id)) {
      if (row.from_host === 1 || row.deleted_at !== null || firsts.has(row.author_id)) continue;
      firsts.set(row.author_id, row);
    }
    let owed = 0;
    for (const row of firsts.values()) {
      if (row.first_time === 1 || store.posts.get(this.session.id, `welcome-back:${row.author_id}`)) continue;
      const message = { id: row.address, author: { id: row.author_id, displayName: row.author_name } };
      if (this.consider(message, false)) owed++;
    }
    return owed;
  }
}
