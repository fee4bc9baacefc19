/**
 * Slack's own escaping of `&`, `<` and `>`: what is left cannot be a control sequence, so quoted text can
 * ping nobody (`<!channel>`, `<!here>`, `<!everyone>`, `<!subteam^…>`, `<@U…>` all become plain text).
 */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Text as people wrote it, from Slack's escaped form (mentions stay in their `<@U…>` form). */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

// What the core's text may legitimately carry: mentions made by `mention`, dates made by `formatTime`,
// and entities already escaped by `quote`. Everything else is the core's plain words.
const OWN_MARKUP = /<@[UW][A-Z0-9]+>|<!date\^\d+\^[^|<>]*\|[^<>]*>|&(?:amp|lt|gt);/g;

/**
 * Makes the core's outbound text safe to send: the mentions and dates this adapter produced, and text
 * `quote` already escaped, pass unchanged; any other `&`, `<` or `>` (a script's "Q3: tips & tricks",
 * "<3") is escaped, so no outbound text can form a broadcast or a link Slack would act on. `inert` may
 * name plain text to write instead of a user mention that must not ping (undefined keeps the mention).
 */
export function escapeOutbound(text: string, inert?: (userId: string) => string | undefined): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(OWN_MARKUP)) {
    const userId = /^<@([UW][A-Z0-9]+)>$/.exec(match[0])?.[1];
    const plain = userId && inert ? inert(userId) : undefined;
    out += escapeSlack(text.slice(last, match.index)) + (plain === undefined ? match[0] : escapeSlack(plain));
    last = match.index + match[0].length;
  }
  return out + escapeSlack(text.slice(last));
}

/** A date every reader sees in their own timezone, with a plain fallback for old clients. */
export function slackDate(at: number, fallback: string): string {
  return `<!date^${Math.floor(at / 1000)}^{date_long_pretty} at {time}|${escapeSlack(fallback)}>`;
}

/** Cuts text to `max` UTF-16 units with an ellipsis, never in the middle of an escape or a surrogate pair. */
export function truncateSlack(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  cut = cut.replace(/&[a-z]{0,3}$/, '').replace(/[\uD800-\uDBFF]$/, '');
  return `${cut}…`;
}
