/** Slack's own escaping: `&`, `<` and `>` in text the bot sends; quoted text can then ping nobody. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Text as people wrote it, from Slack's escaped form. */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** A date every reader sees in their own timezone, with a plain fallback for old clients. */
export function slackDate(at: number, fallback: string): string {
  return `<!date^${Math.floor(at / 1000)}^{date_long_pretty} at {time}|${escapeSlack(fallback)}>`;
}
