import { z } from 'zod';
import { readAs, readSettings, setting, settingsError, settingsShape, SettingsError } from './setting-spec.js';

/** The core's settings, declared once. Platform settings belong to their adapters. */
export const CORE_SETTINGS = [
  setting({
    name: 'EMCEE_DB',
    schema: z.string().min(1).default('data/emcee.db'),
    description: 'the SQLite database (created on first run; never commit it)',
  }),
  setting({
    name: 'EMCEE_RECAP_DIR',
    schema: z.string().min(1).default('data/recaps'),
    description: 'where recaps are written (md, html, json per chat)',
  }),
  setting({
    name: 'EMCEE_PROMPTS_DIR',
    schema: z.string().min(1).default('prompts'),
    description: 'where chat scripts live',
  }),
  setting({
    name: 'EMCEE_LOCAL_ROOM',
    schema: z.string().min(1).default('data/local-room.jsonl'),
    description: "the terminal room's history (what a restarted bot reads back)",
  }),
  setting({
    name: 'EMCEE_CATCH_UP',
    schema: z.enum(['resume', 'compress', 'close'], { error: 'resume, compress or close' }).default('resume'),
    description: 'after a restart, a step whose time ran out: `resume`, `compress` or `close`',
  }),
  setting({
    name: 'EMCEE_LEASE_MS',
    schema: z.number({ error: 'a number of milliseconds, at least 1000' }).int().min(1000).default(15_000),
    read: readAs.number,
    description:
      "how long a chat's owner may go silent before another process on the same database takes the chat over",
  }),
  setting({
    name: 'EMCEE_LOG_LEVEL',
    schema: z
      .enum(['debug', 'info', 'warn', 'error', 'silent'], { error: 'debug, info, warn, error or silent' })
      .default('info'),
    description: '`debug` (also prints stack traces), `info`, `warn`, `error`, `silent`; tokens are always redacted',
  }),
  setting({
    name: 'EMCEE_WEB',
    schema: z.enum(['on', 'off'], { error: 'on or off' }).default('on'),
    description: 'the website and host console: `on` (served with every chat) or `off`',
  }),
  setting({
    name: 'EMCEE_WEB_PORT',
    schema: z.number({ error: 'a port number, 0 to 65535 (0 picks a free one)' }).int().min(0).max(65535).default(8787),
    read: readAs.number,
    description: 'the port the website and host console listen on',
  }),
  setting({
    name: 'EMCEE_WEB_HOST',
    schema: z.string().min(1).default('127.0.0.1'),
    description: 'the address the website listens on (`0.0.0.0` to serve other machines, behind a TLS proxy)',
  }),
  setting({
    name: 'EMCEE_PUBLIC_URL',
    schema: z.url('must be the address people open, such as https://chats.example.org').optional(),
    description: 'the address people reach the website at: links in posts, reminders, calendars and sign-in links',
    example: 'https://chats.example.org',
  }),
  setting({
    name: 'EMCEE_LLM_URL',
    schema: z.url('must be a URL such as http://127.0.0.1:8080/v1/chat/completions').optional(),
    description: 'optional AI summary in recaps: an OpenAI-compatible chat-completions endpoint',
    example: 'http://127.0.0.1:8080/v1/chat/completions',
  }),
  setting({
    name: 'EMCEE_LLM_MODEL',
    schema: z.string().min(1).optional(),
    description: 'the model to ask (needed with EMCEE_LLM_URL)',
    example: 'my-model',
  }),
  setting({
    name: 'EMCEE_LLM_API_KEY',
    schema: z.string().min(1).optional(),
    description: "the endpoint's API key, if it wants one",
    secret: true,
  }),
  setting({
    name: 'EMCEE_LLM_TIMEOUT_MS',
    schema: z.number({ error: 'a number of milliseconds' }).int().positive().default(20_000),
    read: readAs.number,
    description: 'how long one summary request may take before the recap falls back to extracts',
  }),
] as const;

/** Validates the core's settings. */
export const coreConfigSchema = z.object(settingsShape(CORE_SETTINGS));

/** Validated core settings. */
export type CoreConfig = z.infer<typeof coreConfigSchema>;

/** A setting that cannot be used; the message names the variable and the fix. */
export { SettingsError as ConfigError };

/** Validates the environment; empty strings count as unset, as in most .env files. */
export function readCoreConfig(env: Record<string, string | undefined>): CoreConfig {
  const result = coreConfigSchema.safeParse(readSettings(CORE_SETTINGS, env));
  if (!result.success) throw settingsError('Emcee', result.error.issues, CORE_SETTINGS, env, 'see .env.example');
  if (result.data.EMCEE_LLM_URL && !result.data.EMCEE_LLM_MODEL) {
    throw new SettingsError('EMCEE_LLM_URL is set but EMCEE_LLM_MODEL is not: name the model to use, or unset both.');
  }
  return result.data;
}
