import { afterEach, describe, expect, it } from 'vitest';
import { discordTime } from '../../adapters/discord/discord-text.js';
import { laterMillisecond, waitFor } from '../support/wait-for.js';
import { startAdapter, type AdapterRig } from './adapter-harness.js';
import { PEOPLE } from './fake-people.js';

let rig: AdapterRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

type Body = {
  content: string;
  embeds?: { title: string; description: string; footer: { text: string } }[];
  allowed_mentions: { parse: string[]; users: string[]; replied_user: boolean };
  message_reference?: { message_id: string; fail_if_not_exists: boolean };
};
const posts = (r: AdapterRig) =>
  r.fake.callsTo('POST', /^\/channels\/\d+\/messages$/).map((c) => ({ path: c.path, body: c.body as unknown as Body }));

describe('what Emcee posts on Discord', () => {
  it('a question: an embed (question, hashtag, hint), its first line as plain text, a thread when asked', async () => {
    const r = (rig = await startAdapter());
    const text = 'Q2: What makes a post feel personal? #CommunityChat\nReply with A2: … and add #CommunityChat';
    const question = {
      number: 2,
      text: 'What makes a post feel personal?',
      hashtag: '#CommunityChat',
      hint: 'Reply with A2: … and add #CommunityChat',
      openThread: true,
    };
    const posted = await r.adapter.post(r.adapter.defaultChannel, { kind: 'question', text, question });
    const [sent] = posts(r);
    expect(sent!.body).toEqual({
      content: 'Q2: What makes a post feel personal? #CommunityChat',
      embeds: [
        {
          title: 'Q2 · #CommunityChat',
          description: '**What makes a post feel personal?**',
          footer: { text: question.hint },
          color: 0x3b5bdb,
        },
      ],
      allowed_mentions: { parse: [], users: [], replied_user: false },
      // A retry of the same post is answered with the first one's message, never posted twice.
      nonce: expect.stringMatching(/^[0-9a-f]{24}$/),
      enforce_nonce: true,
    });
    const messageId = posted.address.split(':')[3]!;
    expect(r.fake.callsTo('POST', /\/threads$/).map((c) => [c.path, c.body])).toEqual([
      [
        `/channels/${r.fake.channelId}/messages/${messageId}/threads`,
        { name: 'Q2: What makes a post feel personal?', auto_archive_duration: 1440 },
      ],
    ]);
    expect(r.fake.threads.get(messageId)).toMatchObject({ parent_id: r.fake.channelId });
  });

  it('no thread unless the script asks, or the adapter is set to open one for every question', async () => {
    const r = (rig = await startAdapter());
    const question = { number: 1, text: 'Why?', hashtag: '#C', hint: 'A1', openThread: false };
    await r.adapter.post(r.adapter.defaultChannel, { kind: 'question', text: 'Q1: Why?', question });
    expect(r.fake.callsTo('POST', /\/threads$/)).toHaveLength(0);
    await r.stop();
    const always = (rig = await startAdapter({ config: { threadsPerQuestion: true } }));
    await always.adapter.post(always.adapter.defaultChannel, { kind: 'question', text: 'Q1: Why?', question });
    expect(always.fake.callsTo('POST', /\/threads$/)).toHaveLength(1);
  });

  it('allowed_mentions names exactly the users meant, and quoted text cannot ping', async () => {
    const r = (rig = await startAdapter());
    const ana = r.address.user(PEOPLE.ana);
    const bea = r.address.user(PEOPLE.bea);
    const text =
      `Thank you ${r.adapter.mention(ana, 'ana')} and ${r.adapter.mention(bea, 'bea')}! ` +
      `${r.adapter.quote('@everyone look <@&123456789012345678> <@100000000000000013> @here')}`;
    await r.adapter.post(r.adapter.defaultChannel, { kind: 'thanks', text, mentions: [ana, bea, ana] });
    const [sent] = posts(r);
    expect(sent!.body.allowed_mentions).toEqual({ parse: [], users: [PEOPLE.ana, PEOPLE.bea], replied_user: false });
    expect(sent!.body.content).toContain(`<@${PEOPLE.ana}>`);
    expect(sent!.body.content).not.toMatch(/@everyone|@here|<@&|<@100000000000000013>/);
  });

  it('a reply goes to the message’s channel or thread, as a Discord reply that pings only whom it names', async () => {
    const r = (rig = await startAdapter());
    const said = r.fake.memberSays({ author: PEOPLE.ana, content: 'A1: first time here' });
    const ana = r.address.user(PEOPLE.ana);
    const posted = await r.adapter.reply(r.address.message(said), {
      kind: 'first-timer',
      text: `Welcome ${r.adapter.mention(ana, 'ana')}!`,
      mentions: [ana],
    });
    const [sent] = posts(r);
    expect(sent!.path).toBe(`/channels/${r.fake.channelId}/messages`);
    expect(sent!.body.message_reference).toEqual({ message_id: said.id, fail_if_not_exists: false });
    expect(sent!.body.allowed_mentions).toEqual({ parse: [], users: [PEOPLE.ana], replied_user: false });
    expect(posted.address).toMatch(new RegExp(`^discord:${r.fake.guildId}:${r.fake.channelId}:\\d+$`));

    const thread = r.fake.memberSays({ author: PEOPLE.ana, content: 'starter' });
    r.fake.guild.startThread(r.fake.channelId, String(thread.id), 't', 1440);
    const inThread = r.fake.memberSays({ author: PEOPLE.bea, content: 'in the thread', channelId: String(thread.id) });
    await r.adapter.reply(r.address.message(inThread), { kind: 'first-timer', text: 'Welcome!' });
    expect(posts(r)[1]!.path).toBe(`/channels/${String(thread.id)}/messages`);
  });

  it('reactions use the unicode emoji on the message, in the channel or a thread', async () => {
    const r = (rig = await startAdapter());
    const said = r.fake.memberSays({ author: PEOPLE.ana, content: 'A1: yes' });
    await r.adapter.react(r.address.message(said), { unicode: '👏', shortcode: 'clap' });
    expect(r.fake.callsTo('PUT', /reactions/).map((c) => c.path)).toEqual([
      `/channels/${r.fake.channelId}/messages/${String(said.id)}/reactions/👏/@me`,
    ]);
    expect(r.fake.reactionsOn(String(said.id))).toEqual([`👏 by ${r.fake.botId}`]);
  });

  it('times are Discord timestamps; limits are Discord’s; channel ids resolve to addresses', async () => {
    const r = (rig = await startAdapter({ connect: false }));
    const at = Date.UTC(2026, 10, 26, 18);
    expect(r.adapter.formatTime!(at, 'Thursday 1pm')).toBe('<t:1795716000:F> (<t:1795716000:R>)');
    expect(discordTime(at, 'R')).toBe('<t:1795716000:R>');
    expect(r.adapter.limits).toEqual({ messageLength: 2000, mentionsPerMessage: 100 });
    expect(r.adapter.resolveChannel!('123456789012345678')).toBe(`discord:${r.fake.guildId}:123456789012345678`);
    await expect(r.adapter.post('discord:999999999999999999:1', { kind: 'notice', text: 'x' })).rejects.toThrow(
      /not in the configured Discord server/,
    );
    await expect(r.adapter.post('slack:T1:C2', { kind: 'notice', text: 'x' })).rejects.toThrow(
      /Not a Discord channel address/,
    );
  });
});

