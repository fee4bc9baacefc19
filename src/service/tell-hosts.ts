import type { Logger } from '../log.js';
import type { HostNotice, Platform } from '../port.js';

/**
 * Tells a platform's hosts something privately (a direct message), and writes to the log what could not be
 * delivered. Never throws: a notice that cannot reach anyone is still in the log.
 */
export async function tellHosts(platform: Platform, log: Logger, notice: HostNotice): Promise<void> {
  if (!platform.notifyHosts) return;
  try {
    const result = await platform.notifyHosts(notice);
    if (result.noHosts) log.info(`Hosts not told on ${platform.name}: ${result.noHosts}`);
    for (const failure of result.failed) log.warn(`A host was not told on ${platform.name}: ${failure}`);
  } catch (error) {
    log.warn(`Could not tell the hosts on ${platform.name}`, { error });
  }
}
