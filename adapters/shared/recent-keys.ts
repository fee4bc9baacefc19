/**
 * Keys of events already dispatched, oldest dropped first, so a redelivered event (Slack's retries, a
 * gateway replaying on resume, a catch-up from history after a reconnect) is not handed to the core again.
 * The core is idempotent on message addresses anyway; this only spares it the needless work.
 */
export class RecentKeys {
  private readonly keys = new Set<string>();

  constructor(private readonly capacity = 20_000) {}

  /** Claims `key`: true the first time, false while it is remembered. */
  claim(key: string): boolean {
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    if (this.keys.size > this.capacity) this.keys.delete(this.keys.values().next().value!);
    return true;
  }

  /** Forgets `key`, so a redelivery of an event whose handling failed gets another chance. */
  release(key: string): void {
    this.keys.delete(key);
  }
}
