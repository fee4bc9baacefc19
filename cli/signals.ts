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
 * SIGINT calls `interrupt` once when given, and stops like SIGTERM otherwise or the second time; once stopping,
 * a further SIGTERM is ignored (the stop drains acknowledgements) and a further Ctrl-C quits at once.
 */
export function watchSignals(handlers: SignalHandlers = {}): WatchedSignals {
  let terminate!: () => void;
  const terminated = new Promise<void>((resolve) => (terminate = resolve));
  let interrupted = false;
  let terminating = false;
  const onTerminate = () => {
    terminating = true;
    terminate();
  };
  const onInterrupt = () => {
    // A person pressing Ctrl-C yet again while the bot stops wants out now.
    if (terminating) process.exit(130);
    if (handlers.interrupt && !interrupted) {
      interrupted = true;
      handlers.interrupt();
      return;
    }
    onTerminate();
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onTerminate);
  return {
    terminated,
    dispose() {
      process.removeListener('SIGINT', onInterrupt);
      process.removeListener('SIGTERM', onTerminate);
    },
  };
}
