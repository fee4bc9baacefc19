/** The streams a command talks through: the real ones in the CLI, buffers in tests. */
export interface CommandIO {
  /** Where the person types. */
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Results and the chat room. */
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Errors and progress. */
  stderr: NodeJS.WritableStream;
}
