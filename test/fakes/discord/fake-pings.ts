import type { Json } from './fake-guild.js';

/** Whom a posted message notifies on Discord. */
export interface DiscordPings {
  /** User ids notified. */
  users: string[];
  /** Whether it notifies @everyone, @here or a role. */
  broadcast: boolean;
}

/**
 * Discord's rule for who a message pings: mentions in the content count only as far as `allowed_mentions`
 * lets them (`parse` switches parsing of users, roles or everyone on; `users` and `roles` list the ones
 * allowed besides); without `allowed_mentions` everything in the content pings. A reply pings the author
 * of the message it replies to unless `replied_user` is false.
 */
export function discordPings(
  content: string,
  allowed: Json | undefined,
  repliedAuthor: string | undefined,
): DiscordPings {
  const inText = [...new Set([...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1]!))];
  const rolesInText = [...content.matchAll(/<@&(\d+)>/g)].map((m) => m[1]!);
  const everyoneInText = /@(everyone|here)/.test(content);
  const parse = allowed ? ((allowed.parse ?? []) as string[]) : ['users', 'roles', 'everyone'];
  const listedUsers = (allowed?.users ?? []) as string[];
  const listedRoles = (allowed?.roles ?? []) as string[];
  const users = inText.filter((id) => parse.includes('users') || listedUsers.includes(id));
  const replied = allowed ? allowed.replied_user === true : true;
  if (repliedAuthor && replied && !users.includes(repliedAuthor)) users.push(repliedAuthor);
  const roles = rolesInText.some((id) => parse.includes('roles') || listedRoles.includes(id));
  return { users, broadcast: roles || (everyoneInText && parse.includes('everyone')) };
}
