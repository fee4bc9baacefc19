import { describe, expect, it } from 'vitest';
import {
  commandReplies as replies,
  discordChatPerTest,
  PEOPLE,
  postedMessages as posts,
  waitFor,
} from './discord-harness.js';

const newChat = discordChatPerTest();

describe('participants’ rights on Discord, through /emcee', () => {
  it('after "/emcee quiet" no post mentions or may ping Ana; her answer counts, thanked by name', async () => {
    const c = await newChat();
    await c.start();
    const { fake } = c;
    fake.slashCommand({ user: PEOPLE.ana, sub: 'quiet' });
    await waitFor(() => replies(c).some((r) => r.includes("I won't mention, welcome or ping you here")), 'quiet');

    fake.slashCommand({ user: PEOPLE.host, sub: 'start', script: 'demo' });
    await waitFor(() => posts(c).some((p) => p.content.startsWith('Welcome to #CommunityChat')), 'the welcome');
    await c.clock.advance(15_000);
    await waitFor(() => posts(c).some((p) => p.content.startsWith('Q1:')), 'Q1');
    fake.memberSays({ author: PEOPLE.ana, content: 'A1: listen first #CommunityChat' });
    fake.memberSays({ author: PEOPLE.bea, content: 'A1: reply every time #CommunityChat' });
    await waitFor(() => fake.callsTo('PUT', /\/reactions\/👏\/@me$/).length === 2, 'both acknowledged');
    await waitFor(() => posts(c).some((p) => p.content.includes(`<@${PEOPLE.bea}>`)), "Bea's welcome");

    fake.slashCommand({ user: PEOPLE.host, sub: 'end' });
    await waitFor(() => c.ended.length === 1, 'the end');
    const all = posts(c);
    for (const post of all) {
      expect(post.content).not.toContain(`<@${PEOPLE.ana}>`);
      expect(post.content).not.toContain(`<@!${PEOPLE.ana}>`);
      expect(post.allowed_mentions?.users ?? []).not.toContain(PEOPLE.ana);
    }
    const thanks = all.find((p) => p.content.startsWith('Thank you, everyone'))!;
    expect(thanks.content).toMatch(/\bana\b/);
    expect(thanks.allowed_mentions).toEqual({ parse: [], users: [PEOPLE.bea], replied_user: false });
    expect(all.filter((p) => p.allowed_mentions?.users?.length && p !== thanks)).toHaveLength(1); // Bea's welcome
    const ana = `discord:${fake.guildId}:${PEOPLE.ana}`;
    expect(c.store.thanks.forSession(1).find((t) => t.user_id === ana)).toMatchObject({ answers: 1 });
    expect(c.store.messages.answerCounts(1, 1)).toMatchObject({ total: 2, participants: 2 });
  });

  it('my-data comes as a JSON attachment in a DM; forget-me asks with a button and erases on its click', async () => {
    const c = await newChat();
    await c.start();
    const { fake } = c;
    fake.slashCommand({ user: PEOPLE.host, sub: 'start', script: 'demo' });
    await waitFor(() => posts(c).some((p) => p.content.startsWith('Welcome to #CommunityChat')), 'the welcome');
    await c.clock.advance(15_000);
    await waitFor(() => posts(c).some((p) => p.content.startsWith('Q1:')), 'Q1');
    fake.memberSays({ author: PEOPLE.ana, content: 'A1: a private thought #CommunityChat' });
    await waitFor(() => c.store.messages.forSession(1).length === 1, 'the answer stored');

    fake.slashCommand({ user: PEOPLE.ana, sub: 'my-data' });
    await waitFor(() => replies(c).some((r) => r.startsWith('Sent you a direct message')), 'the my-data reply');
    const dm = fake.dms.channels.get(PEOPLE.ana)!;
    const [message] = fake.dms.messages.get(dm)!;
    const [file] = fake.dms.files.get(String(message!.id))!;
    expect(file!.filename).toMatch(/^emcee-my-data-.*\.json$/);
    const data = JSON.parse(file!.bytes.toString('utf8'));
    expect(data.messages.map((m: { text: string }) => m.text)).toEqual(['A1: a private thought #CommunityChat']);

    const asked = fake.slashCommand({ user: PEOPLE.ana, sub: 'forget-me' });
    await waitFor(() => replies(c).some((r) => r.includes('forget-me confirm')), 'the question');
    expect(c.store.messages.forSession(1)[0]!.text).toBe('A1: a private thought #CommunityChat');
    fake.clickButton({ user: PEOPLE.ana, on: asked, customId: 'emcee_action:forget-me:confirm' });
    await waitFor(() => c.store.messages.forSession(1)[0]!.text === '', 'the erasure');
    expect(c.store.messages.forSession(1)[0]).toMatchObject({ author_name: '', author_id: 'forgotten:1' });
  });
});