describe('catching up after downtime', () => {
  it('history: the channel and its threads since an instant, oldest first, bots left out, hosts known', async () => {
    const r = (rig = await startAdapter());
    await r.adapter.post(r.adapter.defaultChannel, { kind: 'notice', text: 'old bot post' });
    // Message ids carry their millisecond: `since` must fall strictly between the old post and the new ones.
    const since = await laterMillisecond(Date.now());
    await laterMillisecond(since);
    const question = { number: 1, text: 'Why?', hashtag: '#C', hint: 'A1', openThread: true };
    const q = await r.adapter.post(r.adapter.defaultChannel, { kind: 'question', text: 'Q1: Why? #C', question });
    await waitFor(() => r.fake.threads.size === 1, 'the thread');
    const threadId = q.address.split(':')[3]!;
    r.fake.memberSays({ author: PEOPLE.ana, content: 'A1: channel' });
    r.fake.memberSays({ author: PEOPLE.bea, content: 'thread answer', channelId: threadId });
    r.fake.memberSays({ author: PEOPLE.host, content: 'host note' });

    const history = await r.adapter.fetchHistory!(r.adapter.defaultChannel, since);
    expect(history.incomplete).toBeUndefined();
    expect(history.messages.map((m) => [m.text, m.replyTo ?? null, m.author.isHost])).toEqual([
      ['A1: channel', null, false],
      ['thread answer', q.address, false],
      ['host note', null, true],
    ]);
    // The same addresses the live events would have had.
    await waitFor(() => r.inbound.messages.length === 3, 'the live events');
    expect(history.messages.map((m) => m.id)).toEqual(r.inbound.messages.map((m) => m.id));

    expect(await r.adapter.findOwnPost!(r.adapter.defaultChannel, since, 'Q1: Why? #C\nhint')).toBe(q.address);
    expect(await r.adapter.findOwnPost!(r.adapter.defaultChannel, since, 'old bot post')).toBeUndefined();
  });
});
