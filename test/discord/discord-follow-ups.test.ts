import { describe, expect, it } from 'vitest';
import { discordChatPerTest, PEOPLE, type PostedBody, postedMessages as posts, waitFor } from './discord-harness.js';

const newChat = discordChatPerTest();

describe("the hosts' follow-up list on Discord", () => {
  it("reaches the host's direct message after a chat: mentions to click, a quiet person named only", async () => {
    const c = await newChat({ hostIds: [PEOPLE.host], followUps: true });
    await c.start();
    const { fake, store } = c;
    const guild = `discord:${fake.guildId}`;
    store.quiet.setQuiet(guild, `${guild}:${PEOPLE.bea}`, true, c.clock.now());
    fake.slashCommand({ user: PEOPLE.host, sub: 'start', script: 'demo' });
    await waitFor(() => posts(c).some((p) => p.content.startsWith('Welcome to #CommunityChat')), 'the welcome');
    await c.clock.advance(15_000);
    await waitFor(() => posts(c).some((p) => p.content.startsWith('Q1:')), 'Q1');
    fake.memberSays({ author: PEOPLE.host, content: 'Hello all, glad you came' });
    fake.memberSays({ author: PEOPLE.ana, content: 'A1: listen before you post' });
    fake.memberSays({ author: PEOPLE.bea, content: 'A1: reply to every reply' });
    fake.memberSays({ author: PEOPLE.ana, content: `<@${PEOPLE.host}> will there be a recap?` });
    await waitFor(() => store.messages.forSession(1).length === 4, 'the messages stored');
    fake.slashCommand({ user: PEOPLE.host, sub: 'end' });
    await waitFor(() => c.ended.length === 1, 'the end');

    const dm = () => fake.dms.channels.get(PEOPLE.host);
    const inDm = () => {
      const texts = (dm() && fake.dms.messages.get(dm()!)) || [];
      return texts.map((m) => String(m.content)).find((text) => text.startsWith('Follow-ups'));
    };
    await waitFor(() => inDm() !== undefined, "the list in the host's direct message");
    const list = inDm()!;
    expect(list).toContain('First-timers — say hello (2)');
    expect(list).toContain(`<@${PEOPLE.ana}>: A1: “listen before you post”`);
    expect(list).toContain('Bea B.: A1: “reply to every reply”');
    expect(list).toMatch(new RegExp(`<@${PEOPLE.ana}> asked \\S+: “@\\S+ will there be a recap\\?”`));
    // Bea asked to be quiet: named, never mentioned. The list pings nobody and stays out of the chat's channel.
    expect(list).not.toContain(`<@${PEOPLE.bea}>`);
    const sent = c.fake.callsTo('POST', /^\/channels\/\d+\/messages$/).filter((call) => {
      return String((call.body as unknown as PostedBody).content).startsWith('Follow-ups');
    });
    expect(sent.map((call) => call.path)).toEqual([`/channels/${dm()}/messages`]);
    expect(sent.map((call) => (call.body as unknown as PostedBody).allowed_mentions)).toEqual([{ parse: [] }]);
  });
});
