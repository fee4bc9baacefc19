import { z } from 'zod';

/** The core's settings, from the environment (and .env). Platform settings belong to their adapters. */
export const coreConfigSchema = z.object({
  EMCEE_DB: z.string().min(1).default('data/emcee.db').describe('SQLite database file'),
  EMCEE_RECAP_DIR: z.string().min(1).default('data/recaps').describe('where recaps are written'),
  EMCEE_PROMPTS_DIR: z.string().min(1).default('prompts').describe('where chat scripts live'),
  EMCEE_LOCAL_ROOM: z.string().min(1).default('data/local-room.jsonl').describe("the terminal room's history"),
  EMCEE_CATCH_UP: z.enum(['resume', 'compress', 'close']).default('resume').describe('after a restart'),
  EMCEE_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  EMCEE_LLM_URL: z.url('must be a URL such as http://127.0.0.1:8080/v1/chat/completions').optional(),
  EMCEE_LLM_MODEL: z.string().min(1).optional(),
  EMCEE_LLM_API_KEY: z.string().min(1).optional(),
  EMCEE_LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
});

/** Validated core settings. */
export type CoreConfig = z.infer<typeof coreConfigSchema>;

/** A setting that cannot be used; the message names the variable and the fix. */
export class ConfigError extends Error {
  /** Stable code for callers. */
  readonly code = 'CONFIG_INVALID';
}

/** Validates the environment; empty strings count as unset, as in most .env files. */
export function readCoreConfig(env: Record<string, string | undefined>): CoreConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = coreConfigSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      'Invalid settings in the environment or .env:\n' +
        result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n'),
    );
  }
  if (result.data.EMCEE_LLM_URL && !result.data.EMCEE_LLM_MODEL) {
    throw new ConfigError('EMCEE_LLM_URL is set but EMCEE_LLM_MODEL is not: name the model to use, or unset both.');
  }
  return result.data;
}
