import { z } from 'zod';
import { envConfigError } from '../shared/env-config-error.js';

/** Settings of the Slack adapter. The entry point builds it from the environment with `slackConfigFromEnv`. */
export const slackConfigSchema = z
  .object({
    botToken: z.string().regex(/^xoxb-[\w-]+$/, 'a bot token starting "xoxb-" (OAuth & Permissions page)'),
    mode: z.enum(['socket', 'http']).default('socket'),
    appToken: z.string().regex(/^xapp-[\w-]+$/, 'an app-level token starting "xapp-" with connections:write').optional(),
    signingSecret: z.string().regex(/^[0-9a-f]{16,}$/i, 'the signing secret (Basic Information page)').optional(),
    port: z.number().int().min(0).max(65535).default(3000),
    host: z.string().min(1).default('0.0.0.0'),
    channel: z.string().regex(/^[CG][A-Z0-9]+$/, 'a channel id like C0123ABCD (channel details → About)'),
    hostIds: z.array(z.string().regex(/^[UW][A-Z0-9]+$/, 'user ids like U0123ABCD')).default([]),
    apiUrl: z.url().optional(),
    reactionsPerMinute: z.number().positive().default(50),
    postIntervalMs: z.number().min(0).default(1000),
    postBurst: z.number().int().min(1).default(3),
    clientPingTimeoutMs: z.number().int().positive().optional(),
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
