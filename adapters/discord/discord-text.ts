/**
 * Makes participant text safe to repeat: `@everyone`, `@here` and mention syntax are broken with a
 * zero-width space. Belt and braces: every bot message also sets allowed_mentions.
 */
export function neutraliseMentions(text: string): string {
  return text.replace(/@(everyone|here)/g, '@\u200b$1').replace(/<@/g, '<@\u200b');
}

/** A Discord timestamp each member reads in their own timezone: the full date and "in 2 hours". */
export function discordTimestamp(at: number): string {
  const unix = Math.floor(at / 1000);
  return `<t:${unix}:F> (<t:${unix}:R>)`;
}
