import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  MessageAddress,
  OutboundMessage,
  Platform,
  PlatformLimits,
  PostedMessage,
  Reaction,
} from '../src/port.js';
import { SeededRandom } from '../adapters/local/seeded-random.js';
import { ChatStore } from '../src/store/chat-store.js';
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

/** The machine, recorded with every table; the load average shows whether other work shared the cores. */
export function machine(): Record<string, string | number> {
  const cpu = cpus();
  return {
    cores: cpu.length,
    cpu: cpu[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString(),
    loadAverage1m: Number(loadavg()[0]!.toFixed(2)),
  };
}

/** A fresh temporary directory for a scenario's files. */
export function scratchDir(name: string): string {
  return mkdtempSync(join(tmpdir(), `emcee-bench-${name}-`));
}

/** Runs `use` on a store in a fresh scratch directory, then closes the store and removes the directory. */
export async function withScratchStore<T>(
  name: string,
  use: (store: ChatStore, dir: string) => Promise<T>,
): Promise<T> {
  const dir = scratchDir(name);
  const store = ChatStore.open(join(dir, `${name}.db`));
  try {
    return await use(store, dir);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Floats in [0, 1) from a seed, so every run generates the same data. */
export function seededRandom(seed: number): () => number {
  const random = new SeededRandom(seed);
  return () => random.next();
}

/** What `fn` returned and how long it took, in ms. */
export function timed<T>(fn: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = fn();
  return { result, ms: performance.now() - started };
}

/** How long `fn` took, in ms. */
export function timeMs(fn: () => unknown): number {
  return timed(fn).ms;
}

/** How long `fn`'s promise took to settle, in ms. */
export async function timeMsAsync(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** The middle value (the upper one of an even count), without sorting the caller's array. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Percentile of sorted numbers (nearest rank). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
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
  readonly posts: { address: string; channel: string; message: OutboundMessage; at: number }[] = [];
  reactions = 0;
  private seq = 0;

  constructor(
    private readonly clock: Clock,
    readonly limits: PlatformLimits = { messageLength: 4000, mentionsPerMessage: 100 },
    private readonly keepPosts = true,
  ) {}

  async post(channel: string, message: OutboundMessage): Promise<PostedMessage> {
    const address = `${channel}:b${++this.seq}`;
    if (this.keepPosts || message.kind === 'question')
      this.posts.push({ address, channel, message, at: this.clock.now() });
    return { address };
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

/**
 * How much of the machine other processes used while a scenario ran: every core's busy time from
 * /proc/stat minus this process's own CPU time, as a share of all cores. Real-time figures (lateness,
 * start-up) depend on it; on a machine shared with test runs it explains outliers. Linux only.
 */
export function contentionMeter(): () => { othersShare: number; ownShare: number } | undefined {
  const busy = (): number | undefined => {
    try {
      const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
      const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
      return ((user + nice + system + irq + softirq + steal) / clockTicks) * 1000; // ms
    } catch {
      return undefined;
    }
  };
  const startBusy = busy();
  const startOwn = process.cpuUsage();
  const startWall = performance.now();
  return () => {
    const endBusy = busy();
    if (startBusy === undefined || endBusy === undefined) return undefined;
    const own = process.cpuUsage(startOwn);
    const wall = performance.now() - startWall;
    const capacity = wall * cpus().length;
    const ownMs = (own.user + own.system) / 1000;
    return { othersShare: Math.max(0, (endBusy - startBusy - ownMs) / capacity), ownShare: ownMs / capacity };
  };
}

// USER_HZ: 100 on every Linux distribution Node supports.
const clockTicks = 100;
