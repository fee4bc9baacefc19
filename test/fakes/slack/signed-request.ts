import { createHmac } from 'node:crypto';

/** How to send one request the way Slack's HTTP delivery does, or deliberately not quite. */
export interface SignedPostOptions {
  /** Seconds since the epoch for X-Slack-Request-Timestamp; now by default. A stale one must be refused. */
  timestamp?: number;
  /** X-Slack-Retry-Num: Slack redelivers when it thinks the app was slow. */
  retryNum?: number;
  /** Overrides the computed signature (a forged request). */
  signature?: string;
  /** Content type; slash commands are form-encoded, events JSON. */
  contentType?: string;
  /** The raw body to send instead of `JSON.stringify(body)`. */
  raw?: string;
}

/** Slack's v0 request signature: `v0=` + HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the signing secret. */
export function slackSignature(signingSecret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

/** Signs and posts a body to an HTTP-mode app, as Slack does; returns the status and the response text. */
export async function postSigned(
  url: string,
  body: unknown,
  signingSecret: string,
  options: SignedPostOptions = {},
): Promise<{ status: number; text: string }> {
  const raw = options.raw ?? JSON.stringify(body);
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': options.contentType ?? 'application/json',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': options.signature ?? slackSignature(signingSecret, timestamp, raw),
      ...(options.retryNum
        ? { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' }
        : {}),
    },
    body: raw,
  });
  return { status: response.status, text: await response.text() };
}

/** The form-encoded body Slack posts for a slash command (fields as in Slack's documentation). */
export function slashCommandForm(fields: {
  team: string;
  channel: string;
  user: string;
  text: string;
  responseUrl: string;
  /** A trigger the fake issued, so views.open takes it; a made-up one otherwise. */
  triggerId?: string;
}): string {
  return new URLSearchParams({
    token: 'verification-token',
    team_id: fields.team,
    team_domain: 'fake',
    channel_id: fields.channel,
    channel_name: 'chat',
    user_id: fields.user,
    user_name: fields.user.toLowerCase(),
    command: '/emcee',
    text: fields.text,
    api_app_id: 'A0001',
    is_enterprise_install: 'false',
    response_url: fields.responseUrl,
    trigger_id: fields.triggerId ?? `trig.${Date.now()}`,
  }).toString();
}

/** The form-encoded body Slack posts for an interaction (block_actions, view_submission): `payload=<JSON>`. */
export function interactionForm(payload: unknown): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
