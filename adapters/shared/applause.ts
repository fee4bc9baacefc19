/** An acknowledgement that may be folded into a shared applause post instead of its own reaction. */
export interface Foldable {
  /** Who wrote the answer, as a mention, for the applause. */
  mention: string;
  /** The applause template of the chat ({names}), if it has one. */
  applause?: string;
  /** The channel to applaud in. */
  channel: string;
}

/** Where applause goes and how long one post may be. */
export interface ApplauseOutlet {
  /** Posts `text` in `channel`. */
  applaud: (channel: string, text: string) => Promise<void>;
  /** Reports a failed post (the acknowledgement was tried: the chat goes on). */
  onError: (error: unknown) => void;
  /** The platform's message length; names beyond it go into a further post. */
  maxLength?: number;
}

/**
 * Applauds `items` together: one post per channel naming their authors with the chat's template (more only
 * when the names outgrow the platform's message length). Calls `settle` for each item once its post went
 * out or failed, and resolves when all have.
 */
export async function applaudTogether<T extends Foldable>(
  items: readonly T[],
  outlet: ApplauseOutlet,
  settle: (item: T) => void,
): Promise<void> {
  const byChannel = new Map<string, T[]>();
  for (const item of items) byChannel.set(item.channel, [...(byChannel.get(item.channel) ?? []), item]);
  const posts: Promise<void>[] = [];
  for (const [channel, group] of byChannel) {
    for (const part of splitByLength(group, outlet.maxLength ?? Infinity)) {
      const text = applauseText(part);
      posts.push(
        outlet
          .applaud(channel, text)
          .catch((error: unknown) => outlet.onError(error))
          .finally(() => part.forEach(settle)),
      );
    }
  }
  await Promise.all(posts);
}

function applauseText(items: readonly Foldable[]): string {
  const names = [...new Set(items.map((i) => i.mention).filter(Boolean))].join(', ');
  return items[0]!.applause!.replace('{names}', names);
}

// Consecutive runs of items whose applause fits `maxLength`; a single item always makes a run of its own.
function splitByLength<T extends Foldable>(items: T[], maxLength: number): T[][] {
  const runs: T[][] = [];
  let run: T[] = [];
  for (const item of items) {
    if (run.length > 0 && applauseText([...run, item]).length > maxLength) {
      runs.push(run);
      run = [];
    }
    run.push(item);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}
