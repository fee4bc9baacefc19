/** Where the core reports what it does. Bugs are logged as errors; expected outcomes are not logged as errors. */
export interface Logger {
  /** Routine progress. */
  info(message: string, details?: Record<string, unknown>): void;
  /** Something went wrong that the bot survived. */
  warn(message: string, details?: Record<string, unknown>): void;
  /** A bug or a failed platform call. */
  error(message: string, details?: Record<string, unknown>): void;
  /** Detail for troubleshooting, shown with EMCEE_LOG_LEVEL=debug. */
  debug(message: string, details?: Record<string, unknown>): void;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 };

// Slack (xoxb-, xapp-, xoxp-) and Discord (three base64url parts) tokens, plus bearer headers.
const SECRET_PATTERNS = [
  /xox[abposr]-[A-Za-z0-9-]+/g,
  /xapp-[A-Za-z0-9-]+/g,
  /[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,40}/g,
  /(Bearer|Bot)\s+[A-Za-z0-9._-]{16,}/g,
];

/** Replaces anything that looks like a platform token with a marker, so tokens never reach a log. */
export function redactSecrets(text: string): string {
  return SECRET_PATTERNS.reduce((acc, pattern) => acc.replace(pattern, '[redacted]'), text);
}

/** A logger writing one line per entry to `write` (stderr by default), secrets redacted. */
export function createLogger(
  level: LogLevel = 'info',
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Logger {
  const emit = (entryLevel: LogLevel, message: string, details?: Record<string, unknown>) => {
    if (ORDER[entryLevel] < ORDER[level]) return;
    const suffix = details ? ` ${safeJson(details)}` : '';
    write(redactSecrets(`${new Date().toISOString()} ${entryLevel.padEnd(5)} ${message}${suffix}`));
  };
  return {
    debug: (m, d) => emit('debug', m, d),
    info: (m, d) => emit('info', m, d),
    warn: (m, d) => emit('warn', m, d),
    error: (m, d) => emit('error', m, d),
  };
}

/** A logger that drops everything, for tests and benchmarks. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

function safeJson(details: Record<string, unknown>): string {
  return JSON.stringify(details, (_key, value: unknown) =>
    value instanceof Error ? { name: value.name, message: value.message } : value,
  );
}
