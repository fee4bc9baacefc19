import { UserError } from '../../src/errors/user-error.js';

/**
 * Turns what discord.js throws at login into a start-up error a host can act on. discord.js reports a
 * missing privileged intent (gateway close 4014) as "Used disallowed intents", a token Discord refuses
 * as TokenInvalid (REST 401) or "Authentication failed" (gateway close 4004). The token itself is never
 * part of the message.
 */
export function explainLoginError(error: unknown): Error {
  const text =
    error instanceof Error
      ? `${error.name} ${error.message} ${String((error as { code?: unknown }).code ?? '')}`
      : String(error);
  if (/disallowed intents|4014/i.test(text)) {
    return new UserError(
      'PLATFORM_REFUSED',
      'Discord refused the Message Content intent. In the Developer Portal ' +
        '(https://discord.com/developers/applications) ' +
        'open your application → Bot → Privileged Gateway Intents, switch on MESSAGE CONTENT INTENT and save; ' +
        'Emcee cannot read answers without it.',
    );
  }
  if (/TokenInvalid|TokenMissing|invalid token|401|Unauthorized|Authentication failed|4004/i.test(text)) {
    return new UserError(
      'PLATFORM_REFUSED',
      'Discord refused DISCORD_TOKEN: copy the bot token again ' +
        '(Developer Portal → your application → Bot → Reset Token).',
    );
  }
  return error instanceof Error ? error : new Error(text);
}
