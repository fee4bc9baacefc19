/**
 * What the site's routes must finish before the server closes (live streams say goodbye, so a browser stops
 * reconnecting instead of failing): routes register, the server runs them once when it stops.
 */
export class WebLifecycle {
  private readonly closers: (() => void)[] = [];

  /** Runs `closer` when the server stops. */
  onClose(closer: () => void): void {
    this.closers.push(closer);
  }

  /** Runs every closer once; a failing one does not keep the others from running. */
  close(): void {
    for (const closer of this.closers.splice(0)) {
      try {
        closer();
      } catch {
        // The server is stopping either way.
      }
    }
  }
}
