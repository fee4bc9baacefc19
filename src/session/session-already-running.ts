/** Starting a chat where one is already running. */
export class SessionAlreadyRunning extends Error {
  /** Stable code for callers. */
  readonly code = 'SESSION_ALREADY_RUNNING';
  constructor(title: string) {
    super(`"${title}" is already running in this channel. End it first with "end".`);
  }
}
