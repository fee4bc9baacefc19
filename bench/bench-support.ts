import { mkdtempSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MessageAddress, OutboundMessage, Platform, PlatformLimits, PostedMessage, Reaction } from '../src/port.js';
import type { Clock } from '../src/time/clock.js';

/** One row of the results table: a figure beside its limit or target, measured in the same run. */
export interface BenchRow {
  scenario: string;
  figure: string;
  target: string;
  met: boolean | null;
  note?: string;
}

/** A scenario's outcome: rows for the table and raw numbers for the JSON. */
export interface BenchResult {
  rows: BenchRow[];
  data: Record<string, unknown>;
}

/** The machine, recorded with every table. */
export function machine(): Record<string, string | number> {
  const cpu = cpus();
  return { cores: cpu.length, cpu: cpu[0]?.model ?? 'unknown', node: process.version, platform: `${process.platform} ${process.arch}`, date: new Date().toISOString() };
}

/** A fresh temporary directory for a scenario's files. */
export function scratchDir(name: string): string {
  return mkdtempSync(join(tmpdir(), `emcee-bench-${name}-`));
}

/** Percentile of sorted numbers (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Fixed decimals. */
export function fmt(value: number, digits = 2): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

/** A platform that answers at once and records when each post happened on the chat's clock. */
export class BenchPlatform implements Platform {
  readonly name = 'bench';
  readonly posts: { channel: string; message: OutboundMessage; at: number }[] = [];
  reactions = 0;
  private seq = 0;

  constructor(
    private readonly clock: Clock,
    readonly limits: PlatformLimits = { messageLength: 4000, mentionsPerMessage: 100 },
    private readonly keepPosts = true,
  ) {}

  async post(channel: string, message: OutboundMessage): Promise<PostedMessage> {
    if (this.keepPosts || message.kind === 'question') this.posts.push({ channel, message, at: this.clock.now() });
    return { address: `${channel}:b${++this.seq}` };
  }

  async reply(to: MessageAddress, message: OutboundMessage): Promise<PostedMessage> {
    return this.post(to, message);
  }

  async react(_to: MessageAddress, _reaction: Reaction): Promise<void> {
    this.reactions++;
  }

  mention(user: string): string {
    return `<@${user}>`;
  }

  quote(text: string): string {
    return text;
  }
}
