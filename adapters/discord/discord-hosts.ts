/** Discord's MANAGE_EVENTS permission bit: people who run a server's events run its chats too. */
export const MANAGE_EVENTS = 1n << 33n;
/** ADMINISTRATOR implies every permission, Manage Events included. */
export const ADMINISTRATOR = 1n << 3n;

/** What decides whether a member may host: their role ids and their guild-level permissions. */
export interface MemberStanding {
  /** Role ids the member has (without @everyone, as Discord sends them). */
  roles: readonly string[];
  /** Their permissions as a bitfield. */
  permissions: bigint;
}

/** A host is a member with the configured host role, or with Manage Events (or Administrator). */
export function isDiscordHost(member: MemberStanding, hostRoleId: string | undefined): boolean {
  if (hostRoleId !== undefined && member.roles.includes(hostRoleId)) return true;
  return (member.permissions & (MANAGE_EVENTS | ADMINISTRATOR)) !== 0n;
}

/**
 * A member's guild-level permissions from their roles, as Discord computes them: @everyone's (whose id is
 * the guild's) plus every role's; the owner has them all. Messages carry roles but not permissions, so the
 * adapter works them out from the roles discord.js keeps from GUILD_CREATE.
 */
export function guildPermissions(
  roles: readonly string[],
  rolePermissions: (roleId: string) => bigint | undefined,
  guildId: string,
  isOwner: boolean,
): bigint {
  if (isOwner) return ADMINISTRATOR | MANAGE_EVENTS;
  return [guildId, ...roles].reduce((bits, role) => bits | (rolePermissions(role) ?? 0n), 0n);
}
