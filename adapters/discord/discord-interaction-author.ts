import type { InboundAuthor } from '../../src/port.js';
import { discordAddress } from './discord-addresses.js';
import { isDiscordHost } from './discord-hosts.js';

/** The member an interaction carries: its user, nickname, roles and the permissions Discord computed. */
export interface InteractionMember {
  /** The member's user. */
  user: { id: string; username: string; global_name?: string | null | undefined; bot?: boolean | undefined };
  /** Their server nickname. */
  nick?: string | null | undefined;
  /** Their role ids. */
  roles: string[];
  /** Their permissions in the channel, as a decimal bitfield. */
  permissions?: string | undefined;
}

/**
 * Who gave a slash command, clicked a button or sent a form: every interaction carries the member with
 * the permissions Discord computed, so all three decide host standing the same way.
 */
export function interactionAuthor(
  member: InteractionMember,
  guildId: string,
  hostRoleId: string | undefined,
): InboundAuthor {
  return {
    id: discordAddress.user(guildId, member.user.id),
    displayName: member.nick ?? member.user.global_name ?? member.user.username,
    isBot: member.user.bot === true,
    isHost: isDiscordHost({ roles: member.roles, permissions: BigInt(member.permissions ?? '0') }, hostRoleId),
  };
}
