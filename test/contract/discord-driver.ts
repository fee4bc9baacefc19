import { startAdapter } from '../discord/adapter-harness.js';
import { PEOPLE } from '../discord/fake-people.js';
import type { Json } from '../fakes/discord/fake-guild.js';
import { waitFor } from '../support/wait-for.js';
import type { ContractDriver, ContractFixture, ContractUser, PlatformPost } from './contract-driver.js';
import type { ContractInbound } from './contract-inbound.js';

const POSTS = /^\/channels\/\d+\/messages$/;
const REACTIONS = /\/reactions\//;

/** Discord through real discord.js against the fake Discord (gateway and REST on 127.0.0.1). */
export const discordFixture: ContractFixture = {
  notApplicable: {
    applause: 'discord.js paces reactions on their own route and waits out 429s; nothing folds into applause',
  },
  start: startDiscordDriver,
};

async function startDiscordDriver(inbound: ContractInbound): Promise<ContractDriver> {
  const rig = await startAdapter({ connect: false });
  const { fake, adapter } = rig;
  try {
    await adapter.start(inbound);
  } catch (error) {
    await rig.stop();
    throw error;
  }
  const ids = new Map<string, string>();
  const user = (id: string, displayName: string): ContractUser => {
    const address = rig.address.user(id);
    ids.set(address, id);
    return { address, displayName };
  };
  const users = [user(PEOPLE.ana, 'ana'), user(PEOPLE.bea, 'Bea B.')] as const;
  const stored = (post: PlatformPost): Json => {
    const message = fake.guild.find(post.key);
    if (!message) throw new Error(`the fake Discord has no message ${post.key}`);
    return message;
  };
  const toPost = (message: Json): PlatformPost => {
    const channel = String(message.channel_id);
    const reference = (message.message_reference as Json | undefined)?.message_id;
    // A thread started from a message has that message's id: it is the thread's root.
    const root = fake.threads.has(channel) ? channel : undefined;
    const replyTo = reference === undefined ? root : String(reference);
    const post = { key: String(message.id), text: String(message.content), conversation: channel };
    return replyTo ? { ...post, replyTo } : post;
  };
  return {
    adapter,
    channel: adapter.defaultChannel,
    users,
    now: () => Date.now(),
    say: async (who, text) => toPost(fake.memberSays({ author: ids.get(who.address)!, content: text })),
    sayInThread: async (who, parent, text) => {
      await waitFor(() => fake.threads.has(parent.key), `a thread on message ${parent.key}`);
      return toPost(fake.memberSays({ author: ids.get(who.address)!, content: text, channelId: parent.key }));
    },
    botPosts: () =>
      [...fake.messages.values()]
        .flat()
        .filter((m) => (m.author as Json).id === fake.botId)
        .sort((a, b) => (BigInt(String(a.id)) < BigInt(String(b.id)) ? -1 : 1))
        .map(toPost),
    reactionCount: () => [...fake.guild.reactions.values()].reduce((n, list) => n + list.length, 0),
    reactionsOn: (post) => fake.reactionsOn(post.key),
    pings: (post) => {
      const pinged = fake.pings.get(post.key);
      if (!pinged) throw new Error(`the fake Discord saw no post ${post.key}`);
      return { users: pinged.users.map((id) => rig.address.user(id)), broadcast: pinged.broadcast };
    },
    edit: async (post, text) => void fake.memberEdits(stored(post), text),
    delete: async (post) => fake.memberDeletes(stored(post)),
    throttleNext: (call, retryAfterSeconds) =>
      fake.throttle(call === 'post' ? `/channels/${fake.channelId}/messages` : '/reactions/', 1, retryAfterSeconds),
    attempts: (call) => (call === 'post' ? fake.callsTo('POST', POSTS) : fake.callsTo('PUT', REACTIONS)).length,
    loseNextConfirmation: () => fake.loseNextAnswer('POST', POSTS),
    stop: rig.stop,
  };
}
