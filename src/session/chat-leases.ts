import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { ChatStore } from '../store/chat-store.js';
import type { LeaseRow } from '../store/leases-repo.js';
import type { Clock } from '../time/clock.js';

/** A process that may own chats. */
export interface LeaseOwner {
  /** Unique per process start. */
  id: string;
  /** Its process id. */
  pid: number;
  /** Its host name. */
  host: string;
}

/**
 * How long a claim holds without a heartbeat. A crashed owner's chat waits this long before another process takes it
 * over; heartbeats come every third of it, so one slow write never loses a chat.
 */
export const LEASE_MS = 15_000;

/** This process, as a lease owner. */
export function thisProcess(): LeaseOwner {
  return { id: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`, pid: process.pid, host: hostname() };
}

/**
 * One owner per chat: a process runs a channel's chat only while it holds that channel's lease in the store. Leases
 * use wall-clock time (a demo's sped-up clock is its own; two processes must agree on when a claim lapses).
 */
export class ChatLeases {
  constructor(
    private readonly store: ChatStore,
    /** Wall-clock time. */
    private readonly clock: Clock,
    /** This process. */
    readonly owner: LeaseOwner = thisProcess(),
    /** How long a claim holds without a heartbeat. */
    readonly ttlMs: number = LEASE_MS,
  ) {}

  /**
   * Claims a channel's chat; when another live process holds it, says who. A holder that is a process of this
   * machine that no longer exists (it crashed, and was restarted by hand) is taken over at once: it cannot post
   * any more, and nobody should wait out its lease.
   */
  claim(channel: string): { held: true } | { held: false; holder: LeaseRow } {
    const now = this.clock.now();
    const claim = this.store.leases.claim(channel, this.owner, now, this.ttlMs);
    if (claim.held || !this.isGone(claim.holder)) return claim;
    return this.store.leases.takeOver(channel, claim.holder.owner, this.owner, now, this.ttlMs)
      ? { held: true }
      : claim;
  }

  // Only a process of this machine can be known to be gone; one elsewhere may just be slow.
  private isGone(holder: LeaseRow): boolean {
    if (holder.owner_host !== this.owner.host || holder.owner_pid === this.owner.pid) return false;
    try {
      process.kill(holder.owner_pid, 0);
      return false;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ESRCH';
    }
  }

  /** Whether this process still holds the channel (checked before every post, so a paused owner never posts). */
  holds(channel: string): boolean {
    return this.store.leases.holds(channel, this.owner.id, this.clock.now());
  }

  /** The heartbeat: renews every claim; returns the channels still held. */
  renewAll(): string[] {
    return this.store.leases.renew(this.owner.id, this.clock.now(), this.ttlMs);
  }

  /** Gives a channel up. */
  release(channel: string): void {
    this.store.leases.release(channel, this.owner.id);
  }

  /** "process 4242 on bot-1 since 14:02:07 UTC, last heard 3 s ago", for the message a waiting process prints. */
  describe(holder: LeaseRow): string {
    const since = new Date(holder.acquired_at).toISOString().slice(11, 19);
    const heard = Math.max(0, Math.round((this.clock.now() - holder.heartbeat_at) / 1000));
    return `process ${holder.owner_pid} on ${holder.owner_host} since ${since} UTC, last heard ${heard} s ago`;
  }
}
