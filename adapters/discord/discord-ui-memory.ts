import { randomBytes } from 'node:crypto';
import type { CommandForm, CommandReply } from '../../src/port.js';

/** How long typed values, lists and long ids are kept: as long as Discord lets the bot edit an interaction's reply. */
export const UI_MEMORY_TTL_MS = 15 * 60_000;
// An opened form may stay open for a long while before it is sent.
const FORM_TTL_MS = 24 * 60 * 60_000;
// Enough for a busy community; the oldest entry goes first.
const MOST_ENTRIES = 1000;

/** A submission kept so the person can open the form again with what they typed. */
export interface Draft {
  /** The form as it was shown. */
  form: CommandForm;
  /** What was typed, by field id (pre-fills the reopened form). */
  typed: Record<string, string>;
}

/** A reply whose buttons are shown a page at a time. */
export interface KeptList {
  /** The reply's text and items. */
  reply: Pick<CommandReply, 'text' | 'items'>;
}

class ExpiringMap<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= MOST_ENTRIES) break;
      this.entries.delete(oldest);
    }
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }
}

/**
 * What the Discord adapter remembers between interactions, in memory only: forms it opened (to offer
 * them again), typed values of submissions that were refused or failed, paged lists, and short keys for
 * ids too long for a custom_id (100 characters). A restart forgets it all; each reader says what to do
 * then (run the command again), and a submission is still read from its own payload.
 */
export class DiscordUiMemory {
  private readonly forms: ExpiringMap<CommandForm>;
  private readonly drafts: ExpiringMap<Draft>;
  private readonly lists: ExpiringMap<KeptList>;
  private readonly longIds: ExpiringMap<string>;

  constructor(now: () => number = Date.now) {
    this.forms = new ExpiringMap(FORM_TTL_MS, now);
    this.drafts = new ExpiringMap(UI_MEMORY_TTL_MS, now);
    this.lists = new ExpiringMap(UI_MEMORY_TTL_MS, now);
    this.longIds = new ExpiringMap(FORM_TTL_MS, now);
  }

  /** Remembers an opened form by its id. */
  keepForm(form: CommandForm): void {
    this.forms.set(form.id, form);
  }

  /** A form opened earlier, by its id. */
  form(id: string): CommandForm | undefined {
    return this.forms.get(id);
  }

  /** Keeps a draft for 15 minutes; returns its key. */
  keepDraft(draft: Draft): string {
    const key = newKey();
    this.drafts.set(key, draft);
    return key;
  }

  /** A draft by key, unless it expired. */
  draft(key: string): Draft | undefined {
    return this.drafts.get(key);
  }

  /** Keeps a paged list for 15 minutes; returns its key. */
  keepList(list: KeptList): string {
    const key = newKey();
    this.lists.set(key, list);
    return key;
  }

  /** A paged list by key, unless it expired. */
  list(key: string): KeptList | undefined {
    return this.lists.get(key);
  }

  /** A short key standing for an id too long to fit in a custom_id. */
  shorten(id: string): string {
    const key = newKey();
    this.longIds.set(key, id);
    return key;
  }

  /** The id a short key stands for. */
  longId(key: string): string | undefined {
    return this.longIds.get(key);
  }
}

// 8 characters of base64url: unguessable enough for ids that only ever reach the person who clicked.
function newKey(): string {
  return randomBytes(6).toString('base64url');
}
