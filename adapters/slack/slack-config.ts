import { z } from 'zod';
import { envConfigError } from '../shared/env-config-error.js';

// A string matching `pattern`; the hint is the whole message, for a missing value as for a malformed one.
const text = (pattern: RegExp, hint: string) => z.string({ error: hint }).regex(pattern, hint);

/** Settings of the Slack adapter. The entry point builds it from the environment with `slackConfigFromEnv`. */
export const slackConfigSchema = z
  .object({
    botToken: text(/^xoxb-[\w-]+$/, 'the Bot User OAuth Token, starting "xoxb-" (OAuth & Permissions page)'),
    mode: z.enum(['socket', 'http'], { error: 'socket (the default) or http' }).default('socket'),
    appToken: text(/^xapp-[\w-]+$/, 'an app-level token starting "xapp-" with connections:write (Basic Information page)').optional(),
    signingSecret: text(/^[0-9a-f]{16,}$/i, 'the Signing Secret, hexadecimal (Basic Information page)').optional(),
    port: z.number({ error: 'a port number, 0 to 65535' }).int().min(0).max(65535).default(3000),
    host: z.string().min(1).default('0.0.0.0'),
    channel: text(/^[CG][A-Z0-9]+$/, 'a channel id like C0123ABCD (channel name → About, at the bottom)'),
    hostIds: z.array(z.string().regex(/^[UW][A-Z0-9]+$/, 'user ids like U0123ABCD')).default([]),
    apiUrl: z.url({ error: 'a URL such as http://127.0.0.1:4000/api/' }).optional(),
    // Tier 3: about 50 reactions.add a minute per workspace.
    reactionsPerMinute: z.number().positive().default(50),
    // A reaction backlog longer than this folds into applause posts, one per channel every applauseEveryMs.
    reactionBacklogMs: z.number().positive().default(30_000),
    applauseEveryMs: z.number().positive().default(15_000),
    // chat.postMessage: about one a second per channel, with short bursts allowed.
    postIntervalMs: z.number().min(0).default(1000),
    postBurst: z.number().int().min(1).default(3),
    clientPingTimeoutMs: z.number().int().positive().optional(),
    // A Web API call without an answer by then counts as failed (and is retried, see slack-rate-limit.ts).
    requestTimeoutMs: z.number().int().positive().default(30_000),
  })
  .refine((c) => c.mode !== 'socket' || c.appToken, { message: 'Socket Mode needs an app token', path: ['appToken'] })
  .refine((c) => c.mode !== 'http' || c.signingSecret, { message: 'HTTP mode needs the signing secret', path: ['signingSecret'] });

/** Validated Slack settings. */
export type SlackConfig = z.infer<typeof slackConfigSchema>;
/** Settings as written before defaults. */
export type SlackConfigInput = z.input<typeof slackConfigSchema>;

const ENV_NAMES: Record<string, string> = {
  botToken: 'SLACK_BOT_TOKEN',
  mode: 'SLACK_MODE',
  appToken: 'SLACK_APP_TOKEN',
  signingSecret: 'SLACK_SIGNING_SECRET',
  port: 'SLACK_PORT',
  channel: 'SLACK_CHANNEL',
  hostIds: 'SLACK_HOST_IDS',
  apiUrl: 'EMCEE_SLACK_API_URL',
};

/** Reads the Slack settings from environment variables; the error names each variable to fix. */
export function slackConfigFromEnv(env: Record<string, string | undefined>): SlackConfig {
  const value = (name: string) => (env[name] === '' ? undefined : env[name]);
  const result = slackConfigSchema.safeParse({
    botToken: value('SLACK_BOT_TOKEN'),
    mode: value('SLACK_MODE'),
    appToken: value('SLACK_APP_TOKEN'),
    signingSecret: value('SLACK_SIGNING_SECRET'),
    port: value('SLACK_PORT') === undefined ? undefined : Number(value('SLACK_PORT')),
    channel: value('SLACK_CHANNEL'),
    hostIds: value('SLACK_HOST_IDS')?.split(',').map((id) => id.trim()).filter(Boolean),
    apiUrl: value('EMCEE_SLACK_API_URL'),
  });
  if (result.success) return result.data;
  throw envConfigError('Slack', result.error.issues, ENV_NAMES, env);
}
