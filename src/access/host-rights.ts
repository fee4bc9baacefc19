import type { Platform } from '../port.js';

/** Where `emcee signin` users come from: whoever can run the CLI on the server is a host. */
export const CLI_IDENTITY_PREFIX = 'cli:';

/** The identity of a person at the server's command line, e.g. "cli:alice@chat-server". */
export function cliIdentity(user: string, hostname: string): string {
  return `${CLI_IDENTITY_PREFIX}${user}@${hostname}`;
}

/** A platform that may say whether a person hosts there now. */
export type HostRightsSource = Pick<Platform, 'name' | 'isHost'>;

/**
 * Whether a signed-in identity has host rights at this moment: CLI identities always (they can run the
 * server's commands anyway); platform identities as their platform says now. Each platform answers false for
 * addresses it did not make, so the first that says true decides. When none says true and one could not be
 * asked, this rejects: "cannot tell" is neither a yes nor a reason to sign anyone out.
 */
export function hostRightsFrom(platforms: readonly HostRightsSource[]): (identity: string) => Promise<boolean> {
  return async (identity) => {
    if (identity.startsWith(CLI_IDENTITY_PREFIX)) return true;
    // Only the platform the identity comes from can say; with it not connected (`emcee web` alone), nobody can.
    const askable = platforms.filter((platform) => platform.isHost && identity.startsWith(`${platform.name}:`));
    if (askable.length === 0) throw new Error(`No connected platform can tell whether ${identity} hosts`);
    let failure: unknown;
    for (const platform of askable) {
      if (!platform.isHost) continue;
      try {
        if (await platform.isHost(identity)) return true;
      } catch (error) {
        failure ??= error;
      }
    }
    if (failure !== undefined) throw new Error(`Could not check host rights for ${identity}`, { cause: failure });
    return false;
  };
}
