import type { Platform, UserAddress } from '../port.js';
import type { ChatStore } from '../store/chat-store.js';

/** Someone Emcee names in a post. */
export interface AddressedPerson {
  /** Their address on the platform. */
  id: UserAddress;
  /** The name people see. */
  displayName: string;
}

/**
 * How a post names someone: a mention that pings them, or, for a person who asked to be quiet, their name as
 * inert text (quoted, so a name like "@everyone" pings nobody either).
 */
export function addressOf(
  platform: Pick<Platform, 'mention' | 'quote'>,
  person: AddressedPerson,
  quiet: boolean,
): string {
  return quiet ? platform.quote(person.displayName) : platform.mention(person.id, person.displayName);
}

/** One community's way of naming people, with who is quiet read once (a closing's thanks, a follow-up list). */
export interface CommunityAddressing {
  /** The mention of a person, or their plain name when they asked to be quiet. */
  addressOf(person: AddressedPerson): string;
  /** Whether the person asked to be quiet: no mentions, welcomes or pings. */
  isQuiet(user: UserAddress): boolean;
  /** Those of `people` a post may ping (a post's `mentions`): everyone but the quiet. */
  pingable(people: readonly UserAddress[]): UserAddress[];
}

/**
 * The addressing of `communityId` as it stands now. Every place the core names a participant goes through this
 * (or `addressOf`), so `/emcee quiet` holds everywhere. Guests a host introduces are the host's choice: not here.
 */
export function communityAddressing(
  store: ChatStore,
  platform: Pick<Platform, 'mention' | 'quote'>,
  communityId: string,
): CommunityAddressing {
  const quiet = store.quiet.quietIn(communityId);
  return {
    addressOf: (person) => addressOf(platform, person, quiet.has(person.id)),
    isQuiet: (user) => quiet.has(user),
    pingable: (people) => people.filter((user) => !quiet.has(user)),
  };
}
