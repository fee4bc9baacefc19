import { existsSync } from 'node:fs';
import { readCoreConfig, type CoreConfig } from '../src/config/core-config.js';
import { createLogger, type Logger } from '../src/log.js';

/** What every command starts from: validated settings and a logger. */
export interface Environment {
  /** The core's settings. */
  config: CoreConfig;
  /** The raw variables, for the adapters' own validation. */
  env: Record<string, string | undefined>;
  /** Logs to stderr, tokens redacted. */
  log: Logger;
}

/**
 * Reads `.env` (when present) under the real environment, which wins, and validates the core settings.
 * Only entry points call this: nothing in src/ or adapters/ reads process.env.
 */
export function loadEnvironment(envFile = '.env'): Environment {
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  const env = { ...process.env };
  const config = readCoreConfig(env);
  return { config, env, log: createLogger(config.EMCEE_LOG_LEVEL) };
}
