import { createRequire } from 'node:module';
import type { RESTOptions } from 'discord.js';

type Dispatcher = NonNullable<RESTOptions['agent']>;

/**
 * A connection pool of discord.js's own undici for its REST calls. Without one, @discordjs/rest uses undici's
 * process-wide dispatcher, which a newer undici in the same process (Slack's Socket Mode client brings undici 7)
 * may have created first under the same global key: that dispatcher does not recognise the older undici's
 * FormData, so a Discord upload with files (a recap to the hosts) fails with "action is not a function" whenever
 * Slack and Discord run in one process.
 */
export function discordRestAgent(): Dispatcher {
  // Resolved from @discordjs/rest's own folder, so it is the undici that package was built against.
  const fromRest = createRequire(createRequire(import.meta.url).resolve('@discordjs/rest'));
  const undici = fromRest('undici') as { Agent: new () => Dispatcher };
  return new undici.Agent();
}
