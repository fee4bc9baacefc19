import { Repo } from './repo.js';

/** Who runs a channel's chat, and until when that claim holds without a heartbeat. */
export interface LeaseRow {
  /** The channel whose chat is owned. */
  channel: string;
  /** The owning process's id (host, pid and a random part, unique per process start). */
  owner: string;
  /** Its process id, for people reading the message. */
  owner_pid: number;
  /** Its host name. */
  owner_host: string;
  /** When it took the chat, epoch ms. */
  acquired_at: number;
  /** Its last heartbeat, epoch ms. */
  heartbeat_at: number;
  /** When the claim lapses unless renewed, epoch ms. */
  expires_at: number;
}

/** One owner per chat: claims on channels, renewed by heartbeats, taken over only once they lapse. */
export class LeasesRepo extends Repo {
  /**
   * Claims `channel` for `owner` when it is free, already `owner`'s, or lapsed; otherwise returns the
   * current holder. Atomic: two processes claiming at once cannot both win.
   */
  claim(
    channel: string,
    owner: { id: string; pid: number; host: string },
    now: number,
    ttlMs: number,
  ): { held: true } | { held: false; holder: LeaseRow } {
    return this.db
      .transaction(() => {
        const current = this.get(channel);
        if (current && current.owner !== owner.id && current.expires_at > now)
          return { held: false as const, holder: current };
        const acquired = current?.owner === owner.id ? current.acquired_at : now;
        this.statement(
          `INSERT INTO chat_leases (channel, owner, owner_pid, owner_host, acquired_at, heartbeat_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (channel) DO UPDATE SET owner = excluded.owner, owner_pid = excluded.owner_pid,
           owner_host = excluded.owner_host, acquired_at = excluded.acquired_at,
           heartbeat_at = excluded.heartbeat_at, expires_at = excluded.expires_at`,
        ).run(channel, owner.id, owner.pid, owner.host, acquired, now, now + ttlMs);
        return { held: true as const };
      })
      .immediate();
  }

  /** Takes a claim over from `fromOwner` (known to be gone); false if someone else changed it meanwhile. */
  takeOver(
    channel: string,
    fromOwner: string,
    owner: { id: string; pid: number; host: string },
    now: number,
    ttlMs: number,
  ): boolean {
    const result = this.statement(
      `UPDATE chat_leases SET owner = ?, owner_pid = ?, owner_host = ?, acquired_at = ?, heartbeat_at = ?,
         expires_at = ?
       WHERE channel = ? AND owner = ?`,
    ).run(owner.id, owner.pid, owner.host, now, now, now + ttlMs, channel, fromOwner);
    return result.changes === 1;
  }

  /** Renews every claim of `owner`; returns the channels it still holds. */
  renew(ownerId: string, now: number, ttlMs: number): string[] {
    this.statement('UPDATE chat_leases SET heartbeat_at = ?, expires_at = ? WHERE owner = ?').run(
      now,
      now + ttlMs,
      ownerId,
    );
    return (
      this.statement('SELECT channel FROM chat_leases WHERE owner = ?').all(ownerId) as { channel: string }[]
    ).map((row) => row.channel);
  }

  /** Whether `owner` holds `channel` at `now`. */
  holds(channel: string, ownerId: string, now: number): boolean {
    const row = this.get(channel);
    return row !== undefined && row.owner === ownerId && row.expires_at > now;
  }

  /** Gives up a claim (the chat ended, or the process stops cleanly so another may take over at once). */
  release(channel: string, ownerId: string): void {
    this.statement('DELETE FROM chat_leases WHERE channel = ? AND owner = ?').run(channel, ownerId);
  }

  /** The claim on a channel, if any. */
  get(channel: string): LeaseRow | undefined {
    return this.statement('SELECT * FROM chat_leases WHERE channel = ?').get(channel) as LeaseRow | undefined;
  }
}
