/** The result of a host control: expected refusals are values with a code, not exceptions. */
export class SessionOutcome {
  private constructor(
    /** Whether the control did what was asked. */
    readonly ok: boolean,
    /** Stable code for a refusal (e.g. "not-paused"); "ok" on success. */
    readonly code: string,
    /** Plain words for the person who asked. */
    readonly text: string,
  ) {}

  /** The control worked. */
  static ok(text: string): SessionOutcome {
    return new SessionOutcome(true, 'ok', text);
  }

  /** The control was refused for an expected reason. */
  static refuse(code: string, text: string): SessionOutcome {
    return new SessionOutcome(false, code, text);
  }
}
