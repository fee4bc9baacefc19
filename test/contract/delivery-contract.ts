import { expect } from 'vitest';
import { waitFor } from '../support/wait-for.js';
import type { Check, PlatformPost } from './contract-driver.js';
import { CLAP, notice, question } from './contract-messages.js';

/** The contract's checks of reactions, inbound events, history, recovery and rate limits. */
export function describeDeliveryContract(check: Check): void {
  describeReactions(check);
  describeInbound(check);
  describeRecovery(check);
}

function describeReactions(check: Check): void {
  check('react() adds one reaction', undefined, async ({ driver, inbound }) => {
    const said = await driver.say(driver.users[0], 'contract: A1 worth a clap');
    const before = driver.reactionCount();
    await driver.adapter.react((await inbound.message(said.text)).id, CLAP);
    expect(driver.reactionCount()).toBe(before + 1);
  });

  check(
    'react() puts the reaction on the message it was given, and on no other',
    'reactionsPerMessage',
    async ({ driver, inbound }) => {
      const [ana, bea] = driver.users;
      const clapped = await driver.say(ana, 'contract: A1 clap this one');
      const other = await driver.say(bea, 'contract: A1 not this one');
      await inbound.message(other.text);
      await driver.adapter.react((await inbound.message(clapped.text)).id, CLAP);
      expect(driver.reactionsOn!(clapped).join(' ')).toMatch(/👏|clap/);
      expect(driver.reactionsOn!(clapped)).toHaveLength(1);
      expect(driver.reactionsOn!(other)).toEqual([]);
    },
  );

  check(
    'a flood of reactions folds into applause that pings exactly the authors left without one',
    'applause',
    async (c) => {
      const { driver, inbound } = c;
      const said: PlatformPost[] = [];
      for (let i = 0; i < driver.applauseFlood!; i++) {
        said.push(await driver.say(driver.users[i % 2]!, `contract: A1 flood ${i}`));
      }
      const ids = await Promise.all(said.map(async (post) => (await inbound.message(post.text)).id));
      await Promise.all(ids.map((id) => driver.adapter.react(id, CLAP)));
      const applause = driver.botPosts().filter((p) => p.text.startsWith('👏 Great answers'));
      expect(applause.length).toBeGreaterThan(0);
      const applauded = new Set(applause.flatMap((p) => driver.pings!(p).users));
      const left = said.filter((post) => driver.reactionsOn!(post).length === 0);
      expect(left.length).toBeGreaterThan(0);
      const authors = new Set(left.map((post) => driver.users[said.indexOf(post) % 2]!.address));
      expect(applauded).toEqual(authors);
    },
  );
}

function describeInbound(check: Check): void {
  check(
    'inbound messages name the chat channel, community and author; a thread reply points at its question',
    undefined,
    async (c) => {
      const { adapter, channel, users } = c.driver;
      const top = await c.inbound.message((await c.driver.say(users[0], 'contract: A2 from the channel')).text);
      const { community } = adapter;
      const author = { id: users[0].address, displayName: users[0].displayName, isBot: false };
      expect(top).toMatchObject({ channel, community, author });
      expect(top.replyTo).toBeUndefined();
      const asked = await adapter.post(channel, question(2));
      const reply = await c.driver.sayInThread(users[1], c.botPost('Q2: '), 'contract: A2 from the thread');
      const inThread = await c.inbound.message(reply.text);
      const replier = { id: users[1].address, isBot: false };
      expect(inThread).toMatchObject({ channel, community, author: replier, replyTo: asked.address });
      expect(new Set([top.id, inThread.id, asked.address]).size).toBe(3);
      // The bot's own posts never come back as a participant's.
      expect(c.inbound.messages.filter((m) => m.text.startsWith('Q2: ') && !m.author.isBot)).toEqual([]);
    },
  );

  check('an edit arrives through handleEdit with the address the message arrived under', 'edits', async (c) => {
    const { adapter, channel, users } = c.driver;
    const top = await c.driver.say(users[0], 'contract: A3 tpyo');
    await adapter.post(channel, question(3));
    const inThread = await c.driver.sayInThread(users[1], c.botPost('Q3: '), 'contract: A3 tpyo in the thread');
    const ids = [(await c.inbound.message(top.text)).id, (await c.inbound.message(inThread.text)).id];
    await c.driver.edit!(top, 'contract: A3 typo fixed');
    await c.driver.edit!(inThread, 'contract: A3 typo fixed in the thread');
    await waitFor(() => c.inbound.edits.length >= 2, 'both edits');
    expect(c.inbound.edits.map((e) => [e.id, e.text])).toEqual([
      [ids[0], 'contract: A3 typo fixed'],
      [ids[1], 'contract: A3 typo fixed in the thread'],
    ]);
    for (const edit of c.inbound.edits) expect(edit.editedAt).toBeGreaterThan(0);
  });

  check('a delete arrives through handleDelete with the address the message arrived under', 'deletes', async (c) => {
    const { adapter, channel, users } = c.driver;
    const top = await c.driver.say(users[0], 'contract: A4 regret');
    await adapter.post(channel, question(4));
    const inThread = await c.driver.sayInThread(users[1], c.botPost('Q4: '), 'contract: A4 regret in the thread');
    const ids = [(await c.inbound.message(top.text)).id, (await c.inbound.message(inThread.text)).id];
    await c.driver.delete!(top);
    await c.driver.delete!(inThread);
    await waitFor(() => c.inbound.deletes.length >= 2, 'both deletes');
    expect(c.inbound.deletes).toEqual(ids);
  });
}

