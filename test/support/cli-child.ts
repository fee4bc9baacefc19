import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The real CLI (bin/emcee.js) running as a child process, its stdout and stderr gathered as they come. */
export interface CliChild {
  /** The process. */
  child: ChildProcessWithoutNullStreams;
  /** Everything printed so far, stdout and stderr interleaved. */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Whether the process has exited. */
  hasExited(): boolean;
  /** Types a line at its stdin; a line typed at a process that just died is lost, as it would be. */
  type(line: string): void;
}

/** Starts `emcee <args>` from the repository root with `env` over the test's environment. */
export function startCli(args: string[], env: Record<string, string> = {}): CliChild {
  const child = spawn(process.execPath, ['bin/emcee.js', ...args], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1', EMCEE_LOG_LEVEL: 'warn', ...env },
  });
  let out = '';
  let done = false;
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (out += chunk));
  // Writing to a process killed a moment ago fails with EPIPE: the line is simply lost.
  child.stdin.on('error', () => undefined);
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      done = true;
      resolve(code);
    }),
  );
  return {
    child,
    output: () => out,
    exited,
    hasExited: () => done || child.exitCode !== null || child.signalCode !== null,
    type: (line) => {
      if (!done && child.stdin.writable) child.stdin.write(`${line}\n`);
    },
  };
}
