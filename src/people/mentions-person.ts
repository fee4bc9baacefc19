/** Someone a message may mention: by user address where known, else by name only (a guest given by name). */
export interface Mentionable {
  /** Their user address (`slack:T1:U1`, `discord:G:123`), when known. */
  id?: string;
  /** Their display name. */
  name: string;
}

/**
 * Whether `text` mentions the person, in any platform's form: Slack `<@U1>` / `<@U1|ana>`, Discord `<@123>` /
 * `<@!123>` (the address's last part, or the whole address as test platforms write it), or `@Name` as the
 * terminal room writes it (not followed by a letter or digit, so `@Ana` is not `@Anabel`).
 */
export function mentionsPerson(text: string, person: Mentionable): boolean {
  if (!text.includes('@')) return false;
  if (person.id) {
    const bare = person.id.slice(person.id.lastIndexOf(':') + 1);
    for (const id of new Set([person.id, bare])) {
      if (text.includes(`<@${id}>`) || text.includes(`<@!${id}>`) || text.includes(`<@${id}|`)) return true;
    }
  }
  const name = person.name.trim();
  if (!name) return false;
  const lower = text.toLowerCase();
  const wanted = `@${name.toLowerCase()}`;
  for (let at = lower.indexOf(wanted); at >= 0; at = lower.indexOf(wanted, at + 1)) {
    const next = lower.charAt(at + wanted.length);
    if (!/[\p{L}\p{N}_]/u.test(next)) return true;
  }
  return false;
}
