import { afterEach, describe, expect, it } from 'vitest';
import { startSlackChat, waitFor } from './slack-harness.js';

type Chat = Awaited<ReturnType<typeof startSlackChat>>;
let chat: Chat | undefined;
afterEach(async () => {
  await chat?.stop();
  chat = undefined;
});

const posted = (c: Chat) => c.fake.callsTo('chat.postMessage').map((call) => call.args as { text: string });
const told = (c: Chat) => JSON.stringify([c.fake.responses, c.fake.ephemerals]);

describe('participants’ rights on Slack, through /emcee', () => {
  it('after "/emcee quiet" no post mentions Ana (<@U1>): no welcome, thanked by name; her answer counts', async () => {
    const c = (chat = await startSlackChat('socket'));
    c.fake.slashCommand({ channel: 'C1', user: 'U1', text: 'quiet' });
    await waitFor(() => told(c).includes("I won't mention, welcome or ping you here"), 'the quiet reply');

    c.fake.slashCommand({ channel: 'C1', user: 'UHOST', text: 'start demo' });
    await waitFor(() => posted(c).some((p) => p.text.startsWith('Welcome to #CommunityChat')), 'the welcome');
    await c.clock.advance(15_000); // Q1
    await waitFor(() => posted(c).some((p) => p.text.startsWith('Q1:')), 'Q1');
    c.fake.userSays({ channel: 'C1', user: 'U1', text: 'A1: listen first #CommunityChat' });
    c.fake.userSays({ channel: 'C1', user: 'U2', text: 'A1: reply every time #CommunityChat' });
    await waitFor(() => c.fake.callsTo('reactions.add').length === 2, 'both answers acknowledged');
    await waitFor(() => posted(c).some((p) => p.text.includes('<@U2>')), "Bea's first-timer welcome");

    c.fake.slashCommand({ channel: 'C1', user: 'UHOST', text: 'end' });
    await waitFor(() => c.ended.length === 1, 'the chat to end');
    await waitFor(() => posted(c).some((p) => p.text.startsWith('📋')), 'the channel recap');
    const texts = posted(c).map((p) => p.text);
    const thanks = texts.find((t) => t.startsWith('Thank you, everyone'))!;
    expect(thanks).toContain('<@U2>');
    expect(thanks).toMatch(/\bAna\b/);
    for (const text of texts) expect(text).not.toContain('<@U1>');
    // One welcome went out, Bea's: the quiet newcomer got none.
    expect(texts.filter((t) => t.includes('<@U2>') && !t.startsWith('Thank you'))).toHaveLength(1);
    expect(c.store.thanks.forSession(1).map((t) => [t.user_id, t.answers])).toEqual([
      ['slack:T0001:U1', 1],
      ['slack:T0001:U2', 1],
    ]);
    expect(c.store.messages.answerCounts(1, 1)).toMatchObject({ total: 2, participants: 2 });
  });

  it('"/emcee my-data" sends the JSON file in a DM; "/emcee forget-me" asks, then erases on the button', async () => {
    const c = (chat = await startSlackChat('socket'));
    c.fake.slashCommand({ channel: 'C1', user: 'UHOST', text: 'start demo' });
    await waitFor(() => posted(c).some((p) => p.text.startsWith('Welcome to #CommunityChat')), 'the welcome');
    await c.clock.advance(15_000);
    await waitFor(() => posted(c).some((p) => p.text.startsWith('Q1:')), 'Q1');
    c.fake.userSays({ channel: 'C1', user: 'U1', text: 'A1: a private thought #CommunityChat' });
    await waitFor(() => c.store.messages.forSession(1).length === 1, 'the answer stored');

    c.fake.slashCommand({ channel: 'C1', user: 'U1', text: 'my-data' });
    await waitFor(() => c.fake.files.shared.length === 1, 'the file shared');
    const [file] = c.fake.files.shared;
    expect(file!.channel).toBe(c.fake.dms.get('U1'));
    const data = JSON.parse(file!.bytes.toString('utf8'));
    expect(data.messages.map((m: { text: string }) => m.text)).toEqual(['A1: a private thought #CommunityChat']);
    await waitFor(() => told(c).includes('Sent you a direct message with your data'), 'the my-data reply');

    c.fake.slashCommand({ channel: 'C1', user: 'U1', text: 'forget-me' });
    await waitFor(() => told(c).includes('forget-me confirm'), 'the question');
    expect(told(c)).toContain('forget-me:confirm'); // the button
    expect(c.store.messages.forSession(1)[0]!.text).toBe('A1: a private thought #CommunityChat');
    c.fake.sendInteractive(c.fake.clickPayload('U1', 'forget-me:confirm'));
    await waitFor(() => told(c).includes('Done: your profile and the text of your 1 message are erased'), 'done');
    expect(c.store.messages.forSession(1)[0]).toMatchObject({ text: '', author_name: '', author_id: 'forgotten:1' });
    // The hosts are told in a DM, without the name or the words.
    const toHost = c.fake.history.get(c.fake.dms.get('UHOST')!) ?? [];
    const notice = toHost.map((m) => m.text).find((t) => t.startsWith('Someone used forget-me'));
    expect(notice).toBeDefined();
    expect(notice).not.toMatch(/Ana|U1|private thought/);
  });
});
