import type { FakeSlackMessage } from '../fakes/slack/fake-slack.js';
import { startSlackAdapter } from '../slack/slack-adapter-harness.js';
import type { ContractDriver, ContractFixture, ContractUser, Pings, PlatformPost } from './contract-driver.js';
import type { ContractInbound } from './contract-inbound.js';

const CHANNEL = 'C1';
const METHOD = { post: 'chat.postMessage', react: 'reactions.add' } as const;

/**
 * Slack through real Bolt (Socket Mode) against the fake Slack. The reaction pacer runs fast (600 a
 * minute, 300 ms of backlog, applause every 200 ms) so a dozen reactions at once fold into applause.
 */
export const slackFixture: ContractFixture = {
  notApplicable: {},
  start: startSlackDriver,
};

async function startSlackDriver(inbound: ContractInbound): Promise<ContractDriver> {
  const pacing = { reactionsPerMinute: 600, reactionBacklogMs: 300, applauseEveryMs: 200 };
  const rig = await startSlackAdapter('socket', inbound, pacing);
  const { fake, adapter } = rig;
  const ids = new Map<string, string>();
  const user = (id: string, displayName: string): ContractUser => {
    const address = `slack:${fake.team}:${id}`;
    ids.set(address, id);
    return { address, displayName };
  };
  const users = [user('U1', 'Ana'), user('U2', 'Bea')] as const;
  const find = (post: PlatformPost) => {
    const [channel, ts] = post.key.split(':') as [string, string];
    return { channel, ts };
  };
  return {
    adapter,
    channel: adapter.defaultChannel,
    users,
    now: () => Date.now(),
    say: async (who, text) => toPost(fake.userSays({ channel: CHANNEL, user: ids.get(who.address)!, text })),
    sayInThread: async (who, parent, text) =>
      toPost(fake.userSays({ channel: CHANNEL, user: ids.get(who.address)!, text, threadTs: find(parent).ts })),
    botPosts: () =>
      [...fake.history.values()]
        .flat()
        .filter((m) => m.user === fake.botUserId)
        .sort((a, b) => Number(a.ts) - Number(b.ts))
        .map(toPost),
    reactionCount: () => [...fake.reactions.values()].reduce((n, names) => n + names.length, 0),
    reactionsOn: (post) => fake.reactions.get(post.key) ?? [],
    pings: (post) => slackPings(post.text, fake.team),
    edit: async (post, text) => void fake.sendEvent(fake.editEvent(find(post).channel, find(post).ts, text)),
    delete: async (post) => void fake.sendEvent(fake.deleteEvent(find(post).channel, find(post).ts)),
    throttleNext: (call, retryAfterSeconds) => fake.throttle(METHOD[call], 1, retryAfterSeconds),
    attempts: (call) => fake.callsTo(METHOD[call]).length,
    loseNextConfirmation: () => fake.loseNextAnswer(METHOD.post),
    applauseFlood: 12,
    stop: rig.stop,
  };
}

function toPost(message: FakeSlackMessage): PlatformPost {
  const inThread = message.thread_ts !== undefined && message.thread_ts !== message.ts;
  return {
    key: `${message.channel}:${message.ts}`,
    text: message.text,
    conversation: inThread ? `${message.channel}/${message.thread_ts}` : message.channel,
    ...(inThread ? { replyTo: `${message.channel}:${message.thread_ts}` } : {}),
  };
}

/** Slack notifies whoever its markup names: `<@U…>`, `<!channel>`, `<!here>`, `<!everyone>`, `<!subteam^…>`. */
export function slackPings(text: string, team: string): Pings {
  const users = [...new Set([...text.matchAll(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g)].map((m) => `slack:${team}:${m[1]}`))];
  return { users, broadcast: /<!(channel|here|everyone)(\|[^>]*)?>|<!subteam\^/.test(text) };
}