function describeRecovery(check: Check): void {
  check(
    'fetchHistory returns what people wrote, thread replies included, oldest first, under the live addresses',
    undefined,
    async (c) => {
      const { adapter, channel, users } = c.driver;
      expect(adapter.fetchHistory).toBeDefined();
      const since = c.driver.now() - 1000;
      const first = await c.driver.say(users[0], 'contract: H1 first');
      const asked = await adapter.post(channel, question(5));
      const second = await c.driver.sayInThread(users[1], c.botPost('Q5: '), 'contract: H2 in the thread');
      const third = await c.driver.say(users[0], 'contract: H3 last');
      const live = await Promise.all([first, second, third].map((post) => c.inbound.message(post.text)));
      const history = await adapter.fetchHistory!(channel, since);
      expect(history.incomplete).toBeUndefined();
      const people = history.messages.filter((m) => !m.author.isBot);
      expect(people.map((m) => m.text)).toEqual(live.map((m) => m.text));
      expect(people.map((m) => m.id)).toEqual(live.map((m) => m.id));
      expect(people.map((m) => m.channel)).toEqual([channel, channel, channel]);
      expect(people[1]!.replyTo).toBe(asked.address);
      const times = history.messages.map((m) => m.ts);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    },
  );

  check(
    'findOwnPost finds the bot’s post in the channel and in a thread, and nothing it never posted',
    undefined,
    async (c) => {
      const { adapter, channel, users } = c.driver;
      expect(adapter.findOwnPost).toBeDefined();
      const since = c.driver.now() - 1000;
      const top = await adapter.post(channel, notice('contract: own post at the top level'));
      const asked = await adapter.post(channel, question(6));
      const answer = await c.driver.sayInThread(users[0], c.botPost('Q6: '), 'contract: A6 wants a welcome');
      const answerId = (await c.inbound.message(answer.text)).id;
      const reply = await adapter.reply(answerId, notice('contract: own post in a thread'));
      expect(await adapter.findOwnPost!(channel, since, 'contract: own post at the top')).toBe(top.address);
      expect(await adapter.findOwnPost!(channel, since, question(6).text.slice(0, 40))).toBe(asked.address);
      expect(await adapter.findOwnPost!(channel, since, 'contract: own post in a thread')).toBe(reply.address);
      expect(await adapter.findOwnPost!(channel, since, 'contract: never posted')).toBeUndefined();
    },
  );

  check(
    'findOwnPost finds a post whose confirmation never arrived, and the address it gives reaches that post',
    'lostConfirmations',
    async (c) => {
      const { adapter, channel } = c.driver;
      const since = c.driver.now() - 1000;
      c.driver.loseNextConfirmation!();
      // The post never resolves: the bot "crashed" waiting for the answer.
      adapter.post(channel, notice('contract: confirmation lost')).catch(() => undefined);
      const arrived = () => c.driver.botPosts().some((p) => p.text.includes('confirmation lost'));
      await waitFor(arrived, 'the post to reach the platform');
      const found = await adapter.findOwnPost!(channel, since, 'contract: confirmation lost');
      expect(found).toBeDefined();
      // The post call still hangs, so the address is checked through a reaction, which goes its own way.
      expect(c.driver.reactionsOn, 'this check reads reactions per message').toBeDefined();
      await adapter.react(found!, CLAP);
      expect(c.driver.reactionsOn!(c.botPost('confirmation lost'))).toHaveLength(1);
      expect(c.driver.botPosts().filter((p) => p.text.includes('confirmation lost'))).toHaveLength(1);
    },
  );

  check(
    "a 429 is waited out: the post and the reaction go through after the fake's Retry-After",
    'rateLimits',
    async (c) => {
      const { adapter, channel, users } = c.driver;
      const said = await c.driver.say(users[0], 'contract: A7 clap after a 429');
      const id = (await c.inbound.message(said.text)).id;
      for (const call of ['post', 'react'] as const) {
        const before = c.driver.attempts!(call);
        const reactionsBefore = c.driver.reactionCount();
        c.driver.throttleNext!(call, 1);
        const started = Date.now();
        if (call === 'post') await adapter.post(channel, notice('contract: posted after a 429'));
        else await adapter.react(id, CLAP);
        expect(Date.now() - started, `the ${call} waited the Retry-After`).toBeGreaterThanOrEqual(900);
        expect(c.driver.attempts!(call) - before, `the ${call} was tried again once`).toBe(2);
        if (call === 'react') expect(c.driver.reactionCount()).toBe(reactionsBefore + 1);
      }
      expect(c.driver.botPosts().filter((p) => p.text.includes('posted after a 429'))).toHaveLength(1);
    },
  );
}
