/** How urgent a post is: questions, host replies and thanks go before welcomes and applause. */
export type PostPriority = 'high' | 'normal' | 'low';

const ORDER: Record<PostPriority, number> = { high: 0, normal: 1, low: 2 };

interface Job {
  priority: PostPriority;
  seq: number;
  run: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Sends posts one at a time, most urgent first, at most one per `intervalMs` (Slack allows about one
 * message a second per channel), so a burst of welcomes never delays the next question.
 */
export class PriorityPoster {
  private readonly jobs: Job[] = [];
  private busy = false;
  private lastSent = 0;
  private seq = 0;

  constructor(private readonly intervalMs: number) {}

  /** Queues a post; resolves with what `run` resolves. */
  enqueue<T>(priority: PostPriority, run: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.jobs.push({ priority, seq: this.seq++, run, resolve: resolve as (v: unknown) => void, reject });
      this.jobs.sort((a, b) => ORDER[a.priority] - ORDER[b.priority] || a.seq - b.seq);
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.jobs.length > 0) {
        const wait = this.lastSent + this.intervalMs - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const job = this.jobs.shift()!;
        try {
          job.resolve(await job.run());
        } catch (error) {
          job.reject(error);
        }
        this.lastSent = Date.now();
      }
    } finally {
      this.busy = false;
    }
  }
}
