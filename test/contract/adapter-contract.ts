import { afterEach, describe, expect, it } from 'vitest';
import { ContractInbound } from './contract-inbound.js';
import {
  CAPABILITIES,
  type Check,
  type CheckContext,
  type ContractDriver,
  type ContractFixture,
} from './contract-driver.js';
import { notice, question } from './contract-messages.js';
import { describeDeliveryContract } from './delivery-contract.js';

/**
 * The contract every adapter keeps, run against its fake platform through a neutral driver. Each check
 * starts a fresh fake and adapter, so one failing check never leaves state for the next.
 */
export function describeAdapterContract(name: string, fixture: ContractFixture): void {
  describe(`${name} keeps the adapter contract`, () => {
    let running: ContractDriver | undefined;
    afterEach(async () => {
      await running?.stop();
      running = undefined;
    });

    const open = async (): Promise<CheckContext> => {
      const inbound = new ContractInbound();
      const driver = (running = await fixture.start(inbound));
      const botPost = (marker: string) => {
        const found = driver.botPosts().find((p) => p.text.includes(marker));
        if (!found) throw new Error(`the bot posted nothing containing "${marker}"`);
        return found;
      };
      return { driver, inbound, botPost };
    };

    const check: Check = (title, capability, body) => {
      const reason = capability ? fixture.notApplicable[capability] : undefined;
      if (capability && reason) {
        it(`${title} — not applicable: ${reason}`, async () => {
          const { driver } = await open();
          const has = driver[CAPABILITIES[capability]];
          expect(has, `${name} declares no ${capability} but its driver has them`).toBeUndefined();
        });
        return;
      }
      it(title, async () => {
        const context = await open();
        const has = capability ? context.driver[CAPABILITIES[capability]] : true;
        expect(has, `the ${name} driver lacks ${capability}`).toBeDefined();
        await body(context);
      });
    };

    describeOutboundContract(check);
    describeDeliveryContract(check);
  });
}

function describeOutboundContract(check: Check): void {
  check(
    'declares its limits: a name, a message length it really accepts, a mention cap',
    undefined,
    async ({ driver, botPost }) => {
      const { name, limits } = driver.adapter;
      expect(name).toMatch(/^[a-z][a-z0-9-]*$/);
      const within = (n: number, low: number, high: number) => Number.isInteger(n) && n >= low && n <= high;
      expect(within(limits.messageLength, 500, 40_000), `messageLength ${limits.messageLength}`).toBe(true);
      const mentions = limits.mentionsPerMessage;
      // A number of mentions, or Infinity where the platform sets no cap.
      expect(
        mentions === Number.POSITIVE_INFINITY || within(mentions, 1, 10_000),
        `mentionsPerMessage ${mentions}`,
      ).toBe(true);
      const marker = 'contract: the longest message ';
      const longest = marker + 'x'.repeat(limits.messageLength - marker.length);
      await driver.adapter.post(driver.channel, notice(longest));
      expect(botPost(marker).text).toBe(longest);
    },
  );

  check('post returns an address of its own, which a reply then reaches', undefined, async ({ driver, botPost }) => {
    const { adapter, channel } = driver;
    const first = await adapter.post(channel, notice('contract: first post'));
    const second = await adapter.post(channel, notice('contract: second post'));
    expect(first.address).not.toBe(second.address);
    const reply = await adapter.reply(first.address, notice('contract: a reply to the first post'));
    expect([first.address, second.address]).not.toContain(reply.address);
    expect(botPost('a reply to the first post').replyTo).toBe(botPost('first post').key);
  });

  check(
    "reply lands with the message replied to: as its reply or in its thread, and in a thread's own conversation",
    undefined,
    async (c) => {
      const { adapter, channel, users } = c.driver;
      const top = await c.driver.say(users[0], 'contract: A1 at the top level');
      const topInbound = await c.inbound.message(top.text);
      await adapter.reply(topInbound.id, { kind: 'first-timer', text: 'contract: welcome at the top level' });
      expect(c.botPost('welcome at the top level').replyTo).toBe(top.key);

      await adapter.post(channel, question(1));
      const asked = c.botPost('Q1: ');
      const inThread = await c.driver.sayInThread(users[1], asked, 'contract: A1 in the thread');
      const threadInbound = await c.inbound.message(inThread.text);
      await adapter.reply(threadInbound.id, { kind: 'first-timer', text: 'contract: welcome in the thread' });
      const welcome = c.botPost('welcome in the thread');
      expect(welcome.conversation).toBe(inThread.conversation);
      expect([inThread.key, asked.key]).toContain(welcome.replyTo);
    },
  );

  check(
    'quote() makes participant text inert: posted, it pings nobody and keeps its words',
    'pings',
    async ({ driver, botPost }) => {
      const { adapter, channel, users } = driver;
      // Every platform's broadcast and mention syntax, and this adapter's own mention, as a participant may type them.
      const typed = [
        '@everyone @here <!channel> <!here> <!everyone> <!subteam^S1|@team>',
        '<@U2> <@!100000000000000012> <@&100000000000000005>',
        adapter.mention(users[1].address, users[1].displayName),
      ].join(' ');
      await adapter.post(channel, { kind: 'recap', text: `contract quote: "${adapter.quote(typed)}"` });
      const posted = botPost('contract quote');
      expect(driver.pings!(posted)).toEqual({ users: [], broadcast: false });
      expect(posted.text).toMatch(/everyone[\s\S]*here[\s\S]*channel/);
    },
  );

  check(
    'mention() pings exactly that user, and a post pings only the users in its `mentions`',
    'pings',
    async ({ driver, botPost }) => {
      const { adapter, channel, users } = driver;
      const [ana, bea] = users;
      const both = [ana, bea].map((user) => adapter.mention(user.address, user.displayName)).join(' and ');
      await adapter.post(channel, { kind: 'thanks', text: `contract one: thank you ${both}`, mentions: [ana.address] });
      expect(driver.pings!(botPost('contract one'))).toEqual({ users: [ana.address], broadcast: false });
      const mentions = [bea.address, ana.address];
      await adapter.post(channel, { kind: 'thanks', text: `contract two: thank you ${both}`, mentions });
      expect([...driver.pings!(botPost('contract two')).users].sort()).toEqual([ana.address, bea.address].sort());
    },
  );

  check(
    'mention() output reaches the platform unchanged when the user is in `mentions`',
    undefined,
    async ({ driver, botPost }) => {
      const { adapter, channel, users } = driver;
      const mention = adapter.mention(users[0].address, users[0].displayName);
      expect(mention).not.toBe('');
      const text = `contract: welcome ${mention}!`;
      await adapter.post(channel, { kind: 'first-timer', text, mentions: [users[0].address] });
      expect(botPost('contract: welcome').text).toContain(mention);
    },
  );
}
