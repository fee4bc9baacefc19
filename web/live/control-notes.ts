import { randomBytes } from 'node:crypto';
import type { Clock } from '../../src/time/clock.js';
import type { ControlNote } from './console-page.js';

const KEPT_MS = 5 * 60_000;
const MOST = 200;

/**
 * A command's reply kept for the page the browser is redirected to after a plain form post (no script): read
 * once, by the host who gave the command, within five minutes. A note in the address could be forged by a link.
 */
export class ControlNotes {
  private readonly notes = new Map<string, { identity: string; note: ControlNote; until: number }>();

  constructor(private readonly wall: Clock) {}

  /** Keeps a reply for `identity`; returns its key for the redirect. */
  put(identity: string, note: ControlNote): string {
    const now = this.wall.now();
    for (const [key, kept] of this.notes) if (kept.until < now || this.notes.size >= MOST) this.notes.delete(key);
    const key = randomBytes(8).toString('hex');
    this.notes.set(key, { identity, note, until: now + KEPT_MS });
    return key;
  }

  /** The reply under `key`, once, if it is this host's and still fresh. */
  take(identity: string, key: string | undefined): ControlNote | undefined {
    const kept = key === undefined ? undefined : this.notes.get(key);
    if (!kept || kept.identity !== identity) return undefined;
    this.notes.delete(key!);
    return kept.until >= this.wall.now() ? kept.note : undefined;
  }
}
