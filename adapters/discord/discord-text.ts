/**
 * Makes participant text safe to repeat: `@everyone`, `@here` and mention syntax (`<@id>`, `<@!id>`,
 * `<@&role>`) are broken with a zero-width space. Belt and braces: every bot message also sets
 * allowed_mentions, so even a mention this missed could not ping.
 */
export function neutraliseMentions(text: string): string {
  return text.replace(/@(everyone|here)/g, '@\u200b$1').replace(/<@/g, '<@\u200b');
}

/** Discord's timestamp styles: F = "Thursday, 19 November 2026 18:00", R = "in 2 hours", and the rest. */
export type DiscordTimeStyle = 't' | 'T' | 'd' | 'D' | 'f' | 'F' | 'R';

/** One Discord timestamp tag, e.g. `<t:1795716000:F>`; each member's client shows it in their timezone. */
export function discordTime(at: number, style: DiscordTimeStyle = 'F'): string {
  return `<t:${Math.floor(at / 1000)}:${style}>`;
}

/** The full date and the relative time together, as reminders and status show them. */
export function discordTimestamp(at: number): string {
  return `${discordTime(at, 'F')} (${discordTime(at, 'R')})`;
}
