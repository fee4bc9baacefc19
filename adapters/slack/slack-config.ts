import { z } from 'zod';
import { readAs, readSettings, settingFor, settingsError, settingsShape } from '../../src/config/setting-spec.js';

// A string matching `pattern`; the hint is the whole message, for a missing value as for a malformed one.
const text = (pattern: RegExp, hint: string) => z.string({ error: hint }).regex(pattern, hint);

/** The Slack adapter's environment variables, declared once (config, errors, .env.example, README). */
export const SLACK_SETTINGS = [
  settingFor('botToken', {
    name: 'SLACK_BOT_TOKEN',
    schema: text(/^xoxb-[\w-]+$/, 'the Bot User OAuth Token, starting "xoxb-" (OAuth & Permissions page)'),
    description: 'the bot token; setting it turns Slack on',
    secret: true,
    example: 'xoxb-...',
  }),
  settingFor('appToken', {
    name: 'SLACK_APP_TOKEN',
    schema: text(
      /^xapp-[\w-]+$/,
      'an app-level token starting "xapp-" with connections:write (Basic Information page)',
    ).optional(),
    description: 'the app-level token for Socket Mode',
    secret: true,
    example: 'xapp-...',
  }),
  settingFor('channel', {
    name: 'SLACK_CHANNEL',
    schema: text(/^[CG][A-Z0-9]+$/, 'a channel id like C0123ABCD (channel name → About, at the bottom)'),
    description: 'the channel chats run in',
    example: 'C0123ABCD',
  }),
  settingFor('hostIds', {
    name: 'SLACK_HOST_IDS',
    schema: z.array(z.string().regex(/^[UW][A-Z0-9]+$/, 'user ids like U0123ABCD')).default([]),
    read: readAs.list,
    description: 'user ids of the hosts, comma-separated (workspace admins and owners are hosts anyway)',
    example: 'U0123ABCD,U0456EFGH',
  }),
  settingFor('mode', {
    name: 'SLACK_MODE',
    schema: z.enum(['socket', 'http'], { error: 'socket (the default) or http' }).default('socket'),
    description: '`socket` (Socket Mode) or `http` (Events API, with the signing secret and a port)',
  }),
  settingFor('signingSecret', {
    name: 'SLACK_SIGNING_SECRET',
    schema: text(/^[0-9a-f]{16,}$/i, 'the Signing Secret, hexadecimal (Basic Information page)').optional(),
    description: 'the signing secret, for HTTP mode',
    secret: true,
  }),
  settingFor('port', {
    name: 'SLACK_PORT',
    schema: z.number({ error: 'a port number, 0 to 65535' }).int().min(0).max(65535).default(3000),
    read: readAs.number,
    description: 'the port HTTP mode listens on',
  }),
  settingFor('apiUrl', {
    name: 'EMCEE_SLACK_API_URL',
    schema: z.url({ error: 'a URL such as http://127.0.0.1:4000/api/' }).optional(),
    description: "where the Slack Web API is (tests and proxies only; Slack's own by default)",
  }),
] as const;

/** Settings of the Slack adapter. The entry point builds it from the environment with `slackConfigFromEnv`. */
export const slackConfigSchema = z
  .object({
    ...settingsShape(SLACK_SETTINGS),
    host: z.string().min(1).default('0.0.0.0'),
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
  .refine((c) => c.mode !== 'http' || c.signingSecret, {
    message: 'HTTP mode needs the signing secret',
    path: ['signingSecret'],
  });

/** Validated Slack settings. */
export type SlackConfig = z.infer<typeof slackConfigSchema>;
/** Settings as written before defaults. */
export type SlackConfigInput = z.input<typeof slackConfigSchema>;

/** Reads the Slack settings from environment variables; the error names each variable to fix. */
export function slackConfigFromEnv(env: Record<string, string | undefined>): SlackConfig {
  const result = slackConfigSchema.safeParse(readSettings(SLACK_SETTINGS, env));
  if (result.success) return result.data;
  throw settingsError('Slack', result.error.issues, SLACK_SETTINGS, env, 'see README, "Slack"');
}
