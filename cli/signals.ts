/** What a long-running command does on each signal. */
export interface SignalHandlers {
  /** Ctrl-C: the first one asks politely (e.g. end the chat with thanks); the second quits like SIGTERM. */
  interrupt?: () => void;
}

/** Signals being watched: `terminated` resolves on SIGTERM (or a second Ctrl-C); dispose removes the handlers. */
export interface WatchedSignals {
  /** Resolves when the process is asked to stop now, leaving unfinished chats to resume. */
  terminated: Promise<void>;
  /** Removes the handlers. */
  dispose(): void;
}

/**
 * One place for signal handling of every serving command: SIGTERM stops (chats resume on the next start);
 * SIGINT calls `interrupt` once when given, and stops like SIGTERM otherwise or the second time.
 */
export function watchSignals(handlers: SignalHandlers = {}): WatchedSignals {
  let terminate!: () => void;
  const terminated = new Promise<void>((resolve) => (terminate = resolve));
  let interrupted = false;
  const onInterrupt = () => {
    if (handlers.interrupt && !interrupted) {
      interrupted = true;
      handlers.interrupt();
      return;
    }
    terminate();
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', terminate);
  return {
    terminated,
    dispose() {
      process.removeListener('SIGINT', onInterrupt);
      process.removeListener('SIGTERM', terminate);
    },
  };
}
