import type { Logger } from '../log.js';
import { followUpsFor } from '../people/follow-ups.js';
import { renderFollowUps } from '../people/render-follow-ups.js';
import type { Platform } from '../port.js';
import type { SessionRunner } from '../session/session-runner.js';
import type { ChatStore } from '../store/chat-store.js';
import type { Clock } from '../time/clock.js';
import { formatDay } from '../time/format-time.js';
import { tellHosts } from './tell-hosts.js';

/** The session event that records the follow-up list went to the hosts: a restart never sends it again. */
export const FOLLOW_UPS_SENT = 'follow-ups-sent';

/**
 * Sends the chat's follow-up list to each host in a direct message (the terminal room prints it), once per chat.
 * It is recorded before it is sent: a crash in between loses this message (`emcee followups` still shows the
 * list), which is better than hosts getting it twice. Rehearsals have none; a platform without host messages
 * gets none.
 */
export async function deliverFollowUps(
  deps: { store: ChatStore; platform: Platform; log: Logger; clock: Clock },
  session: SessionRunner,
): Promise<void> {
  const { store, platform, log, clock } = deps;
  if (session.rehearsal || !platform.notifyHosts) return;
  if (store.sessions.events(session.id).some((event) => event.kind === FOLLOW_UPS_SENT)) return;
  const list = followUpsFor(store, session.id);
  await store.writes.write(() => store.sessions.logEvent(session.id, clock.now(), FOLLOW_UPS_SENT));
  const text = renderFollowUps(list, {
    mention: (userId, name) => platform.mention(userId, name),
    quote: (quoted) => platform.quote(quoted),
    day: (iso) => formatDay(iso, session.script.timezone),
  });
  await tellHosts(platform, log, { text });
}
